import { type Span, spanOnLine } from '../../model';
import { formatPrefix } from '../../net/prefix';
import { type ConfigSymbol, HIDDEN } from '../types';
import type { RuleContext, Side } from './context';
import type { InstalledRoute } from './install';
import type { Directive, InlineBlock } from './model';

/** The outline: servers, connection profiles, inline files, routes, and what a server pushes. */
export function configSymbols(ctx: RuleContext): ConfigSymbol[] {
  const { config } = ctx;
  const parsed = config.parsed;
  const out: ConfigSymbol[] = [];
  const own = routesByOption(ctx.own);
  const pushedRoutes = routesByOption(ctx.side);
  const connectionChildren = parsed.connections.map(() => [] as ConfigSymbol[]);
  for (const d of parsed.directives) {
    if (d.push) continue;
    const symbol = directiveSymbol(ctx.own, own, d);
    if (!symbol) continue;
    const bucket = d.connection !== undefined ? connectionChildren[d.connection] : undefined;
    (bucket ?? out).push(symbol);
  }
  parsed.connections.forEach((block, i) => {
    out.push({
      name: `<connection> ${i + 1}`, kind: 'connection', detail: 'connection profile',
      span: blockSpan(parsed.lines, block), selectionSpan: block.open, children: connectionChildren[i] ?? [],
    });
  });
  const pushed = parsed.directives.filter((d) => d.push);
  if (pushed.length > 0) {
    const children = pushed.flatMap((d) => {
      const s = directiveSymbol(ctx.side, pushedRoutes, d);
      return s ? [s] : [{ name: d.name, kind: 'key' as const, span: d.span, selectionSpan: d.span, children: [] }];
    });
    const first = pushed[0]?.push?.span ?? spanOnLine(0, 0, 0);
    const last = pushed[pushed.length - 1]?.push?.span ?? first;
    out.push({
      name: 'Pushed to clients', kind: 'section', detail: `${pushed.length} option${pushed.length === 1 ? '' : 's'}`,
      span: { line: first.line, col: first.col, endLine: last.endLine, endCol: last.endCol }, selectionSpan: first, children,
    });
  }
  return out.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
}

/** Installed `route`/`route-ipv6` routes by the position of their option, so the outline stays linear. */
function routesByOption(side: Side): Map<string, InstalledRoute> {
  const map = new Map<string, InstalledRoute>();
  for (const r of side.plan.routes) {
    const key = `${r.span.line}:${r.span.col}`;
    if ((r.origin === 'route' || r.origin === 'route-ipv6') && !map.has(key)) map.set(key, r);
  }
  return map;
}

function directiveSymbol(side: Side, routes: ReadonlyMap<string, InstalledRoute>, d: Directive): ConfigSymbol | undefined {
  const base = { span: d.span, selectionSpan: { ...d.span, endCol: d.nameParam.end }, children: [] };
  if (d.block) return blockSymbol(d.block, base.span);
  switch (d.name) {
    case 'remote':
      return { ...base, name: `remote ${d.args.map((a) => a.text).join(' ')}`, kind: 'peer', detail: 'server' };
    case 'redirect-gateway':
    case 'redirect-private': {
      return { ...base, name: [d.name, ...d.args.map((a) => a.text)].join(' '), kind: 'route', detail: redirectDetail(side) };
    }
    case 'route':
    case 'route-ipv6': {
      const installed = routes.get(`${d.line}:${d.span.col}`);
      const name = installed ? `${d.name} ${formatPrefix(installed.prefix)}` : `${d.name} ${d.args[0]?.text ?? ''}`;
      const detail = installed ? (installed.target === 'tunnel' ? '→ tunnel' : installed.target === 'net_gateway' ? '→ net_gateway (outside)' : `→ ${installed.via}`) : 'not installed';
      return { ...base, name, kind: 'route', detail };
    }
    case 'dhcp-option':
    case 'dns':
    case 'ifconfig':
    case 'ifconfig-ipv6':
    case 'server':
    case 'server-ipv6':
    case 'dev':
    case 'proto':
    case 'pull-filter':
    case 'route-nopull':
    case 'block-outside-dns':
    case 'block-ipv6':
      return { ...base, name: [d.name, ...d.args.map((a) => a.text)].join(' '), kind: 'key' };
    default:
      return undefined;
  }
}

const REDIRECT_DETAILS = new WeakMap<Side, string>();

/** What the redirect options of a side send into the tunnel, computed once per side. */
function redirectDetail(side: Side): string {
  let detail = REDIRECT_DETAILS.get(side);
  if (detail === undefined) {
    const routes = side.plan.routes.filter((r) => r.origin === 'redirect' && r.target === 'tunnel').map((r) => formatPrefix(r.prefix));
    detail = routes.length > 0 ? `${routes.slice(0, 6).join(', ')}${routes.length > 6 ? ', …' : ''} → tunnel` : 'no tunnel routes';
    REDIRECT_DETAILS.set(side, detail);
  }
  return detail;
}

function blockSymbol(block: InlineBlock, span: Span): ConfigSymbol {
  const lines = Math.max(0, block.last - block.first + 1);
  const detail = block.secret ? `${HIDDEN}, ${lines} lines` : `${block.tag === 'ca' || block.tag === 'cert' || block.tag === 'extra-certs' ? 'certificate' : block.tag} (${lines} lines)`;
  const end = block.close ?? spanOnLine(block.last, 0, 0);
  return { name: `<${block.tag}>`, kind: 'key', detail, span: { line: span.line, col: span.col, endLine: end.endLine, endCol: end.endCol }, selectionSpan: block.open, children: [] };
}

function blockSpan(lines: readonly string[], block: InlineBlock): Span {
  const end = block.close ?? spanOnLine(block.last, 0, (lines[block.last] ?? '').length);
  return { line: block.open.line, col: block.open.col, endLine: end.endLine, endCol: end.endCol };
}
