import { type PastedCommand, PROMPT_CHARS, parsePromptLine } from './shellPrompt';
import type { FormatParser } from './types';
import { type Lines, TextLines } from './textLines';

/** A run of lines with the parser chosen for it. */
export interface PlannedSection {
  /** The prompt line that opened it, if any. */
  readonly promptLine?: number;
  readonly command?: PastedCommand;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly parser: FormatParser | undefined;
  readonly confidence: number;
}

const SAMPLE_LINES = 64;
const MIN_COMMAND_SCORE = 0.5;

interface Open {
  promptLine?: number;
  command?: PastedCommand;
  start: number;
  header?: FormatParser;
  /** The line that matched `header`. */
  headerLine?: number;
}

/**
 * Splits a paste into sections at shell prompts and at format headers, then picks a parser per section:
 * the one that claims the pasted command, else the one whose header opened it, else the best scorer.
 */
export function planSections(lines: Lines, parsers: readonly FormatParser[], forced?: FormatParser): PlannedSection[] {
  if (forced) return [{ start: 0, end: lines.length, parser: forced, confidence: 1 }];
  const out: PlannedSection[] = [];
  let open: Open = { start: 0 };
  const close = (end: number): void => {
    const section = choose(lines, open, end, parsers);
    const previous = out[out.length - 1];
    // A header inside the same command's output (Windows' IPv4 and IPv6 tables) continues that section.
    if (previous && open.command === undefined && open.promptLine === undefined && previous.parser === section.parser && previous.end === open.start) {
      out[out.length - 1] = { ...previous, end };
    } else if (open.command || hasContent(lines, open.start, end)) {
      out.push(section);
    }
  };
  const quiet = quietLines(lines);
  for (let i = 0; i < lines.length; i++) {
    if (quiet?.(i)) continue;
    const line = lines.at(i) ?? '';
    const command = parsePromptLine(line);
    if (command) {
      close(i);
      open = { promptLine: i, command, start: i + 1 };
      continue;
    }
    const header = mayBeHeader(line) ? parsers.find((p) => p.isHeader(line)) : undefined;
    if (!header) continue;
    // The first line of a command's output may be the header that tells its format (`netstat -rn`).
    if (open.command !== undefined && open.header === undefined && !hasContent(lines, open.start, i)) {
      open.header = header;
      open.headerLine = i;
      continue;
    }
    // A header inside its own command's output (`route print` has several tables) continues it.
    const inOwnOutput = open.command !== undefined && (header.claims(open.command) || open.header === header);
    const repeated = open.header === header && !hasContent(lines, open.start, i);
    if (!inOwnOutput && !repeated) {
      close(i);
      open = { start: i, header, headerLine: i };
    }
  }
  close(lines.length);
  return out;
}

function choose(lines: Lines, open: Open, end: number, parsers: readonly FormatParser[]): PlannedSection {
  const base = { ...(open.promptLine !== undefined ? { promptLine: open.promptLine } : {}), ...(open.command ? { command: open.command } : {}), start: open.start, end };
  const claimed = open.command && parsers.find((p) => p.claims(open.command as PastedCommand));
  if (claimed) return { ...base, parser: claimed, confidence: 1 };
  if (open.header) return { ...base, parser: headerParser(lines, open, end, parsers), confidence: 1 };
  const sample = sampleLines(lines, open.start, end);
  let best: FormatParser | undefined;
  let bestScore = 0;
  for (const parser of parsers) {
    const score = parser.score(sample);
    if (score > bestScore) {
      best = parser;
      bestScore = score;
    }
  }
  // Output of a command no parser reads (`ping`, `traceroute`) is skipped unless it clearly looks like a table.
  if (open.command && bestScore < MIN_COMMAND_SCORE) return { ...base, parser: undefined, confidence: 0 };
  return { ...base, parser: best ?? parsers[parsers.length - 1], confidence: bestScore };
}

/** Formats that print the same header line (`Routing tables` on macOS and the BSDs) are told apart by content. */
function headerParser(lines: Lines, open: Open, end: number, parsers: readonly FormatParser[]): FormatParser | undefined {
  const headerLine = open.headerLine === undefined ? '' : (lines.at(open.headerLine) ?? '');
  const rivals = parsers.filter((p) => p.isHeader(headerLine));
  if (rivals.length < 2) return open.header;
  const sample = sampleLines(lines, open.start, end);
  let best = open.header;
  let bestScore = -1;
  for (const parser of rivals) {
    const score = parser.score(sample);
    if (score > bestScore) {
      best = parser;
      bestScore = score;
    }
  }
  return best;
}

/**
 * For the lines of a text, a test of line `i`, asked in increasing order, that is true when the line starts
 * with a digit and holds no prompt character: neither a prompt nor any header, so it need not be cut to be
 * judged. Most lines of a big table are such; the prompt characters are found first, once per piece of the text.
 */
function quietLines(lines: Lines): ((i: number) => boolean) | undefined {
  if (!(lines instanceof TextLines) || !lines.pristine) return undefined;
  // The marks are of the string the last line asked for was in: the text, or the piece of it read then.
  let piece = -1;
  let text = '';
  let marks: number[] = [];
  let next = 0;
  return (i) => {
    if (lines.pieceOf(i) !== piece) {
      piece = lines.pieceOf(i);
      text = lines.textOf(i);
      marks = [];
      for (const ch of PROMPT_CHARS) for (let at = text.indexOf(ch); at >= 0; at = text.indexOf(ch, at + 1)) marks.push(at);
      marks.sort((a, b) => a - b);
      next = 0;
    }
    const start = lines.startOf(i);
    const c = text.charCodeAt(start);
    if (!(c >= 48 && c <= 57)) return false;
    while (next < marks.length && (marks[next] as number) < start) next++;
    return next === marks.length || (marks[next] as number) >= lines.endOf(i);
  };
}

/** No format's header starts with a digit, and most lines of a big table do (its routes): skip the header tests for them. */
export function mayBeHeader(line: string): boolean {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const c = line.charCodeAt(i);
  return !(c >= 48 && c <= 57);
}

function sampleLines(lines: Lines, start: number, end: number): string[] {
  const sample: string[] = [];
  for (let i = start; i < end && sample.length < SAMPLE_LINES; i++) {
    const line = lines.at(i) ?? '';
    if (line.trim() !== '') sample.push(line);
  }
  return sample;
}

function hasContent(lines: Lines, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const t = (lines.at(i) ?? '').trim();
    if (t !== '' && !t.startsWith('#')) return true;
  }
  return false;
}
