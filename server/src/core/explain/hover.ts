import type { Analysis } from '../analyze';
import { type Route, type Span, spanOnLine } from '../model';
import { parseAddress } from '../net/address';
import { parsePrefix } from '../net/prefix';
import { addressHover } from './addressHover';
import { interfaceHoverAt } from './interfaceHover';
import { prefixSplit } from './prefixHover';
import { routeHover } from './routeHover';
import { addressWordAt } from './tokenAt';

export interface HoverText {
  readonly markdown: string;
  readonly span: Span;
}

/**
 * The hover at a position: a route's destination explains the route, an address explains where it goes,
 * a prefix explains how its range splits across the routes, an interface name lists the routes through it.
 * `lineText` is the text of line `line`: the caller has the document, so the hover never scans it.
 */
export function hoverAt(analysis: Analysis, lineText: string, line: number, character: number): HoverText | undefined {
  const word = addressWordAt(lineText, character);
  if (!word) return interfaceHoverAt(analysis, lineText, line, character);
  const span = spanOnLine(line, word.start, word.end);
  const route = routesOnLine(analysis, line).find(
    (r) => r.prefixSpan.line === line && r.prefixSpan.col === word.start && r.prefixSpan.endCol === word.start + word.text.length,
  );
  if (route) return { markdown: routeHover(analysis, route), span };
  if (word.text === 'default') return undefined;
  if (!word.text.includes('/')) {
    const address = parseAddress(word.text);
    return address ? { markdown: addressHover(analysis, address), span } : undefined;
  }
  const parsed = parsePrefix(word.text);
  return parsed ? { markdown: prefixSplit(analysis, parsed.prefix), span } : undefined;
}

// Hovers come on every mouse move: the routes are indexed by line once per analysis.
const BY_LINE = new WeakMap<Analysis, (line: number) => readonly Route[]>();

/** The routes whose destination is on `line`, found by binary search when the routes are in line order. */
function routesOnLine(analysis: Analysis, line: number): readonly Route[] {
  let index = BY_LINE.get(analysis);
  if (!index) {
    const routes = analysis.document.routes;
    let sorted = true;
    for (let i = 1; i < routes.length && sorted; i++) sorted = (routes[i - 1] as Route).prefixSpan.line <= (routes[i] as Route).prefixSpan.line;
    index = sorted ? (at) => sortedOnLine(routes, at) : mapIndex(routes);
    BY_LINE.set(analysis, index);
  }
  return index(line);
}

function sortedOnLine(routes: readonly Route[], line: number): readonly Route[] {
  let lo = 0;
  let hi = routes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((routes[mid] as Route).prefixSpan.line < line) lo = mid + 1;
    else hi = mid;
  }
  const out: Route[] = [];
  for (let i = lo; i < routes.length && (routes[i] as Route).prefixSpan.line === line; i++) out.push(routes[i] as Route);
  return out;
}

function mapIndex(routes: readonly Route[]): (line: number) => readonly Route[] {
  const map = new Map<number, Route[]>();
  for (const route of routes) {
    const list = map.get(route.prefixSpan.line);
    if (list) list.push(route);
    else map.set(route.prefixSpan.line, [route]);
  }
  return (line) => map.get(line) ?? [];
}
