/**
 * Tells from a document's first lines whether text opened as plain text is a routing-table dump or a VPN
 * config. Deliberately small: it runs in the extension host on every plain-text file that opens.
 */
export interface Suggestion {
  readonly languageId: string;
  readonly label: string;
}

const ROUTE_HEADERS = /^\s*(?:Kernel IP(?:v6)? routing table|Routing tables\b|IPv[46] Route Table|Interface List|Active Routes:|Windows IP Configuration|ifIndex\s+DestinationPrefix|DestinationPrefix\s+:)/;
const ROUTE_PROMPT = /^\S*[$#%>]\s*(?:sudo\s+)?(?:ip\s+(?:-\S+\s+)*r(?:o(?:u(?:te?)?)?)?\b|ip\s+(?:-\S+\s+)*ru(?:le)?\b|route\s+(?:-n|print)|netstat\s+-\S*r|Get-NetRoute)/i;
const ROUTE_LINE = /^\s*(?:(?:local|broadcast|anycast|multicast|blackhole|unreachable|prohibit|throw)\s+)?(?:default|\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?|[\da-fA-F]{0,4}:[\da-fA-F:]*(?:\/\d{1,3})?)\s+(?:via|dev|proto|scope|metric|table)\s/;
const WIREGUARD = /^\s*\[(?:Interface|Peer)\]\s*$/;
const OPENVPN = /^\s*(?:client|remote\s+\S+|dev\s+(?:tun|tap)\d*|proto\s+(?:udp|tcp)\S*|<(?:ca|cert|key|tls-auth|tls-crypt)>)\s*/;
const SAMPLE = 40;

export function suggestLanguage(lines: readonly string[]): Suggestion | undefined {
  let meaningful = 0;
  let routeLines = 0;
  let openvpn = 0;
  for (const raw of lines.slice(0, SAMPLE)) {
    const line = raw.length > 400 ? raw.slice(0, 400) : raw;
    if (line.trim() === '') continue;
    meaningful++;
    if (ROUTE_HEADERS.test(line) || ROUTE_PROMPT.test(line)) return { languageId: 'route-table', label: 'a routing-table dump' };
    if (WIREGUARD.test(line)) return { languageId: 'wireguard', label: 'a WireGuard config' };
    if (ROUTE_LINE.test(line)) routeLines++;
    if (OPENVPN.test(line)) openvpn++;
  }
  if (meaningful === 0) return undefined;
  if (routeLines >= 2 && routeLines / meaningful >= 0.5) return { languageId: 'route-table', label: 'an `ip route` dump' };
  if (openvpn >= 2) return { languageId: 'openvpn', label: 'an OpenVPN config' };
  return undefined;
}
