// Mutations of fixture text for fuzzing: each is a small, shrinkable value applied in order.
import fc from 'fast-check';

/** Address and prefix forms that sit at the edges of what parsers accept. */
export const EDGE_TOKENS: readonly string[] = [
  '::ffff:1.2.3.4', '::ffff:1.2.3.4/128', 'fe80::1%eth0', 'fe80::1%eth0/64', '010.001.002.003', '010.001.002.003/024',
  '300.1.1.1/40', '::/129', '0.0.0.0/0', '::/0', '2001:db8::1/128', '255.255.255.255/32', '1.2.3.4/33', '1.2.3.4/-1',
  '/0', '/128', '1.2.3', '1.2.3.4.5', ':::', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '1:2:3:4:5:6:7:8:9',
  '0x7f.1', '4294967295', '1e3', '-1', 'default', 'dev', 'via', 'metric', '[', ']', '{', '}', '"', '<key>', '</key>', '=',
];

export type Mutation =
  | { readonly op: 'truncate'; readonly line: number; readonly keep: number }
  | { readonly op: 'delete' | 'duplicate'; readonly line: number }
  | { readonly op: 'swap'; readonly line: number; readonly other: number }
  | { readonly op: 'repeat'; readonly line: number; readonly times: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'word'; readonly index: number; readonly token: string }
  | { readonly op: 'lineEnds'; readonly kind: 'crlf' | 'cr' | 'mixed' }
  | { readonly op: 'bom' | 'tabs' | 'trailingNewline' };

const bytes = fc.uint8Array({ minLength: 1, maxLength: 16 }).map((a) => String.fromCharCode(...a));
const junk = fc.oneof(bytes, fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('\0', '\0\0\0', '\t', '\r', '\n', '\uFFFD', '\uD800', '\u2028'));

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), line: fc.nat(), keep: fc.nat({ max: 200 }) }),
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('repeat' as const), line: fc.nat(), times: fc.integer({ min: 2, max: 60 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(junk, fc.constantFrom(...EDGE_TOKENS)) }),
  fc.record({ op: fc.constant('word' as const), index: fc.nat(), token: fc.constantFrom(...EDGE_TOKENS) }),
  fc.record({ op: fc.constant('lineEnds' as const), kind: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const) }),
  fc.record({ op: fc.constantFrom('bom' as const, 'tabs' as const, 'trailingNewline' as const) }),
);

export const mutationsArb = fc.array(mutationArb, { maxLength: 6 });

function splitKeep(text: string): string[] {
  return text.split('\n');
}

/** Applies one mutation; indices wrap around so every value hits something. */
export function mutate(text: string, m: Mutation): string {
  const lines = splitKeep(text);
  const at = (n: number): number => n % Math.max(lines.length, 1);
  switch (m.op) {
    case 'truncate': {
      const i = at(m.line);
      lines[i] = (lines[i] ?? '').slice(0, m.keep);
      return lines.join('\n');
    }
    case 'delete':
      lines.splice(at(m.line), 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(at(m.line), 0, lines[at(m.line)] ?? '');
      return lines.join('\n');
    case 'swap': {
      const i = at(m.line);
      const j = at(m.other);
      const a = lines[i] ?? '';
      lines[i] = lines[j] ?? '';
      lines[j] = a;
      return lines.join('\n');
    }
    case 'repeat': {
      const i = at(m.line);
      lines.splice(i, 0, ...Array<string>(m.times).fill(lines[i] ?? ''));
      return lines.join('\n');
    }
    case 'insert': {
      const p = m.at % (text.length + 1);
      return text.slice(0, p) + m.text + text.slice(p);
    }
    case 'word':
      return replaceWord(text, m.index, m.token);
    case 'lineEnds':
      if (m.kind === 'crlf') return text.replace(/\r?\n/g, '\r\n');
      if (m.kind === 'cr') return text.replace(/\r?\n/g, '\r');
      return lines.map((l, i) => l + (i === lines.length - 1 ? '' : ['\n', '\r\n', '\r'][i % 3])).join('');
    case 'bom':
      return `\uFEFF${text}`;
    case 'tabs':
      return text.replace(/ +/g, '\t');
    case 'trailingNewline':
      return text.endsWith('\n') ? text.replace(/\n+$/, '') : `${text}\n`;
  }
}

/** Replaces the index-th whitespace-separated word. */
function replaceWord(text: string, index: number, token: string): string {
  const words: { start: number; end: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m && words.length < 5000; m = re.exec(text)) {
    words.push({ start: m.index, end: m.index + m[0].length });
  }
  const w = words[index % Math.max(words.length, 1)];
  return w ? text.slice(0, w.start) + token + text.slice(w.end) : token;
}

export function applyAll(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(mutate, text);
}
