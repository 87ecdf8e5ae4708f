import type { ConfigSymbol } from '../types';
import type { SwanNode, Tunnel } from './model';
import type { SwanState } from './state';

function tunnelSymbol(tunnel: Tunnel, name: string): ConfigSymbol {
  const remote = tunnel.remote.map((s) => s.text).join(', ');
  return {
    name,
    detail: `${tunnel.mode} → ${remote}${tunnel.peer ? ` · peer ${tunnel.peer.text}` : ''}`,
    kind: 'connection',
    span: tunnel.span,
    selectionSpan: tunnel.nameSpan,
    children: tunnel.remote.filter((s) => !s.dynamic).map((s) => ({ name: s.text, kind: 'route' as const, span: s.span, selectionSpan: s.span, children: [] })),
  };
}

function nodeSymbol(state: SwanState, node: SwanNode, connName?: string): ConfigSymbol {
  const tunnel = connName !== undefined ? state.doc.tunnels.find((t) => t.name === `${connName}/${node.name}` && t.nameSpan === node.nameSpan) : undefined;
  if (tunnel) return tunnelSymbol(tunnel, node.name);
  const isConn = node.path.length === 2 && node.path[0] === 'connections';
  const children = node.children.map((c) => nodeSymbol(state, c, isConn ? node.name : node.path[0] === 'connections' && node.path.length === 3 ? node.path[1] : undefined));
  return { name: node.name, kind: isConn ? 'connection' : 'section', span: node.span, selectionSpan: node.nameSpan, children };
}

/** The outline: conns (ipsec.conf), connections and their children (swanctl), secret entries by type and IDs. */
export function symbols(state: SwanState): ConfigSymbol[] {
  const doc = state.doc;
  if (doc.format === 'swanctl') return doc.nodes.map((n) => nodeSymbol(state, n));
  if (doc.format === 'ipsec.secrets') {
    return doc.secretEntries.map((e) => ({ name: `${e.type}${e.ids !== '' ? ` for ${e.ids.slice(0, 60)}` : ''}`, kind: 'key' as const, span: e.span, selectionSpan: e.typeSpan, children: [] }));
  }
  return doc.sections.map((s) => {
    const tunnel = doc.tunnels.find((t) => t.nameSpan === s.nameSpan);
    if (tunnel) return tunnelSymbol(tunnel, `conn ${s.name}`);
    return { name: s.kind === 'config' ? 'config setup' : `${s.kind} ${s.name}`, kind: s.kind === 'conn' ? 'connection' as const : 'section' as const, span: s.span, selectionSpan: s.nameSpan, children: [] };
  });
}
