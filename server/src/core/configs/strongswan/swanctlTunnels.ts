import type { Span } from '../../model';
import type { Entry, Mode, Selector, SwanNode, Tunnel } from './model';
import { dynamicSelector, parseSelectors } from './selectors';

export interface SwanctlBuild {
  readonly tunnels: Tunnel[];
  readonly badSelectors: { text: string; span: Span; hostBits: boolean }[];
}

const MODES: Readonly<Record<string, Mode>> = { tunnel: 'tunnel', transport: 'transport', beet: 'beet', pass: 'pass', drop: 'drop' };

/** One tunnel per `connections.NAME.children.CHILD`; repeated sections merge, as the settings parser does. */
export function buildSwanctlTunnels(nodes: readonly SwanNode[]): SwanctlBuild {
  const out: SwanctlBuild = { tunnels: [], badSelectors: [] };
  for (const top of nodes.filter((n) => n.name === 'connections')) {
    for (const conn of top.children) {
      const connEntries = conn.entries;
      for (const children of conn.children.filter((c) => c.name === 'children')) {
        for (const child of children.children) out.tunnels.push(tunnelOf(conn, connEntries, child, out));
      }
    }
  }
  return out;
}

function last(entries: readonly Entry[], key: string): Entry | undefined {
  let found: Entry | undefined;
  for (const e of entries) if (e.key === key) found = e;
  return found && found.value !== '' ? found : undefined;
}

function tunnelOf(conn: SwanNode, connEntries: readonly Entry[], child: SwanNode, out: SwanctlBuild): Tunnel {
  const ts = (key: string): Selector[] => {
    const e = last(child.entries, key);
    if (!e) return [dynamicSelector(child.nameSpan)];
    const list = parseSelectors(e.value, e.valueSpan);
    out.badSelectors.push(...list.bad);
    return list.selectors.length > 0 ? list.selectors : [dynamicSelector(e.valueSpan)];
  };
  const mode = last(child.entries, 'mode');
  const start = last(child.entries, 'start_action');
  const remote = last(connEntries, 'remote_addrs');
  const first = remote?.value.split(',')[0]?.trim();
  const vips = last(connEntries, 'vips');
  return {
    kind: 'child',
    name: `${conn.name}/${child.name}`,
    nameSpan: child.nameSpan,
    span: child.span,
    mode: MODES[mode?.value ?? 'tunnel'] ?? 'tunnel',
    modeSpan: mode?.valueSpan,
    start: start?.value ?? 'none',
    startSpan: start?.valueSpan,
    local: ts('local_ts'),
    remote: ts('remote_ts'),
    peer: remote && first !== undefined && first !== '%any' ? { text: first, span: remote.valueSpan } : undefined,
    vips: vips ? vips.value.split(',').map((v) => v.trim()).filter((v) => v !== '') : [],
    installPolicy: last(child.entries, 'policies')?.value !== 'no',
  };
}
