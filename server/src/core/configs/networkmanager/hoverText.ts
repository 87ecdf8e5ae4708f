import { formatAddress } from '../../net/address';
import { formatPrefix } from '../../net/prefix';
import type { NmSection } from './model';
import { routeClause } from './predict';
import type { NmState } from './state';

/** Hover on a [group] header: what the setting installs, for the groups that install something. */
export function settingMarkdown(state: NmState, section: NmSection): string | undefined {
  const c = state.connection;
  if (section.setting === 'ipv4' || section.setting === 'ipv6') {
    const family = section.setting === 'ipv4' ? 4 : 6;
    const routes = state.plan.routes.filter((r) => r.family === family);
    const rules = state.plan.rules.filter((r) => r.family === family);
    const lines = [`**[${section.name}]**: what NetworkManager installs on ${state.plan.device} once this connection is up`, ''];
    if (routes.length === 0) lines.push('No route from this file.');
    for (const r of routes) lines.push(`- route ${routeClause(r)}`);
    for (const r of rules) lines.push(`- rule \`${r.priority}: ${r.text}\`${r.automatic ? ' (added by NetworkManager)' : ''}`);
    const ip = family === 4 ? c.ipv4 : c.ipv6;
    if ((ip.method === 'auto' || ip.method === 'dhcp') && !ip.ignoreAutoRoutes) lines.push('', `Plus routes from ${c.kind === 'vpn' ? 'the VPN server' : 'DHCP/router advertisements'} (ignore-auto-routes=false).`);
    return lines.join('\n');
  }
  if (section.setting === 'wireguard-peer') {
    const peer = c.wireguard?.peers.find((p) => p.section === section);
    if (!peer) return undefined;
    const endpoint = peer.endpoint ? `Endpoint ${peer.endpoint.host}:${peer.endpoint.port}${peer.endpoint.address ? `, which goes ${state.predict(peer.endpoint.address).sentence}` : ''}.` : 'No endpoint: the peer must connect first.';
    const routed = c.wireguard?.peerRoutes ? 'routed through the tunnel (peer-routes)' : 'accepted but not routed (peer-routes=false)';
    return [`**Peer ${peer.name}**`, '', `Allowed IPs ${routed}: ${peer.allowedIps.map((a) => formatPrefix(a.prefix)).join(', ') || 'none'}.`, '', endpoint].join('\n');
  }
  if (section.setting === 'vpn' && c.serviceType !== undefined) {
    const server = c.server?.address ? ` The server ${formatAddress(c.server.address)} goes ${state.predict(c.server.address).sentence}; NetworkManager adds a host route for it via the physical gateway.` : '';
    return `**[vpn]**: ${c.plugin ?? c.serviceType} plugin; traffic uses ${state.plan.device}.${server}`;
  }
  return undefined;
}
