/**
 * Tells tunnel interfaces from physical ones by name, the only evidence a route dump carries.
 * The built-in patterns cover the kernel's and the common VPN clients' naming.
 */
export const BUILTIN_TUNNEL_PATTERNS: readonly string[] = [
  'ppp*', 'tun*', 'tap*', 'wg*', 'ipsec*', 'vti*', 'ip_vti*', 'ip6_vti*', 'xfrm*', 'utun*', 'tailscale*',
  'zt*', 'nordlynx', 'nordtun', 'cscotun*', 'tunsnx', 'gpd*', 'gre*', 'gretap*', 'ip6gre*', 'ip6tnl*', 'sit*',
  'ipip*', 'l2tp*', 'pptp*', 'proton*', 'pvpn*', 'mullvad*', 'wt*', 'nebula*', 'tinc*', 'vpn*', 'warp*',
  'CloudflareWARP', 'expressvpn*', 'gif*', 'enc*', 'ovpnc*', 'ovpns*', 'stf*', 'hamachi*', 'zerotier*', 'openvpn*', 'ovpn*', 'wireguard*', 'netbird*',
];

/** Adapter descriptions (Windows, ipconfig) that name a tunnel driver or VPN client. */
const TUNNEL_DESCRIPTION = /TAP-Win(?:dows|32)|Wintun|WireGuard|AnyConnect|Cisco Systems VPN|PPP adapter|\bPPP\b|WAN Miniport \((?:L2TP|PPTP|IKEv2|SSTP|PPPOE)\)|OpenVPN|Tailscale|ZeroTier|NordLynx|Fortinet|FortiClient|Juniper|Pulse Secure|Ivanti|GlobalProtect|PANGP|Check Point|SonicWall|Mullvad|ProtonVPN|Hamachi|\bVPN\b|[Tt]unnel/;

export interface TunnelClassifier {
  isTunnel(device: string | undefined): boolean;
  /** The pattern that matched, for explanations. */
  matchingPattern(device: string): string | undefined;
}

/** `descriptions` maps interface names (and aliases) to adapter descriptions read from the dump. */
export function createTunnelClassifier(
  extraPatterns: readonly string[] = [],
  descriptions: ReadonlyMap<string, string> = new Map(),
): TunnelClassifier {
  const compiled = [...BUILTIN_TUNNEL_PATTERNS, ...extraPatterns]
    .filter((p) => p.trim() !== '')
    .map((pattern) => ({ pattern, regex: globToRegex(pattern.trim()) }));
  const cache = new Map<string, string | undefined>();
  const matchingPattern = (device: string): string | undefined => {
    if (cache.has(device)) return cache.get(device);
    const description = descriptions.get(device);
    const hit = compiled.find((c) => c.regex.test(device))?.pattern
      ?? (description !== undefined && TUNNEL_DESCRIPTION.test(description) ? `adapter "${description}"` : undefined);
    cache.set(device, hit);
    return hit;
  };
  return {
    isTunnel: (device) => device !== undefined && matchingPattern(device) !== undefined,
    matchingPattern,
  };
}

/** `*` matches any run, `?` one character; names match whole, case-sensitively as the kernel does. */
function globToRegex(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
