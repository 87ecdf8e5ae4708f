/**
 * Every option OpenVPN 2.6 accepts, with its parameter counts: `name:min-max`, `*` for no upper bound,
 * and a trailing `w` for options that only Windows builds know.
 * Read from the option parser of OpenVPN 2.6.22 (src/openvpn/options.c, `add_option`): a line such as
 * `streq(p[0], "route") && p[1] && !p[5]` gives `route:1-4`. Where platforms differ the looser count is kept,
 * except `dhcp-option`: every type takes one value, so it is 1-2 everywhere but Android.
 * The unit tests check the list against `openvpn --help` and against what the real tool accepts.
 */
const TABLE: readonly string[] = [
  'allow-compression:1-1 allow-nonadmin:0-1w allow-pull-fqdn:0-0 allow-recursive-routing:0-0 askpass:0-1',
  'auth:1-1 auth-gen-token:0-* auth-gen-token-secret:1-1 auth-nocache:0-0 auth-retry:1-1 auth-token:1-1',
  'auth-token-user:1-1 auth-user-pass:0-1 auth-user-pass-optional:0-0 auth-user-pass-verify:1-*',
  'bcast-buffers:1-1 bind:0-1 bind-dev:1-* block-ipv6:0-0 block-outside-dns:0-0w ca:1-1 capath:1-1',
  'ccd-exclusive:0-0 cd:1-1 cert:1-1 chroot:1-1 cipher:1-1 client:0-0 client-cert-not-required:0-0',
  'client-config-dir:1-1 client-connect:1-* client-crresponse:1-* client-disconnect:1-* client-nat:4-4',
  'client-to-client:0-0 comp-lzo:0-1 comp-noadapt:0-0 compat-mode:1-2 compat-names:0-* compress:0-1',
  'config:1-1 connect-freq:2-2 connect-freq-initial:2-2 connect-retry:1-2 connect-retry-max:1-1',
  'connect-timeout:1-1 connection:1-2 crl-verify:1-* cryptoapicert:1-1 daemon:0-1 data-ciphers:1-1',
  'data-ciphers-fallback:1-1 dev:1-1 dev-node:1-1 dev-type:1-1 dh:1-1 dhcp-internal:1-1w dhcp-option:1-2',
  'dhcp-pre-release:0-0w dhcp-release:0-0w dhcp-renew:0-0w disable:0-0 disable-dco:0-* disable-occ:0-0',
  'dns:1-* down:1-* down-pre:0-0 duplicate-cn:0-0 ecdh-curve:1-1 echo:0-* engine:0-1 errors-to-stderr:0-0',
  'explicit-exit-notify:0-1 extra-certs:1-1 fast-io:0-0 float:0-0 force-tls-key-material-export:0-*',
  'fragment:1-2 genkey:0-3 gremlin:1-1 group:1-1 hand-window:1-1 hash-size:2-2 help:0-* http-proxy:1-4',
  'http-proxy-option:1-3 http-proxy-override:2-3 http-proxy-retry:0-* http-proxy-timeout:1-1',
  'http-proxy-user-pass:1-* ifconfig:2-2 ifconfig-ipv6:2-2 ifconfig-ipv6-pool:1-1 ifconfig-ipv6-push:1-2',
  'ifconfig-noexec:0-0 ifconfig-nowarn:0-0 ifconfig-pool:2-3 ifconfig-pool-persist:1-2 ifconfig-push:2-3',
  'ifconfig-push-constraint:2-2 ignore-unknown-option:1-* inactive:1-2 ip-remote-hint:0-1 ip-win32:1-3w',
  'ipchange:1-* iproute:1-1 iroute:1-2 iroute-ipv6:1-1 keepalive:2-2 key:1-1 key-derivation:1-*',
  'key-direction:1-1 keying-material-exporter:2-* learn-address:1-* link-mtu:1-1 lladdr:1-1 local:1-1',
  'log:1-1 log-append:1-1 lport:1-1 machine-readable-output:0-0 management:2-3 management-client:0-0',
  'management-client-auth:0-0 management-client-group:1-1 management-client-user:1-1',
  'management-external-cert:1-1 management-external-key:0-* management-forget-disconnect:0-0',
  'management-hold:0-0 management-log-cache:1-1 management-query-passwords:0-0 management-query-proxy:0-0',
  'management-query-remote:0-0 management-signal:0-0 management-up-down:0-0 mark:1-1 max-clients:1-1',
  'max-packet-size:1-1 max-routes:0-1 max-routes-per-client:1-1 memstats:1-1 mktun:0-0 mlock:0-0 mode:1-1',
  'msg-channel:1-* mssfix:0-2 mtu-disc:1-1 mtu-dynamic:0-* mtu-test:0-0 multihome:0-0 mute:1-1',
  'mute-replay-warnings:0-0 ncp-ciphers:1-1 nice:1-1 no-name-remapping:0-0 no-replay:0-0 nobind:0-0',
  'ns-cert-type:1-1 opt-verify:0-0 parameter:0-* passtos:0-0 pause-exit:0-0w peer-fingerprint:1-1',
  'peer-id:1-1 persist-key:0-0 persist-local-ip:0-0 persist-remote-ip:0-0 persist-tun:0-0 ping:1-1',
  'ping-exit:1-1 ping-restart:1-1 ping-timer-rem:0-0 pkcs11-cert-private:0-* pkcs11-id:1-1',
  'pkcs11-id-management:0-0 pkcs11-pin-cache:1-1 pkcs11-private-mode:1-*',
  'pkcs11-protected-authentication:0-* pkcs11-providers:1-* pkcs12:1-1 plugin:1-* port:1-1 port-share:2-3',
  'preresolve:0-1 prng:1-2 proto:1-1 proto-force:1-1 protocol-flags:1-* providers:1-* pull:0-0',
  'pull-filter:2-2 push:1-1 push-continuation:1-1 push-peer-info:0-0 push-remove:1-1 push-reset:0-0',
  'rcvbuf:1-1 rdns-internal:0-0w redirect-gateway:0-* redirect-private:0-* register-dns:0-0w',
  'remap-usr1:1-1 remote:1-3 remote-cert-eku:1-1 remote-cert-ku:0-* remote-cert-tls:1-1 remote-random:0-0',
  'remote-random-hostname:0-0 reneg-bytes:1-1 reneg-pkts:1-1 reneg-sec:1-2 replay-persist:1-1',
  'replay-window:0-2 resolv-retry:1-1 rmtun:0-0 route:1-4 route-delay:0-2 route-gateway:1-1 route-ipv6:1-3',
  'route-ipv6-gateway:1-1 route-method:1-1 route-metric:1-1 route-noexec:0-0 route-nopull:0-0',
  'route-pre-down:1-* route-up:1-* rport:1-1 script-security:1-1 secret:1-2 server:2-3 server-bridge:0-4',
  'server-ipv6:1-1 server-poll-timeout:1-1 service:1-2w session-timeout:1-1 setcon:1-1 setenv:1-*',
  'setenv-safe:1-2 shaper:1-1 show-adapters:0-0w show-ciphers:0-0 show-curves:0-0 show-digests:0-0',
  'show-engines:0-0 show-gateway:0-1 show-groups:0-0 show-net:0-0w show-net-up:0-0w show-pkcs11-ids:0-2',
  'show-tls:0-0 show-valid-subnets:0-0w single-session:0-0 sndbuf:1-1 socket-flags:0-* socks-proxy:1-3',
  'socks-proxy-retry:0-* stale-routes-check:1-2 static-challenge:2-2 status:1-2 status-version:1-1',
  'suppress-timestamps:0-0 syslog:0-1 tap-sleep:1-1w tcp-nodelay:0-0 tcp-queue-limit:1-1 test-crypto:0-0',
  'tls-auth:1-2 tls-cert-profile:1-1 tls-cipher:1-1 tls-ciphersuites:1-1 tls-client:0-0 tls-crypt:1-2',
  'tls-crypt-v2:1-2 tls-crypt-v2-verify:1-1 tls-exit:0-0 tls-export-cert:1-1 tls-groups:1-1 tls-server:0-0',
  'tls-timeout:1-1 tls-verify:1-* tls-version-max:1-1 tls-version-min:1-2 tmp-dir:1-1 topology:1-1',
  'tran-window:1-1 tun-ipv6:0-0 tun-mtu:1-2 tun-mtu-extra:1-1 tun-mtu-max:1-2 txqueuelen:1-1 udp-mtu:1-1',
  'up:1-* up-delay:0-0 up-restart:0-0 use-prediction-resistance:0-0 user:1-1 username-as-common-name:0-0',
  'verb:1-1 verify-client-cert:0-1 verify-hash:1-2 verify-x509-name:1-2 version:0-0 vlan-accept:1-1',
  'vlan-pvid:1-1 vlan-tagging:0-0 win-sys:1-1w windows-driver:1-1w writepid:1-1 x509-track:1-1',
  'x509-username-field:1-*',];

