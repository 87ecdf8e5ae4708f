import type { Severity } from './model';

/** Where a code comes from: the route-dump rules, reading dumps, one VPN config family, or the editor glue. */
export type RuleFamily =
  | 'routes'
  | 'input'
  | 'wireguard'
  | 'openvpn'
  | 'openvpn-log'
  | 'strongswan'
  | 'networkmanager'
  | 'l2tp'
  | 'editor';

/** Family headings, in the order the rules index lists them. */
export const FAMILY_TITLES: Readonly<Record<RuleFamily, string>> = {
  routes: 'Routing tables',
  input: 'Reading dumps',
  wireguard: 'WireGuard',
  openvpn: 'OpenVPN configs',
  'openvpn-log': 'OpenVPN logs',
  strongswan: 'strongSwan',
  networkmanager: 'NetworkManager',
  l2tp: 'xl2tpd and pppd',
  editor: 'Editor and suppressions',
};

/** One finding code: who reports it, how severe it is unless a setting says otherwise, and what it means. */
export interface RuleEntry {
  readonly code: string;
  /** The severity most of its findings carry; a few rules lower it for harmless cases. */
  readonly severity: Severity;
  /** Families that report it; a code such as `ipv6-leak` means the same thing in each. */
  readonly families: readonly RuleFamily[];
  /** A short phrase, without a final period. */
  readonly title: string;
}

function rule(code: string, severity: Severity, families: RuleFamily | readonly RuleFamily[], title: string): RuleEntry {
  return { code, severity, families: typeof families === 'string' ? [families] : families, title };
}

const CONFIGS: readonly RuleFamily[] = ['wireguard', 'openvpn', 'strongswan', 'networkmanager', 'l2tp'];

/**
 * Every code Route Lens can report, each with a page at `docs/rules/<code>.md`.
 * A test scans the sources for emitted codes and fails on any code missing here or without its page.
 */
