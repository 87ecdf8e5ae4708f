/**
 * Where the OpenVPN message starts on a log line: after a timestamp (`2024-01-15 10:23:45`,
 * `Mon Jan 15 10:23:45 2024`, ISO), a syslog or journal prefix (`host openvpn[123]:`), a `us=` field,
 * a management `>LOG:` or machine-readable `time,flags,` prefix, and a server's `client/1.2.3.4:1194` peer.
 * Anchored patterns with bounded repetition, so each line is read in linear time.
 */
const TIMESTAMPS: readonly RegExp[] = [
  /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)? +/,
  /^[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d \d{4} +/,
  /^[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d +/,
];
const SYSLOG = /^[\w.-]{1,64} [\w.@-]{1,64}\[\d{1,10}\]: +/;
const MICROS = /^us=\d{1,9} +/;
const MANAGEMENT = /^>?LOG:\d{1,12},[A-Z]{0,4},/;
const MACHINE = /^\d{9,12},[A-Z]{0,4},/;
const PEER = /^[\w.@-]{1,64}\/(?:\[AF_INET6?\])?[0-9A-Fa-f.:]{2,45}(?::\d{1,5})? +/;

export function messageStart(line: string): number {
  let at = 0;
  const rest = (): string => line.slice(at);
  for (const pattern of [MANAGEMENT, MACHINE]) {
    const m = pattern.exec(rest());
    if (m) at += m[0].length;
  }
  for (const pattern of TIMESTAMPS) {
    const m = pattern.exec(rest());
    if (m) {
      at += m[0].length;
      break;
    }
  }
  const syslog = SYSLOG.exec(rest());
  if (syslog) at += syslog[0].length;
  const micros = MICROS.exec(rest());
  if (micros) at += micros[0].length;
  const peer = PEER.exec(rest());
  // A peer prefix only appears on a server; it must be followed by a message, not be the message.
  if (peer && !/^(?:\/sbin|\/usr|\/bin)/.test(rest())) at += peer[0].length;
  return at;
}

/** Messages only OpenVPN writes; a file with enough of them is an OpenVPN log. */
const SIGNATURES: readonly RegExp[] = [
  /^OpenVPN \d+\.\d+/,
  /^PUSH: Received control message/,
  /^(?:TUN\/TAP|DCO) device \S+ opened/,
  /^\S+ device \[[^\]]{1,80}\] opened/,
  /^ROUTE6?_GATEWAY /,
  /^net_(?:route|addr)_v[46]_(?:add|del)/,
  /^net_addr_ptp_v4_add/,
  /^net_iface_(?:up|mtu_set)/,
  /^Initialization Sequence Completed/,
  /^TLS: Initial packet from/,
  /^VERIFY (?:OK|ERROR|KU OK|EKU OK)/,
  /^(?:\[[^\]]{0,64}\] )?Peer Connection Initiated with/,
  /^Route addition via |^ROUTE: |^TEST ROUTES: |^Route deletion via /,
  /^(?:Set|Notified) TAP-Windows|^TAP-Win(?:dows|32) |^open_tun|^Windows version /,
  /^Socket Buffers: |^DCO version|^net_route_v[46]_best_gw|^TLS: |^Restart pause|^Exiting due to /,
  /^(?:TCP|UDP|TCP\/UDP)(?:v[46])?(?: link)?(?: local| remote)?[:]? /,
  /^Data Channel: /,
  /^Control Channel: /,
  /^OPTIONS IMPORT: /,
  /^Outgoing Data Channel: |^Incoming Data Channel: /,
  /^SIG(?:TERM|USR1|HUP|INT)\[/,
  /^add_route_ipv6\(/,
  /^WARNING: potential \w+ subnet conflict/,
  /^library versions: /,
  /^Pushed option (?:removed|rejected|accepted) by filter/,
  /^[A-Za-z]:\\[^ ]*route\.exe (?:ADD|DELETE) /i,
  /^(?:\/usr)?\/s?bin\/ip (?:-6 )?(?:route|addr|link) /,
];

export function isOpenVpnMessage(message: string): boolean {
  return SIGNATURES.some((s) => s.test(message));
}
