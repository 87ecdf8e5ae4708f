import { type Span, spanOnLine } from '../../model';
import { splitLines } from './lines';
import type { ParseProblem, SecretEntry } from './model';

export interface ParsedSecrets {
  readonly entries: SecretEntry[];
  readonly problems: ParseProblem[];
  readonly secrets: Span[];
}

const TYPES = ['PSK', 'RSA', 'ECDSA', 'BLISS', 'PKCS8', 'P12', 'EAP', 'XAUTH', 'NTLM', 'PIN', 'PPK'];

/**
 * Reads ipsec.secrets: `[IDs] : TYPE value`, where everything after the type is hidden, and indented
 * lines continue the entry above (multi-line secrets).
 */
export function parseSecrets(text: string): ParsedSecrets {
  const out: ParsedSecrets = { entries: [], problems: [], secrets: [] };
  let continuing = false;
  splitLines(text).forEach((line, n) => {
    const start = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (start > 0 && continuing) {
      // The rest of a multi-line value: hidden as a whole.
      out.secrets.push(spanOnLine(n, start, line.trimEnd().length));
      return;
    }
    if (start === 0 && /^include\s/.test(trimmed)) return;
    const colon = findTypeColon(line);
    if (colon < 0) {
      continuing = false;
      out.secrets.push(spanOnLine(n, start, line.trimEnd().length));
      out.problems.push({ span: spanOnLine(n, start, line.trimEnd().length), message: 'Expected `[IDs] : TYPE secret` (TYPE is PSK, RSA, ECDSA, EAP, XAUTH, NTLM, P12, PIN...): the ":" before the type is missing. The line is hidden.' });
      return;
    }
    const after = line.slice(colon + 1);
    const typeCol = colon + 1 + (after.length - after.trimStart().length);
    const type = /^\S+/.exec(line.slice(typeCol))?.[0] ?? '';
    const typeSpan = spanOnLine(n, typeCol, typeCol + type.length);
    const valueStart = typeCol + type.length;
    const end = line.trimEnd().length;
    if (end > valueStart) out.secrets.push(spanOnLine(n, valueStart, end));
    continuing = true;
    if (!TYPES.includes(type.toUpperCase())) {
      out.problems.push({ span: typeSpan.endCol > typeSpan.col ? typeSpan : spanOnLine(n, colon, colon + 1), message: 'Unknown secret type: ipsec.secrets knows PSK, RSA, ECDSA, BLISS, PKCS8, P12, EAP, XAUTH, NTLM, PIN and PPK.' });
    }
    out.entries.push({ type: type.toUpperCase(), ids: line.slice(0, colon).trim(), span: spanOnLine(n, start, end), typeSpan });
  });
  return out;
}

/** The `:` that separates IDs from the type: the first one followed by whitespace and a type word, outside quotes. */
function findTypeColon(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted && (i + 1 >= line.length || /\s/.test(line.charAt(i + 1)))) return i;
  }
  return -1;
}