export const RULE_CATALOGUE: readonly RuleEntry[] = [
  // Rules over routing tables.
  rule('shadowed-route', 'warning', 'routes', 'Route the kernel never selects'),
  rule('split-tunnel-exception', 'warning', 'routes', 'Traffic that leaves outside the VPN tunnel'),
  rule('equal-metric-defaults', 'warning', 'routes', 'Two defaults with the same metric on different interfaces'),
  rule('gateway-not-on-link', 'warning', 'routes', 'Gateway on no subnet of its interface'),
  rule('vpn-lan-overlap', 'warning', 'routes', 'Tunnel route that overlaps the local LAN'),
  rule('multipath-route', 'hint', 'routes', 'Multipath route that spreads flows over several next hops'),
  rule('unreachable-table', 'warning', 'routes', 'Routes in a table no live ip rule looks up'),
  rule('shadowed-policy-rule', 'warning', 'routes', 'ip rule that never matches because an earlier rule takes its packets'),
  rule('tunnelvision-leak', 'warning', 'routes', 'DHCP, RA or policy-routed route that pulls traffic out of the tunnel'),
  rule('endpoint-loop', 'error', 'routes', 'Route to the VPN server that points into the tunnel'),
  // Reading dumps.
  rule('parse-error', 'error', ['input', ...CONFIGS], 'Text that cannot be read'),
  rule('world-readable-key', 'warning', CONFIGS, 'Config with a secret that other users can read'),
  rule('invalid-prefix', 'warning', 'input', 'Prefix with host bits set'),
  rule('unknown-keyword', 'information', 'input', 'Route attribute Route Lens does not know'),
  rule('unknown-format', 'information', 'input', 'Command output in no format Route Lens reads'),
  rule('mixed-os', 'warning', 'input', 'Dumps of different operating systems in one document'),
  rule('binary-file', 'error', 'input', 'Binary file instead of text'),
  rule('partial-table', 'information', 'input', 'Routing table printed in part'),
  rule('policy-selector-undecided', 'information', 'input', 'Part of an ip rule a dump cannot decide, with what lookups assume'),
  rule('unknown-adapter', 'information', 'input', 'Windows interface the dump does not describe'),
  rule('gateway-name', 'information', 'input', 'Gateway printed as a host name'),
  rule('truncated-interface', 'information', 'input', 'Interface name cut short by netstat'),
  rule('route-cache', 'information', 'input', 'Kernel route cache instead of the routing table'),
  // WireGuard.
  rule('address-is-network', 'warning', 'wireguard', 'Interface address that is a network or broadcast address'),
  rule('dns-outside-tunnel', 'warning', ['wireguard', 'openvpn', 'openvpn-log'], 'DNS server reached outside the tunnel'),
  rule('duplicate-public-key', 'warning', 'wireguard', 'Two peers with the same public key'),
  rule('endpoint-in-tunnel', 'warning', 'wireguard', 'Peer endpoint inside its own AllowedIPs'),
  rule('invalid-address', 'error', ['wireguard', 'openvpn', 'networkmanager'], 'Address the VPN software refuses'),
  rule('invalid-allowed-ips', 'error', 'wireguard', 'AllowedIPs entry that is not a prefix'),
  rule('invalid-key', 'error', 'wireguard', 'Key that is not 32 bytes of base64'),
  rule('invalid-port', 'error', 'wireguard', 'Port number out of range'),
  rule('invalid-value', 'error', 'wireguard', 'Setting with a value wg refuses'),
  rule('ipv6-leak', 'warning', ['wireguard', 'openvpn', 'openvpn-log', 'strongswan'], 'IPv6 traffic that bypasses an IPv4-only tunnel'),
  rule('missing-private-key', 'warning', 'wireguard', 'Interface without a private key'),
  rule('missing-public-key', 'error', 'wireguard', 'Peer without a public key'),
  rule('overlapping-allowed-ips', 'warning', 'wireguard', 'AllowedIPs claimed by more than one peer'),
  rule('unknown-key', 'warning', ['wireguard', 'strongswan', 'networkmanager', 'l2tp'], 'Setting the software does not know'),
  // OpenVPN.
  rule('bypass-windows-only', 'information', 'openvpn', 'redirect-gateway bypass flag that only Windows honours'),
  rule('invalid-route', 'warning', ['openvpn', 'networkmanager'], 'Route the VPN software refuses'),
  rule('pull-filter-split', 'warning', ['openvpn', 'openvpn-log'], 'pull-filter that drops pushed routes or DNS'),
  rule('pushed-route-lan-conflict', 'warning', ['openvpn', 'openvpn-log'], 'Tunnel route that collides with the local LAN'),
  rule('redirect-gateway-local', 'warning', 'openvpn', 'redirect-gateway local without a directly reachable server'),
  rule('remote-in-tunnel', 'warning', 'openvpn', 'VPN server routed into its own tunnel'),
  rule('route-nopull-no-routes', 'warning', 'openvpn', 'route-nopull with no routes of its own'),
  rule('unknown-directive', 'warning', 'openvpn', 'Option OpenVPN does not know'),
  rule('windows-only-directive', 'information', 'openvpn', 'Option only OpenVPN on Windows uses'),
  rule('route-add-failed', 'warning', 'openvpn-log', 'Route OpenVPN failed to install'),
  // strongSwan.
  rule('auto-ignore', 'information', 'strongswan', 'Connection that is never loaded'),
  rule('invalid-subnet', 'error', 'strongswan', 'Traffic selector that is not a subnet'),
  rule('missing-also', 'error', 'strongswan', 'also= naming a conn that does not exist'),
  rule('overlapping-selectors', 'warning', 'strongswan', 'Connections whose traffic selectors overlap'),
  rule('passthrough-exception', 'information', 'strongswan', 'Passthrough policy that keeps traffic out of the tunnel'),
  rule('tunnel-cuts-lan', 'warning', 'strongswan', 'Tunnel selector that takes the local LAN'),
  // NetworkManager.
  rule('dns-leak', 'warning', 'networkmanager', 'DNS queries that can leave outside the VPN'),
  rule('full-tunnel-ipv6-leak', 'warning', 'networkmanager', 'Full-tunnel VPN that leaves IPv6 outside'),
  rule('ignore-auto-routes-off-on-vpn-host', 'information', 'networkmanager', 'Server-pushed routes accepted on a VPN connection'),
  rule('route-table-without-rule', 'warning', 'networkmanager', 'Routes put in a table no rule looks up'),
  rule('vpn-not-default', 'information', 'networkmanager', 'VPN that is not the default route'),
  rule('wireguard-allowed-ips-without-peer-routes', 'warning', 'networkmanager', 'WireGuard AllowedIPs with peer routes turned off'),
  // xl2tpd and pppd.
  rule('defaultroute-not-replacing', 'warning', 'l2tp', 'defaultroute that leaves the existing default in place'),
  rule('lns-host-route', 'information', 'l2tp', 'Route to the L2TP server outside the tunnel'),
  rule('no-default-route', 'information', 'l2tp', 'PPP link that adds no default route'),
  rule('pppoptfile-missing', 'information', 'l2tp', 'xl2tpd section without pppd options'),
  rule('unknown-option', 'warning', 'l2tp', 'Option pppd does not know'),
  rule('usepeerdns-missing', 'information', 'l2tp', 'Tunnel that takes no DNS servers from the peer'),
  // The editor and suppression comments.
  rule('too-many-findings', 'information', 'editor', 'Findings beyond routeLens.maxDiagnostics'),
  rule('invalid-suppression', 'hint', 'editor', 'Suppression comment that names an unknown code or cannot work where it is'),
];

const BY_CODE = new Map(RULE_CATALOGUE.map((entry) => [entry.code, entry]));

export function catalogueEntry(code: string): RuleEntry | undefined {
  return BY_CODE.get(code);
}

export function isKnownCode(code: string): boolean {
  return BY_CODE.has(code);
}
