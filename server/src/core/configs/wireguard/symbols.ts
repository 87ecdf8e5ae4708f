import { formatPrefix } from '../../net/prefix';
import type { ConfigSymbol } from '../types';
import { type AllowedIp, type WgPeer, endpointText } from './model';
import { identity } from './routing';
import type { Device, WgState } from './state';

/** The outline: [Interface] and each [Peer], with the peer's AllowedIPs as children. Never a key but a public one's prefix. */
export function symbols(state: WgState): ConfigSymbol[] {
  const out: ConfigSymbol[] = [];
  for (const device of state.devices) {
    const iface = device.config.interface;
    for (const section of state.doc.sections) {
      if (section.kind !== 'interface' || !belongs(device, section.header.line, state)) continue;
      const facts = [...iface.addresses.slice(0, 3).map((a) => a.text)];
      if (iface.listenPort !== undefined) facts.push(`listen ${iface.listenPort}`);
      out.push({
        name: section.showName !== undefined ? `interface: ${section.showName}` : 'Interface',
        detail: facts.join(' · ') || undefined,
        kind: 'section',
        span: section.span,
        selectionSpan: section.header,
        children: [],
      });
    }
    for (const peer of device.config.peers) out.push(peerSymbol(device, peer));
  }
  return out.sort((a, b) => a.span.line - b.span.line);
}

function belongs(device: Device, line: number, state: WgState): boolean {
  if (state.devices.length === 1) return true;
  return device.config.interface.section?.header.line === line;
}

function peerSymbol(device: Device, peer: WgPeer): ConfigSymbol {
  const facts: string[] = [];
  if (peer.endpoint) facts.push(endpointText(peer.endpoint));
  facts.push(`${peer.allowedIps.length} AllowedIPs`);
  return {
    name: peer.name,
    detail: facts.join(' · '),
    kind: 'peer',
    span: peer.section.span,
    selectionSpan: peer.section.header,
    children: peer.allowedIps.map((a) => allowedSymbol(device, peer, a)),
  };
}

function allowedSymbol(device: Device, peer: WgPeer, allowed: AllowedIp): ConfigSymbol {
  const routing = device.routing;
  const lost = routing.lostFor(allowed);
  let detail: string | undefined;
  if (lost?.winner) {
    detail = `taken by ${lost.winner.peer.name} (line ${lost.winner.peer.section.header.line + 1})`;
  } else if (lost?.replacedBy) {
    detail = `replaced by line ${lost.replacedBy.section.header.line + 1}`;
  } else {
    const mine = identity(peer);
    const other = (c: { peer: WgPeer }): boolean => identity(c.peer) !== mine;
    if (routing.coveredInside(allowed.prefix, other)) detail = 'none of it: other peers take all';
    else if (routing.frontier(allowed.prefix, other, 1).length > 0) detail = 'partly to other peers';
  }
  return { name: formatPrefix(allowed.prefix), detail, kind: 'route', span: allowed.span, selectionSpan: allowed.span, children: [] };
}
