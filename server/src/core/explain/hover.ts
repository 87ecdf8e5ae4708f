import type { Analysis } from '../analyze';
import { type Span, spanOnLine } from '../model';
import { parseAddress } from '../net/address';
import { parsePrefix } from '../net/prefix';
import { addressHover } from './addressHover';
import { interfaceHoverAt } from './interfaceHover';
import { prefixSplit } from './prefixHover';
import { routeHover } from './routeHover';
import { addressWordAt, lineOf } from './tokenAt';

export interface HoverText {
  readonly markdown: string;
  readonly span: Span;
}

/**
 * The hover at a position: a route's destination explains the route, an address explains where it goes,
 * a prefix explains how its range splits across the routes, an interface name lists the routes through it.
 */
export function hoverAt(analysis: Analysis, text: string, line: number, character: number): HoverText | undefined {
  const lineText = lineOf(text, line);
  if (lineText === undefined) return undefined;
  const word = addressWordAt(lineText, character);
  if (!word) return interfaceHoverAt(analysis, lineText, line, character);
  const span = spanOnLine(line, word.start, word.end);
  const route = analysis.document.routes.find(
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
