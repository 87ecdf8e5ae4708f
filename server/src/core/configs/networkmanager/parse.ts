import { type Span, spanOnLine } from '../../model';
import { isSecretKey, settingName } from './keys';
import type { NmEntry, NmSection, ParseProblem } from './model';

export interface ParsedKeyfile {
  readonly sections: NmSection[];
  readonly problems: ParseProblem[];
  readonly secrets: Span[];
}

/** Lines split on LF, CRLF or CR, in one linear pass. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const COMMENTED_SECRET = /^#+\s*([\w -]+?)\s*=/;

interface Open {
  name: string;
  setting: string;
  header: Span;
  nameSpan: Span;
  entries: NmEntry[];
  lastLine: number;
  lastCol: number;
}

/**
 * Reads a keyfile the way GKeyFile does: `#` starts a comment only at the start of a line, `[name]` opens
 * a group, everything after the first `=` is the value, and keys are case-sensitive.
 */
export function parseKeyfile(text: string): ParsedKeyfile {
  const sections: NmSection[] = [];
  const problems: ParseProblem[] = [];
  const secrets: Span[] = [];
  const lines = splitLines(text);
  let open: Open | undefined;
  const close = (): void => {
    if (!open) return;
    const span: Span = { line: open.header.line, col: open.header.col, endLine: open.lastLine, endCol: open.lastCol };
    const peerKey = open.setting === 'wireguard-peer' ? open.name.slice('wireguard-peer.'.length) : undefined;
    sections.push({ name: open.name, setting: open.setting, peerKey, header: open.header, nameSpan: open.nameSpan, span, entries: open.entries });
    open = undefined;
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const start = line.length - line.trimStart().length;
    const end = start + trimmed.length;
    if (trimmed.startsWith('#')) {
      // A commented-out key line may still hold a real secret.
      const hidden = COMMENTED_SECRET.exec(trimmed);
      if (hidden?.[1] !== undefined && isSecretKey(open?.setting ?? '', hidden[1])) {
        const col = start + trimmed.indexOf('=') + 1;
        const value = line.slice(col).trim();
        if (value !== '') secrets.push(spanOnLine(n, line.indexOf(value, col), line.indexOf(value, col) + value.length));
      }
      continue;
    }
    if (trimmed.startsWith('[')) {
      close();
      const closing = trimmed.indexOf(']');
      if (closing < 0 || closing !== trimmed.length - 1) {
        problems.push({ span: spanOnLine(n, start, end), message: `"${trimmed}" is not a group header: NetworkManager refuses the whole file ("Key file contains line which is not a key-value pair, group, or comment").` });
        continue;
      }
      const name = trimmed.slice(1, -1);
      open = {
        name, setting: settingName(name) ?? name, header: spanOnLine(n, start, end), nameSpan: spanOnLine(n, start + 1, end - 1),
        entries: [], lastLine: n, lastCol: end,
      };
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) {
      problems.push({ span: spanOnLine(n, start, end), message: 'Expected "key=value": NetworkManager refuses the whole file over this line.' });
      continue;
    }
    if (!open) {
      problems.push({ span: spanOnLine(n, start, end), message: 'This line comes before any [group]: NetworkManager refuses the whole file ("Key file does not start with a group").' });
      continue;
    }
    const rawKey = line.slice(0, eq);
    const key = rawKey.trim();
    if (key === '') {
      problems.push({ span: spanOnLine(n, start, end), message: 'Missing key before "=".' });
      continue;
    }
    const keyCol = rawKey.length - rawKey.trimStart().length;
    const rawValue = line.slice(eq + 1);
    const value = rawValue.trim();
    const valueCol = value === '' ? eq + 1 : eq + 1 + (rawValue.length - rawValue.trimStart().length);
    const entry: NmEntry = {
      key, value, line: n,
      keySpan: spanOnLine(n, keyCol, keyCol + key.length),
      valueSpan: spanOnLine(n, valueCol, valueCol + value.length),
      secret: isSecretKey(open.setting, key),
    };
    if (entry.secret && value !== '') secrets.push(entry.valueSpan);
    open.entries.push(entry);
    open.lastLine = n;
    open.lastCol = end;
  }
  close();
  return { sections, problems, secrets };
}
