import { type Span, spanOnLine } from '../../model';
import { type Xl2tpdContext, type Xl2tpdKey, isYesNo, lookupXl2tpdKey } from './xl2tpdKeys';
import { splitLines } from './text';

export interface Xl2tpdEntry {
  /** The field name as written, trimmed. */
  readonly key: string;
  readonly keySpan: Span;
  readonly value: string;
  /** The trimmed value; an empty span right after `=` when there is no value. */
  readonly valueSpan: Span;
  readonly info: Xl2tpdKey | undefined;
}

export interface Xl2tpdSection {
  readonly kind: Xl2tpdContext;
  /** `corp` of `[lac corp]`; `default` for the template sections. */
  readonly name: string | undefined;
  readonly header: Span;
  /** From the header to the last line before the next one. */
  readonly span: Span;
  readonly entries: Xl2tpdEntry[];
}

export interface Xl2tpdDocument {
  readonly lines: readonly string[];
  readonly sections: readonly Xl2tpdSection[];
  readonly errors: readonly { readonly message: string; readonly span: Span }[];
}

const CONTEXTS: ReadonlySet<string> = new Set(['global', 'lac', 'lns']);

/** Trimmed bounds of `line[from, to)`. */
function trimmed(line: string, from: number, to: number): [number, number] {
  let a = from;
  let b = to;
  while (a < b && line.charCodeAt(a) <= 32) a++;
  while (b > a && line.charCodeAt(b - 1) <= 32) b--;
  return [a, b];
}

/** Reads xl2tpd.conf the way xl2tpd's parse_config does: `;` comments, `[context name]`, `field = value`. */
export function parseXl2tpd(text: string): Xl2tpdDocument {
  const lines = splitLines(text);
  const sections: Xl2tpdSection[] = [];
  const errors: { message: string; span: Span }[] = [];
  let current: { -readonly [K in keyof Xl2tpdSection]: Xl2tpdSection[K] } | undefined;
  lines.forEach((line, n) => {
    const semi = line.indexOf(';');
    const [a, b] = trimmed(line, 0, semi < 0 ? line.length : semi);
    if (a === b) return;
    if (line.charAt(a) === '[') {
      const close = line.indexOf(']', a);
      if (close < 0 || close >= b) {
        errors.push({ message: 'xl2tpd stops here: "No closing bracket".', span: spanOnLine(n, a, b) });
        return;
      }
      const [ia, ib] = trimmed(line, a + 1, close);
      const inner = line.slice(ia, ib);
      const space = inner.indexOf(' ');
      const word = (space < 0 ? inner : inner.slice(0, space)).toLowerCase();
      const name = space < 0 ? undefined : inner.slice(space + 1).trim();
      if (!CONTEXTS.has(word)) {
        errors.push({ message: `xl2tpd stops here: unknown context "${inner}" (it knows [global], [lac NAME] and [lns NAME]).`, span: spanOnLine(n, ia, ib) });
        current = undefined;
        return;
      }
      current = { kind: word as Xl2tpdContext, name, header: spanOnLine(n, a, close + 1), span: spanOnLine(n, a, b), entries: [] };
      sections.push(current);
      return;
    }
    if (current) current.span = { ...current.span, endLine: n, endCol: b };
    if (!current) {
      errors.push({ message: 'xl2tpd stops here: this line comes before any [global], [lac] or [lns] section.', span: spanOnLine(n, a, b) });
      return;
    }
    const eq = line.indexOf('=', a);
    if (eq < 0 || eq >= b) {
      errors.push({ message: 'xl2tpd stops here: "no \'=\' in data"; fields are written `name = value`.', span: spanOnLine(n, a, b) });
      return;
    }
    const [ka, kb] = trimmed(line, a, eq);
    const [va, vb] = trimmed(line, eq + 1, b);
    const key = line.slice(ka, kb);
    const value = line.slice(va, vb);
    const info = lookupXl2tpdKey(key);
    const entry: Xl2tpdEntry = { key, keySpan: spanOnLine(n, ka, kb), value, valueSpan: spanOnLine(n, va, vb), info };
    current.entries.push(entry);
    if (info?.yesNo && info.contexts.includes(current.kind) && !isYesNo(value)) {
      errors.push({ message: `xl2tpd stops here: "${info.name} must be 'yes' or 'no'".`, span: value ? entry.valueSpan : entry.keySpan });
    }
  });
  return { lines, sections, errors };
}
