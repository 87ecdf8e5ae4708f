import { type Span, spanOnLine } from '../../model';
import { parseAddress } from '../../net/address';
import { parsePrefix } from '../../net/prefix';
import type { Selector } from './model';

export interface SelectorList {
  readonly selectors: Selector[];
  readonly bad: { text: string; span: Span; hostBits: boolean }[];
}

/**
 * Reads a comma list of traffic selectors: CIDR subnets, addresses, `%dynamic` (swanctl: `dynamic`),
 * address ranges `A-B`, each with an optional `[proto/port]`.
 */
export function parseSelectors(value: string, valueSpan: Span): SelectorList {
  const out: SelectorList = { selectors: [], bad: [] };
  let offset = 0;
  for (const part of value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    const col = valueSpan.col + offset + lead + (value !== '' && valueSpan.endCol - valueSpan.col > value.length ? 1 : 0);
    offset += part.length + 1;
    if (text === '') continue;
    const span = spanOnLine(valueSpan.line, col, col + text.length);
    const bracket = text.indexOf('[');
    const base = bracket < 0 ? text : text.slice(0, bracket);
    const protoPort = bracket < 0 ? undefined : text.slice(bracket + 1, text.endsWith(']') ? -1 : undefined);
    if (bracket >= 0 && !text.endsWith(']')) {
      out.bad.push({ text, span, hostBits: false });
      continue;
    }
    if (base === '%dynamic' || base === 'dynamic' || base === '') {
      out.selectors.push({ text, span, prefix: undefined, dynamic: true, hostBitsSet: false, protoPort });
      continue;
    }
    const dash = base.indexOf('-');
    if (dash > 0 && parseAddress(base.slice(0, dash)) && parseAddress(base.slice(dash + 1))) {
      out.selectors.push({ text, span, prefix: undefined, dynamic: false, hostBitsSet: false, protoPort });
      continue;
    }
    const parsed = parsePrefix(base);
    if (!parsed || base === 'default' || base === 'all' || base === 'any') {
      out.bad.push({ text, span, hostBits: false });
      continue;
    }
    if (parsed.hostBitsSet) out.bad.push({ text, span, hostBits: true });
    out.selectors.push({ text, span, prefix: parsed.prefix, dynamic: false, hostBitsSet: parsed.hostBitsSet, protoPort });
  }
  return out;
}

/** The default selector when none is written: the endpoint's own (or virtual) address. */
export function dynamicSelector(span: Span): Selector {
  return { text: '%dynamic', span, prefix: undefined, dynamic: true, hostBitsSet: false, protoPort: undefined };
}
