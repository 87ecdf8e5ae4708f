import { type Span, spanOnLine } from '../../model';
import { looksSecret, lookupKey } from './keys';
import type { ParseProblem, WgEntry, WgSection } from './model';

export interface ParsedText {
  readonly sections: WgSection[];
  readonly problems: ParseProblem[];
  readonly secrets: Span[];
}

/** Lines split on LF, CRLF or CR, in one linear pass. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

interface OpenSection {
  kind: 'interface' | 'peer';
  header: Span;
  entries: WgEntry[];
  lastLine: number;
  lastCol: number;
  above: string | undefined;
  inside: string | undefined;
}

/** `# Name = laptop`, `# friendly_name = laptop`, `# Name: laptop`, `# Client: laptop`, `### begin laptop ###`. */
const LABEL = /^#+\s*(?:name|friendly_name|client|peer)\s*[=:]\s*(.+?)\s*#*$/i;
const PIVPN = /^#+\s*begin\s+(\S+)\s*#+$/i;
/** A key line someone commented out, whose value may still be a secret. */
const COMMENTED_SECRET = /^#+\s*(?:PrivateKey|PresharedKey)\s*=\s*(\S+)/i;

/**
 * Reads a wg-quick or `wg showconf` file the way `wg` and wg-quick do: `#` starts a comment anywhere,
 * section headers and keys are case-insensitive, and everything after the first `=` is the value.
 */
export function parseConf(text: string): ParsedText {
  const sections: WgSection[] = [];
  const problems: ParseProblem[] = [];
  const secrets: Span[] = [];
  const lines = splitLines(text);
  let open: OpenSection | undefined;
  /** True after an unknown header: its lines get no error of their own. */
  let inUnknown = false;
  let pendingLabel: string | undefined;
  const close = (): void => {
    if (!open) return;
    const span: Span = { line: open.header.line, col: open.header.col, endLine: open.lastLine, endCol: open.lastCol };
    sections.push({ kind: open.kind, header: open.header, span, entries: open.entries, label: open.inside ?? open.above });
    open = undefined;
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    const hash = line.indexOf('#');
    const content = hash < 0 ? line : line.slice(0, hash);
    if (hash >= 0) {
      const comment = line.slice(hash);
      const secret = COMMENTED_SECRET.exec(comment);
      if (secret?.[1] !== undefined) {
        const col = hash + comment.indexOf(secret[1], comment.indexOf('='));
        secrets.push(spanOnLine(n, col, col + secret[1].length));
      }
      const label = labelOf(comment);
      if (label !== undefined && content.trim() === '') {
        const friendly = /friendly_name/i.test(comment);
        // A label right under a header, or a friendly_name anywhere in the section, names that section.
        if (open && open.inside === undefined && (friendly || open.entries.length === 0)) open.inside = label;
        if (!friendly) pendingLabel = label;
      }
    }
    const trimmed = content.trim();
    if (trimmed === '') continue;
    const start = content.length - content.trimStart().length;
    const end = start + trimmed.length;
    if (trimmed.startsWith('[')) {
      close();
      const squeezed = trimmed.replace(/\s+/g, '').toLowerCase();
      const header = spanOnLine(n, start, end);
      if (squeezed === '[interface]' || squeezed === '[peer]') {
        open = {
          kind: squeezed === '[peer]' ? 'peer' : 'interface', header, entries: [], lastLine: n, lastCol: end,
          above: pendingLabel, inside: undefined,
        };
        inUnknown = false;
      } else {
        problems.push({ span: header, message: `Unknown section ${trimmed.endsWith(']') ? trimmed : `${trimmed} (no closing "]")`}: wg reads only [Interface] and [Peer], and stops here.` });
        inUnknown = true;
      }
      pendingLabel = undefined;
      continue;
    }
    pendingLabel = undefined;
    const eq = content.indexOf('=');
    if (eq < 0) {
      if (!inUnknown) problems.push({ span: spanOnLine(n, start, end), message: 'Expected "Key = value": this line has no "=", and wg stops on it.' });
      continue;
    }
    if (!open) {
      if (!inUnknown) problems.push({ span: spanOnLine(n, start, end), message: 'This line is outside a section: put it under [Interface] or [Peer]; wg stops on it.' });
      continue;
    }
    const entry = readEntry(content, n, eq, open.kind);
    if (!entry) {
      problems.push({ span: spanOnLine(n, start, end), message: 'Missing key before "=".' });
      continue;
    }
    if (entry.secret && entry.value !== '') secrets.push(entry.valueSpan);
    open.entries.push(entry);
    open.lastLine = n;
    open.lastCol = end;
  }
  close();
  return { sections, problems, secrets };
}

function readEntry(content: string, line: number, eq: number, section: 'interface' | 'peer'): WgEntry | undefined {
  const rawKey = content.slice(0, eq);
  const key = rawKey.trim();
  if (key === '') return undefined;
  const keyCol = rawKey.length - rawKey.trimStart().length;
  const rawValue = content.slice(eq + 1);
  const value = rawValue.trim();
  const valueCol = eq + 1 + (rawValue.length - rawValue.trimStart().length);
  const info = lookupKey(key, section);
  return {
    key,
    name: info?.name,
    value,
    line,
    keySpan: spanOnLine(line, keyCol, keyCol + key.length),
    // An empty value sits just after the "=", so findings about it have a place.
    valueSpan: spanOnLine(line, value === '' ? eq + 1 : valueCol, value === '' ? eq + 1 : valueCol + value.length),
    secret: info ? info.secret : looksSecret(key),
  };
}

function labelOf(comment: string): string | undefined {
  const match = LABEL.exec(comment) ?? PIVPN.exec(comment);
  const label = match?.[1]?.trim();
  if (label === undefined || label === '') return undefined;
  return label.length > 60 ? `${label.slice(0, 59)}…` : label;
}
