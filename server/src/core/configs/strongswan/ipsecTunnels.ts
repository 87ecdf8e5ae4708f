import type { Span } from '../../model';
import type { Entry, IpsecSection, Mode, Selector, Tunnel } from './model';
import { dynamicSelector, parseSelectors } from './selectors';

export interface IpsecBuild {
  readonly tunnels: Tunnel[];
  readonly missingAlso: { name: string; span: Span; conn: string }[];
  readonly badSelectors: { text: string; span: Span; hostBits: boolean }[];
}

const MODES: Readonly<Record<string, Mode>> = { tunnel: 'tunnel', transport: 'transport', transport_proxy: 'transport_proxy', beet: 'beet', passthrough: 'pass', pass: 'pass', drop: 'drop', reject: 'drop' };

/** Turns each `conn` (but %default and those only included by also=) into a tunnel, with %default and also= applied. */
export function buildIpsecTunnels(sections: readonly IpsecSection[]): IpsecBuild {
  const out: IpsecBuild = { tunnels: [], missingAlso: [], badSelectors: [] };
  const conns = sections.filter((s) => s.kind === 'conn');
  const byName = new Map<string, IpsecSection>();
  for (const conn of conns) if (!byName.has(conn.name)) byName.set(conn.name, conn);
  for (const conn of conns) {
    for (const e of conn.entries) {
      if (e.key !== 'also') continue;
      for (const name of e.value.split(/\s+/).filter((w) => w !== '')) {
        if (!byName.has(name)) out.missingAlso.push({ name, span: e.valueSpan, conn: conn.name });
      }
    }
  }
  const defaults = conns.filter((c) => c.name === '%default').flatMap((c) => c.entries);
  for (const conn of conns) {
    if (conn.name === '%default') continue;
    const settings = new Map<string, Entry>();
    for (const e of defaults) settings.set(e.key, e);
    include(conn, byName, settings, new Set());
    out.tunnels.push(tunnelOf(conn, settings, out));
  }
  return out;
}

/** also= first (in order), then the conn's own keys, which win. */
function include(conn: IpsecSection, byName: ReadonlyMap<string, IpsecSection>, settings: Map<string, Entry>, seen: Set<string>): void {
  if (seen.has(conn.name)) return;
  seen.add(conn.name);
  for (const e of conn.entries) {
    if (e.key !== 'also') continue;
    for (const name of e.value.split(/\s+/)) {
      const other = byName.get(name);
      if (other) include(other, byName, settings, seen);
    }
  }
  for (const e of conn.entries) if (e.key !== 'also') settings.set(e.key, e);
}

function tunnelOf(conn: IpsecSection, s: ReadonlyMap<string, Entry>, out: IpsecBuild): Tunnel {
  const get = (key: string): Entry | undefined => {
    const e = s.get(key);
    return e && e.value !== '' ? e : undefined;
  };
  const side = (name: 'left' | 'right'): Selector[] => {
    const e = get(`${name}subnet`);
    if (!e) return [dynamicSelector(conn.nameSpan)];
    const list = parseSelectors(e.value, e.valueSpan);
    // Each entry is reported once, where it is written, even when several conns include it.
    for (const bad of list.bad) if (!out.badSelectors.some((b) => b.span.line === bad.span.line && b.span.col === bad.span.col)) out.badSelectors.push(bad);
    return list.selectors.length > 0 ? list.selectors : [dynamicSelector(e.valueSpan)];
  };
  const type = get('type');
  const auto = get('auto');
  const right = get('right');
  const sourceip = get('leftsourceip');
  return {
    kind: 'conn',
    name: conn.name,
    nameSpan: conn.nameSpan,
    span: conn.span,
    mode: MODES[type?.value ?? 'tunnel'] ?? 'tunnel',
    modeSpan: type?.valueSpan,
    start: auto?.value ?? 'ignore',
    startSpan: auto?.valueSpan,
    local: side('left'),
    remote: side('right'),
    peer: right && !right.value.startsWith('%') ? { text: right.value, span: right.valueSpan } : undefined,
    vips: sourceip ? sourceip.value.split(',').map((v) => v.trim()).filter((v) => v !== '') : [],
    installPolicy: get('installpolicy')?.value !== 'no',
  };
}
