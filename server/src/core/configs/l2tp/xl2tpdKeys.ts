// The fields xl2tpd 1.3 reads (its `words[]` table in file.c) and the sections each is valid in.

export type Xl2tpdContext = 'global' | 'lac' | 'lns';

export interface Xl2tpdKey {
  readonly name: string;
  readonly contexts: readonly Xl2tpdContext[];
  /** xl2tpd stops on anything but yes/no/y/n/true/false. */
  readonly yesNo: boolean;
  readonly doc: string;
}

const G: readonly Xl2tpdContext[] = ['global'];
const LAC: readonly Xl2tpdContext[] = ['lac'];
const LNS: readonly Xl2tpdContext[] = ['lns'];
const BOTH: readonly Xl2tpdContext[] = ['lac', 'lns'];

const key = (name: string, contexts: readonly Xl2tpdContext[], yesNo: boolean, doc: string): Xl2tpdKey => ({ name, contexts, yesNo, doc });

const AUTH = 'Authentication xl2tpd asks pppd for on this link (yes/no).';

export const XL2TPD_KEYS: readonly Xl2tpdKey[] = [
  key('listen-addr', G, false, 'The local address xl2tpd binds its UDP socket to (all addresses by default).'),
  key('port', G, false, 'The UDP port xl2tpd listens on (1701).'),
  key('saref refinfo', G, false, 'The SAref socket option number (ipsec saref).'),
  key('rand source', G, false, 'Where random numbers come from: dev, sys or egd.'),
  key('auth file', G, false, 'The L2TP tunnel secrets file (/etc/xl2tpd/l2tp-secrets).'),
  key('access control', G, true, 'Accept only peers listed in an [lns] `lac` line.'),
  key('force userspace', G, true, 'Handle PPP in user space even when the kernel can.'),
  key('ipsec saref', G, true, 'Use the SAref kernel patch to track IPsec SAs (old Openswan kernels).'),
  key('max retries', G, false, 'Control packet retries before a tunnel is given up.'),
  key('debug avp', G, true, 'Log AVP debugging.'),
  key('debug network', G, true, 'Log network debugging.'),
  key('debug packet', G, true, 'Log packet dumps.'),
  key('debug tunnel', G, true, 'Log tunnel debugging.'),
  key('debug state', G, true, 'Log state machine debugging.'),
  key('lns', LAC, false, 'The L2TP server (LNS) this LAC dials: its UDP packets must leave outside ppp0.'),
  key('autodial', LAC, true, 'Dial when xl2tpd starts.'),
  key('redial', LAC, true, 'Dial again when the connection drops.'),
  key('redial timeout', LAC, false, 'Seconds between redials.'),
  key('max redials', LAC, false, 'Redials before giving up.'),
  key('remote ip', LAC, false, 'The address asked for the peer end of the PPP link.'),
  key('defaultroute', LAC, true, 'Passes `defaultroute` to pppd: a default route through ppp0, but only if the machine has none.'),
  key('local ip', BOTH, false, 'This end\'s address on the PPP link.'),
  key('exclusive', LNS, true, 'Only one tunnel per peer.'),
  key('ip range', LNS, false, 'Addresses handed to clients.'),
  key('no ip range', LNS, false, 'Addresses never handed to clients.'),
  key('local ip range', LNS, false, 'Local link addresses to use, one per client.'),
  key('lac', LNS, false, 'Peers allowed to connect (with access control).'),
  key('no lac', LNS, false, 'Peers refused.'),
  key('assign ip', LNS, true, 'Hand clients an address from `ip range`.'),
  key('unix authentication', LNS, true, 'Check PAP passwords against /etc/passwd.'),
  key('unix auth', LNS, true, 'Check PAP passwords against /etc/passwd.'),
  ...['require pap', 'require chap', 'require authentication', 'require auth', 'refuse pap', 'refuse chap', 'refuse authentication', 'refuse auth']
    .map((name) => key(name, BOTH, true, AUTH)),
  key('length bit', BOTH, true, 'Sets the length bit in L2TP data packets.'),
  key('hidden bit', BOTH, true, 'Hides AVPs with the tunnel secret.'),
  key('name', BOTH, false, 'The name pppd authenticates with (and looks up in chap-secrets).'),
  key('hostname', BOTH, false, 'The host name sent to the peer in the L2TP handshake.'),
  key('ppp debug', BOTH, true, 'Runs pppd with `debug`.'),
  key('pass peer', BOTH, true, 'Passes the peer\'s address to pppd as `ipparam`.'),
  key('pppoptfile', BOTH, false, 'The pppd options file for this link (`file PATH`): defaultroute, usepeerdns and the rest of the routing live there.'),
  key('call rws', BOTH, false, 'Receive window size for calls.'),
  key('tunnel rws', BOTH, false, 'Receive window size for the tunnel.'),
  key('flow bit', BOTH, true, 'Use sequence numbers in data packets.'),
  key('challenge', BOTH, true, 'Authenticate the tunnel with a challenge (needs `auth file`).'),
  key('tx bps', BOTH, false, 'Transmit speed reported to pppd.'),
  key('rx bps', BOTH, false, 'Receive speed reported to pppd.'),
  key('bps', BOTH, false, 'Speed reported to pppd, both ways.'),
];

const BY_NAME = new Map(XL2TPD_KEYS.map((k) => [k.name, k]));

/** xl2tpd matches field names case-insensitively and whole, internal spaces included. */
export function lookupXl2tpdKey(name: string): Xl2tpdKey | undefined {
  return BY_NAME.get(name.toLowerCase());
}

const YES_NO = new Set(['yes', 'y', 'true', 'no', 'n', 'false']);
export function isYesNo(value: string): boolean {
  return YES_NO.has(value.toLowerCase());
}
export function isYes(value: string): boolean {
  return ['yes', 'y', 'true'].includes(value.toLowerCase());
}
