import { formatPrefix } from '../../net/prefix';
import type { ConfigSymbol } from '../types';
import type { NmState } from './state';

/** The outline: every [group], with routes, routing rules and peers' allowed-ips as children. */
export function symbols(state: NmState): ConfigSymbol[] {
  const c = state.connection;
  return state.doc.sections.map((section): ConfigSymbol => {
    const children: ConfigSymbol[] = [];
    let detail: string | undefined;
    if (section.setting === 'ipv4' || section.setting === 'ipv6') {
      const ip = section.setting === 'ipv4' ? c.ipv4 : c.ipv6;
      detail = `method ${ip.method}${ip.neverDefault ? ' · never-default' : ''}${ip.routeTable ? ` · table ${ip.routeTable}` : ''}`;
      for (const r of ip.routes) children.push({ name: formatPrefix(r.prefix), detail: r.name, kind: 'route', span: r.span, selectionSpan: r.span, children: [] });
      for (const r of ip.routingRules) children.push({ name: r.text, detail: r.name, kind: 'route', span: r.span, selectionSpan: r.span, children: [] });
    } else if (section.setting === 'connection') {
      detail = [c.id, c.type].filter((x) => x !== undefined).join(' · ') || undefined;
    } else if (section.setting === 'vpn') {
      detail = c.plugin;
    }
    const peer = c.wireguard?.peers.find((p) => p.section === section);
    if (peer) {
      detail = peer.endpoint ? `${peer.endpoint.host}:${peer.endpoint.port}` : undefined;
      for (const a of peer.allowedIps) children.push({ name: formatPrefix(a.prefix), kind: 'route', span: a.span, selectionSpan: a.span, children: [] });
    }
    return {
      name: peer ? `Peer ${peer.name}` : `[${section.name}]`,
      detail,
      kind: peer ? 'peer' : section.setting === 'connection' ? 'connection' : 'section',
      span: section.span,
      selectionSpan: section.header,
      children,
    };
  });
}