export interface DirectiveInfo {
  readonly min: number;
  /** Undefined when the option takes any number of parameters. */
  readonly max?: number;
  readonly windowsOnly: boolean;
}

export const DIRECTIVES: ReadonlyMap<string, DirectiveInfo> = (() => {
  const map = new Map<string, DirectiveInfo>();
  for (const row of TABLE) {
    for (const entry of row.split(' ')) {
      const m = /^([a-z0-9-]+):(\d+)-(\d+|\*)(w?)$/.exec(entry);
      if (!m) continue;
      const [, name = '', min = '0', max = '*', win = ''] = m;
      map.set(name, { min: Number(min), ...(max === '*' ? {} : { max: Number(max) }), windowsOnly: win === 'w' });
    }
  }
  return map;
})();

/** Options OpenVPN no longer reads, with what replaces them. */
export const REMOVED: ReadonlyMap<string, string> = new Map([
  ['tls-remote', 'removed in OpenVPN 2.4; use `verify-x509-name`'],
  ['client-cert-not-required', 'removed in OpenVPN 2.5 (OpenVPN stops on it); use `verify-client-cert none`'],
  ['ifconfig-pool-linear', 'removed in OpenVPN 2.5; use `topology p2p`'],
  ['key-method', 'removed in OpenVPN 2.5'],
  ['no-iv', 'removed in OpenVPN 2.5'],
  ['ncp-disable', 'removed in OpenVPN 2.6'],
  ['management-client-pf', 'removed in OpenVPN 2.6 with the packet filter'],
  ['max-routes', 'ignored since OpenVPN 2.4: the number of routes is unlimited'],
]);

/** Inline blocks whose content is public: certificates, CRLs, DH parameters, fingerprints. */
export const PUBLIC_BLOCKS: ReadonlySet<string> = new Set([
  'ca', 'cert', 'extra-certs', 'dh', 'crl-verify', 'peer-fingerprint', 'verify-hash', 'connection',
]);

/** Options allowed inside `<connection>`: those OpenVPN 2.6 parses with the connection permission. */
export const CONNECTION_OPTIONS: ReadonlySet<string> = new Set([
  'bind', 'connect-retry', 'connect-retry-max', 'connect-timeout', 'explicit-exit-notify', 'float', 'fragment',
  'http-proxy', 'http-proxy-option', 'http-proxy-retry', 'http-proxy-timeout', 'key-direction', 'link-mtu', 'local',
  'lport', 'max-packet-size', 'mssfix', 'mtu-disc', 'mtu-dynamic', 'nobind', 'port', 'proto', 'remote', 'rport',
  'server-poll-timeout', 'socks-proxy', 'socks-proxy-retry', 'tls-auth', 'tls-crypt', 'tls-crypt-v2', 'tun-mtu',
  'tun-mtu-extra', 'tun-mtu-max', 'udp-mtu',
]);
