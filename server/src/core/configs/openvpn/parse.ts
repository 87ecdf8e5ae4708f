import { type Finding, type Span, makeFinding, spanOnLine } from '../../model';
import { splitLines } from '../../formats/tokens';
import { PUBLIC_BLOCKS } from './directives';
import { type Param, lexLine } from './lexer';
import type { Directive, InlineBlock, ParsedConfig } from './model';

interface Sink {
  readonly lines: readonly string[];
  readonly directives: Directive[];
  readonly blocks: InlineBlock[];
  readonly connections: InlineBlock[];
  readonly secrets: Span[];
  readonly findings: Finding[];
}

/** Options whose arguments are credentials rather than file names. */
const SECRET_ARGUMENTS: ReadonlySet<string> = new Set(['auth-token', 'auth-token-user']);

/** Reads a config into directives, inline blocks and `<connection>` profiles; problems become findings. */
export function parseConfig(text: string): ParsedConfig {
  const lines = splitLines(text);
  const sink: Sink = { lines, directives: [], blocks: [], connections: [], secrets: [], findings: [] };
  parseRange(sink, 0, lines.length, undefined);
  return sink;
}

function parseRange(sink: Sink, from: number, to: number, connection: number | undefined): void {
  const { lines } = sink;
  let line = from;
  while (line < to) {
    const raw = lines[line] ?? '';
    // A UTF-8 byte order mark before the first option is skipped, as OpenVPN does.
    const start = line === 0 && raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    const lexed = lexLine(raw, start);
    if (lexed.error) {
      sink.findings.push(makeFinding('parse-error', 'error', lexed.error.message, spanOnLine(line, lexed.error.start, lexed.error.end)));
      line++;
      continue;
    }
    const first = lexed.params[0];
    if (!first) {
      line++;
      continue;
    }
    const tag = lexed.params.length === 1 ? openTag(first) : undefined;
    if (tag !== undefined) {
      line = readBlock(sink, line, tag, first, to, connection);
      continue;
    }
    if (isKeyMaterial(first.text)) {
      line = hideKeyMaterial(sink, line, to);
      continue;
    }
    if (first.text.startsWith('</')) {
      sink.findings.push(makeFinding('parse-error', 'error',
        `Stray closing tag ${first.text}: no inline block is open. OpenVPN reads it as the start of a block and stops with "Endtag missing".`,
        spanOnLine(line, first.start, first.end)));
      line++;
      continue;
    }
    addDirective(sink, line, lexed.params, connection);
    line++;
  }
}

/** PEM armour, base64 or a static key's hex rows: pasted key text that no block encloses. */
function isKeyMaterial(text: string): boolean {
  return text.startsWith('-----BEGIN') || /^[A-Za-z0-9+/=]{40,}$/.test(text) || /^[0-9a-fA-F]{32}$/.test(text);
}

/**
 * Key text outside a block is hidden like a block's content: up to the matching `-----END` line,
 * or the run of key-looking lines. Nothing of it is quoted in the finding.
 */
function hideKeyMaterial(sink: Sink, from: number, to: number): number {
  const armoured = (sink.lines[from] ?? '').trimStart().startsWith('-----BEGIN');
  let end = from;
  if (armoured) {
    while (end < to - 1 && !(sink.lines[end] ?? '').includes('-----END')) end++;
  } else {
    while (end + 1 < to && isKeyMaterial((sink.lines[end + 1] ?? '').trim())) end++;
  }
  for (let i = from; i <= end; i++) sink.secrets.push(spanOnLine(i, 0, (sink.lines[i] ?? '').length));
  sink.findings.push(makeFinding('parse-error', 'error',
    'Key or certificate text outside an inline block: OpenVPN reads each line as an option and stops. Put it between tags such as <key> and </key>.',
    spanOnLine(from, 0, (sink.lines[from] ?? '').length)));
  return end + 1;
}

/** `<ca>` opens a block; OpenVPN requires it alone on its line. */
function openTag(param: Param): string | undefined {
  const t = param.text;
  if (param.quoted || t.length < 3 || t.charAt(0) !== '<' || t.charAt(t.length - 1) !== '>' || t.charAt(1) === '/') return undefined;
  return t.slice(1, -1);
}

