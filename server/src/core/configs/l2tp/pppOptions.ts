// The options pppd 2.4.9 (Debian 12) reads, from `man pppd`; one argument or none. Debian builds pppd without
// SRP, and the pppoe-* options belong to the rp-pppoe plugin, so neither is here (pppd rejects them).

/** pppd options that take one argument. */
const WITH_ARGUMENT = `asyncmap call connect disconnect escape file init mru mtu ipv6 active-filter allow-ip allow-number
bsdcomp ca cert chap-interval chap-max-challenge chap-restart chap-timeout child-timeout connect-delay crl crl-dir
defaultroute-metric deflate domain endpoint eap-interval eap-max-rreq eap-max-sreq eap-restart eap-timeout holdoff idle
ipcp-max-configure ipcp-max-failure ipcp-max-terminate ipcp-restart ipparam ipv6cp-max-configure ipv6cp-max-failure
ipv6cp-max-terminate ipv6cp-restart ipx-network ipx-node ipx-router-name ipx-routing ipxcp-max-configure
ipxcp-max-failure ipxcp-max-terminate kdebug key lcp-echo-failure lcp-echo-interval lcp-max-configure lcp-max-failure
lcp-max-terminate lcp-restart linkname logfd logfile maxconnect maxfail mrru ms-dns ms-wins name pap-max-authreq
pap-restart pap-timeout pass-filter password plugin privgroup pty record remotename remotenumber set stop-bits unit
ifname unset user vj-max-slots welcome`;

/** pppd options that take none. */
const FLAGS = `auth crtscts defaultroute defaultroute6 replacedefaultroute noreplacedefaultroute nodefaultroute nodefaultroute6
passive cdtrcts chapms-strip-domain debug default-asyncmap default-mru demand dryrun dump enable-session hide-password
show-password +ipv6 noipv6 ipcp-accept-local ipcp-accept-remote ipv6cp-accept-local ipv6cp-accept-remote
ipv6cp-use-ipaddr ipv6cp-use-persistent ipx noipx ipxcp-accept-local ipxcp-accept-network ipxcp-accept-remote ktune
noktune lcp-echo-adaptive local lock nolock login master_detach modem mp nomp multilink nomultilink mppe-stateful
nomppe-stateful mpshortseq nompshortseq noaccomp need-peer-eap noauth nobsdcomp noccp nocrtscts nocdtrcts nodeflate
nodetach noendpoint noip noipdefault nolog nomagic nomppe nomppe-40 nomppe-128 nopcomp nopersist nopredictor1
noproxyarp noremoteip notty novj novjccomp papcrypt persist predictor1 proxyarp receive-all refuse-chap refuse-mschap
refuse-mschap-v2 refuse-eap refuse-pap require-chap require-mppe require-mppe-40 require-mppe-128 require-mschap
require-mschap-v2 require-eap require-pap silent sync updetach up_sdnotify usehostname usepeerdns
xonxoff ipcp-no-address ipcp-no-addresses`;

const words = (list: string): string[] => list.split(/\s+/).filter((w) => w !== '');

/** Every option name pppd knows, with how many arguments it takes. */
export const PPP_OPTIONS: ReadonlyMap<string, 0 | 1> = new Map<string, 0 | 1>([
  ...words(FLAGS).map((w): [string, 0 | 1] => [w, 0]),
  ...words(WITH_ARGUMENT).map((w): [string, 0 | 1] => [w, 1]),
]);

/** Options whose argument is a secret: never shown anywhere. */
export const SECRET_OPTIONS: ReadonlySet<string> = new Set(['password']);

/** Options whose argument pppd reads as a number (it stops with "invalid numeric parameter" otherwise). */
export const NUMERIC_OPTIONS: ReadonlySet<string> = new Set(['mtu', 'mru', 'mrru', 'defaultroute-metric', 'kdebug', 'maxfail',
  'holdoff', 'idle', 'connect-delay', 'lcp-echo-interval', 'lcp-echo-failure', 'lcp-restart', 'lcp-max-configure',
  'lcp-max-failure', 'lcp-max-terminate', 'ipcp-restart', 'ipcp-max-configure', 'ipcp-max-failure', 'ipcp-max-terminate',
  'unit', 'maxconnect', 'chap-interval', 'chap-restart', 'chap-timeout', 'pap-restart', 'pap-timeout', 'pap-max-authreq',
  'child-timeout', 'logfd', 'vj-max-slots', 'stop-bits']);

/** A sentence for the options that matter to routing, DNS and authentication. */
export const PPP_DOCS: Readonly<Record<string, string>> = {
  defaultroute: 'Adds a default route through ppp0 when IPCP completes, but only if the machine has no default route yet (pppd 2.4.9).',
  replacedefaultroute: 'With `defaultroute`: replace the existing default route instead of keeping it, and restore it on hang-up. Linux only, privileged; upstream removed it in 2025.',
  noreplacedefaultroute: 'Turns a `replacedefaultroute` given earlier off again.',
  nodefaultroute: 'Never add a default route: only the peer\'s /32 goes into ppp0.',
  'defaultroute-metric': 'The metric of the default route pppd adds; -1 (the default) means metric 0.',
  defaultroute6: 'Adds an IPv6 default route through ppp0 when IPv6CP completes.',
  nodefaultroute6: 'Never add an IPv6 default route.',
  usepeerdns: 'Asks the peer for up to two DNS servers and writes them to /etc/ppp/resolv.conf (Debian\'s ip-up hooks copy them into /etc/resolv.conf).',
  noipdefault: 'Take the local address from the peer instead of this host\'s name.',
  'ipcp-accept-local': 'Accept the peer\'s idea of our local address even when one is given.',
  'ipcp-accept-remote': 'Accept the peer\'s idea of its own address even when one is given.',
  noauth: 'Do not require the peer to authenticate itself (the usual setting for a VPN client).',
  name: 'The name used to authenticate to the peer and to look up secrets.',
  user: 'The user name sent to the peer for authentication.',
  password: 'The password sent to the peer: it sits in this file in clear text.',
  mtu: 'The largest packet pppd lets ppp0 send.',
  mru: 'The largest packet pppd asks the peer to send.',
  persist: 'Redial when the link goes down instead of exiting.',
  maxfail: 'Give up after this many failed attempts (0: never).',
  'lcp-echo-interval': 'Seconds between LCP echo requests that check the link is alive.',
  'lcp-echo-failure': 'Unanswered LCP echo requests before pppd declares the link dead.',
  ipparam: 'An extra argument passed to the ip-up and ip-down scripts.',
  plugin: 'Loads a pppd plugin (pppol2tp.so for kernel-mode L2TP); its options become known too.',
  'connect-delay': 'Milliseconds to wait for the peer after the connect script.',
  debug: 'Logs every control packet pppd sends and receives.',
  kdebug: 'Kernel driver debug level.',
  'ms-dns': 'A DNS server address offered to the peer (server side).',
  file: 'Reads more options from this file.',
  '+ipv6': 'Turns IPv6CP (IPv6 on the link) on.',
  'ipv6cp-use-ipaddr': 'Derives the IPv6 interface identifier from the IPv4 address.',
  lock: 'Creates a UUCP-style lock file for the device.',
  noccp: 'Turns compression negotiation off.',
  'require-mschap-v2': 'Requires MS-CHAPv2 from the peer.',
  'refuse-eap': 'Refuses to authenticate with EAP.',
};
