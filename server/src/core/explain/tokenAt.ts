/** An address-like word under the cursor. */
export interface WordAt {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function isAddressChar(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46 || c === 47;
}

/** The run of address characters (hex digits, `.`, `:`, `/`) or the word `default` around `character`. */
export function addressWordAt(line: string, character: number): WordAt | undefined {
  const word = /[A-Za-z_]/;
  let start = character;
  let end = character;
  if (isAddressChar(line.charCodeAt(character)) || isAddressChar(line.charCodeAt(character - 1))) {
    while (start > 0 && isAddressChar(line.charCodeAt(start - 1))) start--;
    while (end < line.length && isAddressChar(line.charCodeAt(end))) end++;
    // A zone (`fe80::1%eth0`) belongs to the address but not to its value.
    if (line.charCodeAt(end) === 37) {
      let z = end + 1;
      while (z < line.length && /[\w.-]/.test(line.charAt(z))) z++;
      return { text: line.slice(start, end), start, end: z };
    }
  }
  if (end === start || !/[.:]/.test(line.slice(start, end))) {
    start = character;
    end = character;
    while (start > 0 && word.test(line.charAt(start - 1))) start--;
    while (end < line.length && word.test(line.charAt(end))) end++;
    if (line.slice(start, end) !== 'default') return undefined;
  }
  const text = line.slice(start, end).replace(/[.:]+$/, (tail) => (tail === '::' ? tail : ''));
  if (text === '' || isEmbedded(line, start, start + text.length)) return undefined;
  return { text, start, end: start + text.length };
}

/** Words glued to letters (`eth0.10`, `v1.2.3.4a`) are names, not addresses. */
function isEmbedded(line: string, start: number, end: number): boolean {
  const before = line.charAt(start - 1);
  const after = line.charAt(end);
  return /[G-Zg-z_]/.test(before) || /[G-Zg-z_]/.test(after);
}

/** The text of line `line` (0-based) without splitting the whole document; LF, CRLF and CR all end a line. */
export function lineOf(text: string, line: number): string | undefined {
  let start = 0;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  const breakFrom = (from: number): number => {
    if (lf >= 0 && lf < from) lf = text.indexOf('\n', from);
    if (cr >= 0 && cr < from) cr = text.indexOf('\r', from);
    if (cr < 0) return lf;
    return lf < 0 ? cr : Math.min(lf, cr);
  };
  for (let i = 0; i < line; i++) {
    const next = breakFrom(start);
    if (next < 0) return undefined;
    start = next + (text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1);
  }
  const end = breakFrom(start);
  return text.slice(start, end < 0 ? text.length : end);
}
