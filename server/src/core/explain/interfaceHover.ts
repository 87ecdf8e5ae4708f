import type { Analysis } from '../analyze';
import { type Route, spanOnLine } from '../model';
import type { HoverText } from './hover';
import { addressCount, listed, neverLine, routeDevices, routeUse, selectedLine } from './effectiveRoutes';
import { code } from './markdown';

const MAX_ROUTES = 20;

interface Memo {
  readonly devices: ReadonlySet<string>;
  readonly hovers: Map<string, string>;
}

// Hovers come with every mouse move, and a big table takes a while to walk: once per analysis and name.
const MEMO = new WeakMap<Analysis, Memo>();

function memoOf(analysis: Analysis): Memo {
  let memo = MEMO.get(analysis);
  if (!memo) {
    memo = { devices: new Set(analysis.document.routes.flatMap(routeDevices)), hovers: new Map() };
    MEMO.set(analysis, memo);
  }
  return memo;
}

/** A name-like word around `character`: kernel interface names hold letters, digits and `_ . - @ +`. */
export function deviceWordAt(line: string, character: number): { text: string; start: number; end: number } | undefined {
  const isName = (ch: string): boolean => /[\w.@+-]/.test(ch);
  let start = character;
  let end = character;
  while (start > 0 && isName(line.charAt(start - 1))) start--;
  while (end < line.length && isName(line.charAt(end))) end++;
  // A sentence in a comment may end right after the name.
  while (end > start && line.charAt(end - 1) === '.') end--;
  return end > start ? { text: line.slice(start, end), start, end } : undefined;
}

/** The hover on an interface name: after `dev`, or any word that names an interface the routes use. */
export function interfaceHoverAt(analysis: Analysis, lineText: string, line: number, character: number): HoverText | undefined {
  const word = deviceWordAt(lineText, character);
  if (!word) return undefined;
  const afterDev = /(?:^|\s)(?:dev|oif)\s+$/.test(lineText.slice(0, word.start));
  if (!afterDev && !memoOf(analysis).devices.has(word.text)) return undefined;
  return { markdown: interfaceHover(analysis, word.text), span: spanOnLine(line, word.start, word.end) };
}

/** Whether the interface is a tunnel, the routes through it and the addresses it carries. */
export function interfaceHover(analysis: Analysis, device: string): string {
  const hovers = memoOf(analysis).hovers;
  let markdown = hovers.get(device);
  if (markdown === undefined) {
    markdown = describeInterface(analysis, device);
    hovers.set(device, markdown);
  }
  return markdown;
}

function describeInterface(analysis: Analysis, device: string): string {
  const pattern = analysis.tunnels.matchingPattern(device);
  const kind = pattern === undefined
    ? 'not a tunnel: no tunnel name pattern matches it'
    : `tunnel interface${pattern === device ? '' : ` (pattern ${code(pattern)})`}`;
  const parts = [`**${code(device)}** · ${kind}`];
  const routes = analysis.document.routes.filter((r) => r.nexthops.some((h) => h.device === device));
  if (routes.length === 0) {
    parts.push('No route in this document uses it.');
    return parts.join('\n\n');
  }
  const selected: Route[] = [];
  const never: Route[] = [];
  const carried: [bigint, bigint] = [0n, 0n];
  for (const route of routes) {
    const use = routeUse(analysis, route);
    if (use.kind !== 'selected') {
      never.push(route);
      continue;
    }
    selected.push(route);
    if (route.type === 'unicast') carried[route.family === 4 ? 0 : 1] += use.addresses;
  }
  parts.push(carriedText(...carried));
  if (selected.length > 0) {
    parts.push(`**Selected** (${selected.length})\n\n${listed(selected, (r) => selectedLine(analysis, r), MAX_ROUTES)}`);
  }
  if (never.length > 0) parts.push(`**Never selected** (${never.length})\n\n${listed(never, (r) => neverLine(analysis, r), MAX_ROUTES)}`);
  return parts.join('\n\n');
}

function carriedText(v4: bigint, v6: bigint): string {
  const counts = [v4 > 0n ? `${addressCount(v4)} (IPv4)` : '', v6 > 0n ? `${addressCount(v6)} (IPv6)` : ''].filter((s) => s !== '');
  if (counts.length === 0) return 'Carries no forwarded traffic: no lookup ends in a unicast route through it.';
  return `Carries ${counts.join(' and ')}: the lookups that end in a route through it.`;
}