/** Reads `<tag>` up to the line that starts with `</tag>`, as OpenVPN does; returns the line after it. */
function readBlock(sink: Sink, open: number, tag: string, param: Param, to: number, connection: number | undefined): number {
  const closeTag = `</${tag}>`;
  let close = -1;
  for (let i = open + 1; i < to; i++) {
    if ((sink.lines[i] ?? '').trimStart().startsWith(closeTag)) {
      close = i;
      break;
    }
  }
  // Option names are case-sensitive, but a block that might hold a key stays hidden whatever its spelling.
  const name = tag;
  const secret = !PUBLIC_BLOCKS.has(tag);
  const last = close < 0 ? to - 1 : close - 1;
  const openSpan = spanOnLine(open, param.start, param.end);
  let closeSpan: Span | undefined;
  if (close >= 0) {
    const closeLine = sink.lines[close] ?? '';
    const at = closeLine.indexOf(closeTag);
    closeSpan = spanOnLine(close, at, at + closeTag.length);
  }
  const block: InlineBlock = { tag: name, open: openSpan, ...(closeSpan ? { close: closeSpan } : {}), first: open + 1, last, secret };
  if (close < 0) {
    // Everything after an unclosed secret block is treated as secret: the rest of the file is its content.
    sink.findings.push(makeFinding('parse-error', 'error',
      `<${tag}> has no closing ${closeTag}: OpenVPN reads the rest of the file into it and stops with "Endtag ${closeTag} missing".`,
      openSpan));
  }
  if (name === 'connection') {
    const index = sink.connections.length;
    sink.connections.push(block);
    sink.blocks.push(block);
    if (connection !== undefined) {
      sink.findings.push(makeFinding('parse-error', 'error', 'A <connection> block cannot contain another <connection> block.', openSpan));
    }
    parseRange(sink, open + 1, last + 1, index);
  } else {
    sink.blocks.push(block);
    if (secret) {
      for (let i = open + 1; i <= last; i++) sink.secrets.push(spanOnLine(i, 0, (sink.lines[i] ?? '').length));
    }
    const nameParam: Param = { text: name, start: param.start, end: param.end, quoted: false };
    sink.directives.push({
      name, nameParam, args: [], line: open, span: openSpan, block,
      ...(connection !== undefined ? { connection } : {}),
    });
  }
  return close < 0 ? to : close + 1;
}

function addDirective(sink: Sink, line: number, params: readonly Param[], connection: number | undefined): void {
  const [first, ...args] = params as [Param, ...Param[]];
  // OpenVPN strips a leading `--` so command-line spellings work in files.
  const bare = first.text.startsWith('--') ? first.text.slice(2) : first.text;
  const nameParam: Param = { ...first, text: bare };
  const last = args[args.length - 1] ?? first;
  const directive: Directive = {
    name: bare, nameParam, args, line, span: spanOnLine(line, first.start, last.end),
    ...(connection !== undefined ? { connection } : {}),
  };
  sink.directives.push(directive);
  if (SECRET_ARGUMENTS.has(directive.name)) {
    for (const arg of args) sink.secrets.push(spanOnLine(line, arg.start, arg.end));
  }
  // A comma cannot be pushed (OpenVPN refuses the line), so the text is not read as an option.
  if (directive.name === 'push' && args[0] && !args[0].text.includes(',')) addPushed(sink, directive, args[0]);
}

/** The text of `push "…"` is an option line of its own, parsed again by the client. */
function addPushed(sink: Sink, push: Directive, arg: Param): void {
  const raw = sink.lines[push.line] ?? '';
  const plain = arg.quoted && raw.charAt(arg.start) === '"' && !raw.slice(arg.start, arg.end).includes('\\');
  // Without escapes the raw text between the quotes is the option itself, so columns stay exact.
  const lexed = plain ? lexLine(raw, arg.start + 1, arg.end - 1) : shift(lexLine(arg.text), arg.start + (arg.quoted ? 1 : 0), arg.end);
  const [first, ...args] = lexed.params;
  if (lexed.error || !first) {
    if (lexed.error) {
      sink.findings.push(makeFinding('parse-error', 'error', `In the pushed option: ${lexed.error.message}`, push.span));
    }
    return;
  }
  const last = args[args.length - 1] ?? first;
  const name = first.text.startsWith('--') ? first.text.slice(2) : first.text;
  sink.directives.push({ name, nameParam: first, args, line: push.line, span: spanOnLine(push.line, first.start, last.end), push });
  if (SECRET_ARGUMENTS.has(name)) {
    for (const a of args) sink.secrets.push(spanOnLine(push.line, a.start, a.end));
  }
}

/** Columns of an option lexed from unescaped text only approximate the source; they stay inside the argument. */
function shift(lexed: ReturnType<typeof lexLine>, by: number, limit: number): ReturnType<typeof lexLine> {
  const at = (col: number): number => Math.min(col + by, limit);
  const params = lexed.params.map((p) => ({ ...p, start: at(p.start), end: at(p.end) }));
  return lexed.error ? { params, error: { ...lexed.error, start: at(lexed.error.start), end: at(lexed.error.end) } } : { params };
}
