import { type Span, spanOnLine } from '../../model';
import { isSecretKey, sectionAllowed, suggest, swanKeyKnown, swanKeys, swanKind } from './keys';
import { splitLines, stripComment, valueAt } from './lines';
import type { Entry, ParseProblem, SwanNode } from './model';

export interface ParsedSwanctl {
  readonly nodes: SwanNode[];
  readonly problems: ParseProblem[];
  readonly secrets: Span[];
  readonly unknown: { entry: Entry; where: string; suggestion: string | undefined }[];
}

interface Building {
  name: string;
  path: string[];
  nameSpan: Span;
  entries: Entry[];
  children: SwanNode[];
}

const NAME = /[^\s{}=#]+/y;

/**
 * Reads swanctl.conf (libstrongswan's settings syntax): `name {` opens a section, `}` closes it,
 * `key = value` runs to the end of the line, and `include` pulls in other files.
 */
export function parseSwanctl(text: string): ParsedSwanctl {
  const out: ParsedSwanctl = { nodes: [], problems: [], secrets: [], unknown: [] };
  const root: Building = { name: '', path: [], nameSpan: spanOnLine(0, 0, 0), entries: [], children: [] };
  const stack: Building[] = [root];
  /** A name alone on its line: the settings grammar lets its "{" follow on a later line. */
  let pending: { word: string; span: Span } | undefined;
  const open = (word: string, wordSpan: Span): void => {
    const top = stack[stack.length - 1] ?? root;
    if (!sectionAllowed(swanKind(top.path), word)) {
      out.unknown.push({ entry: { key: word, value: '', line: wordSpan.line, keySpan: wordSpan, valueSpan: wordSpan, secret: false }, where: where(top), suggestion: undefined });
    }
    stack.push({ name: word, path: [...top.path, word], nameSpan: wordSpan, entries: [], children: [] });
  };
  splitLines(text).forEach((line, n) => {
    const content = stripComment(line);
    let i = 0;
    while (i < content.length) {
      const c = content.charAt(i);
      if (c === ' ' || c === '\t') {
        i++;
        continue;
      }
      const top = stack[stack.length - 1] ?? root;
      if (pending) {
        const waiting = pending;
        pending = undefined;
        if (c === '{') {
          open(waiting.word, waiting.span);
          i++;
          continue;
        }
        out.problems.push({ span: waiting.span, message: stray(waiting.word, top) });
      }
      if (c === '}') {
        if (stack.length === 1) out.problems.push({ span: spanOnLine(n, i, i + 1), message: 'This "}" closes no section: the braces are unbalanced, and swanctl refuses the file.' });
        else closeNode(stack, n, i + 1);
        i++;
        continue;
      }
      NAME.lastIndex = i;
      const word = NAME.exec(content)?.[0];
      if (word === undefined) {
        out.problems.push({ span: spanOnLine(n, i, i + 1), message: `Unexpected "${c}": expected a section name, a key or "}".` });
        return;
      }
      let j = i + word.length;
      while (content.charAt(j) === ' ' || content.charAt(j) === '\t') j++;
      const next = content.charAt(j);
      const wordSpan = spanOnLine(n, i, i + word.length);
      if (next === '{') {
        open(word, wordSpan);
        i = j + 1;
        continue;
      }
      if (next === '=') {
        // An unquoted value ends at "}", so `a { k = v }` fits on one line.
        const end = valueEnd(content, j + 1);
        const { value, span } = valueAt(content.slice(0, end), n, j + 1);
        const kind = swanKind(top.path);
        const entry: Entry = { key: word, value, line: n, keySpan: wordSpan, valueSpan: span, secret: isSecretKey(word) || (kind === 'secret' && word !== 'file' && !word.startsWith('id')) };
        if (entry.secret && value !== '') out.secrets.push(span);
        if (!swanKeyKnown(kind, top.name, word)) out.unknown.push({ entry, where: where(top), suggestion: suggest(word, swanKeys(kind, top.name) ?? []) });
        top.entries.push(entry);
        i = end;
        continue;
      }
      if (word === 'include') return;
      if (next === '') {
        pending = { word, span: wordSpan };
        return;
      }
      out.problems.push({ span: wordSpan, message: stray(word, top) });
      return;
    }
  });
  if (pending) out.problems.push({ span: pending.span, message: stray(pending.word, stack[stack.length - 1] ?? root) });
  const lines = splitLines(text);
  while (stack.length > 1) {
    const open = stack[stack.length - 1];
    if (open) out.problems.push({ span: open.nameSpan, message: `Section "${open.name}" is never closed: a "}" is missing, and swanctl refuses the file.` });
    closeNode(stack, lines.length - 1, (lines[lines.length - 1] ?? '').length);
  }
  out.nodes.push(...root.children);
  return out;
}

/** A word followed by neither "{" nor "="; inside a secrets section it may be a secret, so it is not quoted. */
function stray(word: string, top: Building): string {
  const shown = top.path[0] === 'secrets' ? 'This word' : `"${word.slice(0, 40)}"`;
  return `${shown} is followed by neither "{" nor "=": swanctl refuses the file.`;
}

/** Where a value ends: the end of the line, or an unquoted "}". */
function valueEnd(content: string, from: number): number {
  let quoted = false;
  for (let i = from; i < content.length; i++) {
    const c = content.charAt(i);
    if (c === '"') quoted = !quoted;
    else if (c === '}' && !quoted) return i;
  }
  return content.length;
}

function closeNode(stack: Building[], line: number, col: number): void {
  const node = stack.pop();
  const parent = stack[stack.length - 1];
  if (!node || !parent) return;
  const span: Span = { line: node.nameSpan.line, col: node.nameSpan.col, endLine: line, endCol: col };
  parent.children.push({ name: node.name, path: node.path, nameSpan: node.nameSpan, span, entries: node.entries, children: node.children });
}

function where(node: Building): string {
  return node.path.length === 0 ? 'the top level' : node.path.join('.');
}
