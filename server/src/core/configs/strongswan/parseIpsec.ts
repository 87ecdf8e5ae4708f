import { type Span, spanOnLine } from '../../model';
import { IPSEC_KEYS, isSecretKey, suggest } from './keys';
import { splitLines, stripComment, valueAt } from './lines';
import type { Entry, IpsecSection, ParseProblem } from './model';

export interface ParsedIpsec {
  readonly sections: IpsecSection[];
  readonly problems: ParseProblem[];
  readonly secrets: Span[];
  readonly unknown: { entry: Entry; where: string; suggestion: string | undefined }[];
}

interface Open {
  kind: IpsecSection['kind'];
  name: string;
  header: Span;
  nameSpan: Span;
  entries: Entry[];
  lastLine: number;
  lastCol: number;
}

/**
 * Reads ipsec.conf the way the starter does: sections start at column 0 (`config setup`, `conn NAME`,
 * `ca NAME`), their `key=value` lines are indented, and `#` outside quotes starts a comment.
 */
export function parseIpsec(text: string): ParsedIpsec {
  const out: ParsedIpsec = { sections: [], problems: [], secrets: [], unknown: [] };
  let open: Open | undefined;
  const close = (): void => {
    if (!open) return;
    const span: Span = { line: open.header.line, col: 0, endLine: open.lastLine, endCol: open.lastCol };
    out.sections.push({ kind: open.kind, name: open.name, header: open.header, nameSpan: open.nameSpan, span, entries: open.entries });
    open = undefined;
  };
  splitLines(text).forEach((line, n) => {
    const content = stripComment(line).trimEnd();
    const trimmed = content.trim();
    if (trimmed === '') return;
    const start = content.length - content.trimStart().length;
    if (start === 0 && content.includes('=') && !/^(?:conn|ca|config|include)\s/.test(content)) {
      // An unindented key: reported, and the lines below still belong to the open section.
      out.problems.push({ span: spanOnLine(n, 0, content.length), message: 'This key is not indented: keys belong indented under a `conn`, `ca` or `config setup` line, and at column 0 the starter reads a new section.' });
      return;
    }
    if (start === 0) {
      close();
      open = header(content, n, out.problems);
      return;
    }
    const eq = content.indexOf('=');
    if (!open) {
      out.problems.push({ span: spanOnLine(n, start, content.length), message: 'An indented line outside any section: start a section first (`conn NAME` or `config setup` at column 0).' });
      return;
    }
    if (eq < 0) {
      out.problems.push({ span: spanOnLine(n, start, content.length), message: 'Expected `key=value` here: the starter stops reading the file on this line.' });
      return;
    }
    const key = content.slice(start, eq).trim();
    if (key === '' || /\s/.test(key)) {
      out.problems.push({ span: spanOnLine(n, start, eq), message: key === '' ? 'Missing key before "=".' : `"${key}" is not one key: keys have no spaces.` });
      return;
    }
    const { value, span } = valueAt(content, n, eq + 1);
    const keySpan = spanOnLine(n, start, start + key.length);
    const entry: Entry = { key, value, line: n, keySpan, valueSpan: span, secret: isSecretKey(key) };
    if (entry.secret && value !== '') out.secrets.push(span);
    const known = IPSEC_KEYS[open.kind];
    if (!known.has(key)) {
      const where = open.kind === 'config' ? 'config setup' : `${open.kind} ${open.name}`;
      out.unknown.push({ entry, where, suggestion: suggest(key, known) });
    }
    open.entries.push(entry);
    open.lastLine = n;
    open.lastCol = content.length;
  });
  close();
  return out;
}

function header(content: string, n: number, problems: ParseProblem[]): Open | undefined {
  const words = /^(\S+)(?:\s+(\S+))?\s*(.*)$/.exec(content);
  const keyword = words?.[1] ?? '';
  const name = words?.[2];
  const rest = words?.[3] ?? '';
  const headerSpan = spanOnLine(n, 0, content.length);
  if (keyword === 'include' || keyword === 'version') return undefined;
  if ((keyword === 'conn' || keyword === 'ca' || keyword === 'config') && name !== undefined && rest === '') {
    if (keyword === 'config' && name !== 'setup') {
      problems.push({ span: headerSpan, message: `"config ${name}": the only config section is \`config setup\`.` });
      return undefined;
    }
    const col = content.indexOf(name, keyword.length);
    const kind = keyword === 'config' ? 'config' : keyword;
    return { kind, name, header: headerSpan, nameSpan: spanOnLine(n, col, col + name.length), entries: [], lastLine: n, lastCol: content.length };
  }
  problems.push({ span: headerSpan, message: `Unknown section "${keyword.slice(0, 40)}": sections are \`config setup\`, \`conn NAME\`, \`ca NAME\` and \`include FILE\`.` });
  return undefined;
}
