import type { Span } from '../../model';
import { type Address, parseIPv4 } from '../../net/address';
import { NUMERIC_OPTIONS, PPP_OPTIONS, SECRET_OPTIONS } from './pppOptions';
import { type Word, readWords, splitLines } from './text';

/** One option as pppd reads it: a known name and its argument, if it takes one. */
export interface PppOption {
  readonly name: string;
  readonly nameSpan: Span;
  readonly arg?: Word;
  readonly secret: boolean;
  /** pppd refused it (an earlier `nodefaultroute` disables `defaultroute`), so it changes nothing. */
  readonly rejected?: boolean;
}

/** `noX` disables X for the rest of the options, root or not: pppd stops with "X option is disabled". */
const VETOES: Readonly<Record<string, string>> = { nodefaultroute: 'defaultroute', nodefaultroute6: 'defaultroute6' };

/** The `local:remote` address word: either side may be empty. */
export interface PppAddresses {
  readonly word: Word;
  readonly local?: { readonly address: Address; readonly span: Span };
  readonly remote?: { readonly address: Address; readonly span: Span };
}

export interface PppDocument {
  readonly lines: readonly string[];
  readonly options: readonly PppOption[];
  readonly addresses: readonly PppAddresses[];
  /** Words pppd does not know (it stops with "unrecognized option"). */
  readonly unknown: readonly Word[];
  readonly errors: readonly { readonly message: string; readonly span: Span }[];
  readonly secrets: readonly Span[];
}

/** A word of the `local:remote` form, with the sides' spans. */
function addressWord(word: Word): PppAddresses | undefined {
  const colon = word.text.indexOf(':');
  if (colon < 0 || word.text.indexOf(':', colon + 1) >= 0 || word.text.length !== word.span.endCol - word.span.col) return undefined;
  const side = (text: string, col: number): { address: Address; span: Span } | undefined | null => {
    if (text === '') return undefined;
    const address = parseIPv4(text);
    return address ? { address, span: { ...word.span, col, endCol: col + text.length } } : null;
  };
  const local = side(word.text.slice(0, colon), word.span.col);
  const remote = side(word.text.slice(colon + 1), word.span.col + colon + 1);
  if (local === null || remote === null || (!local && !remote)) return undefined;
  return { word, ...(local ? { local } : {}), ...(remote ? { remote } : {}) };
}

function inRange(text: string, min: number, max: number): boolean {
  const n = Number.parseInt(text, 10);
  return n >= min && n <= max;
}

export function parsePppOptions(text: string): PppDocument {
  const lines = splitLines(text);
  const words = readWords(lines);
  const options: PppOption[] = [];
  const addresses: PppAddresses[] = [];
  const unknown: Word[] = [];
  const errors: { message: string; span: Span }[] = [];
  const secrets: Span[] = [];
  const vetoes = new Map<string, Span>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word) continue;
    if (word.unterminated) errors.push({ message: 'This quote is never closed: pppd reads the rest of the file into this word.', span: word.span });
    const arity = PPP_OPTIONS.get(word.text);
    if (arity === undefined) {
      // `local:remote`, a device path and a bare number (the baud rate) are valid words too.
      const pair = addressWord(word);
      if (pair) {
        addresses.push(pair);
      } else if (!word.text.startsWith('/dev/') && !/^\d+$/.test(word.text)) {
        unknown.push(word);
        // A misspelt password option still carries a password: keep the next word on the line out of every output.
        const next = words[i + 1];
        if (/pass|secret|pwd/i.test(word.text) && next && next.span.line === word.span.line) {
          secrets.push(next.span);
          i++;
        }
      }
      continue;
    }
    const secret = SECRET_OPTIONS.has(word.text);
    if (arity === 0) {
      const vetoed = vetoes.get(word.text);
      if (vetoed) {
        errors.push({ message: `pppd stops here: "${word.text} option is disabled" by the \`no${word.text}\` on line ${vetoed.line + 1}, even for root; pppd does not start.`, span: word.span });
      }
      const veto = VETOES[word.text];
      if (veto) vetoes.set(veto, word.span);
      options.push({ name: word.text, nameSpan: word.span, secret, ...(vetoed ? { rejected: true } : {}) });
      continue;
    }
    const arg = words[i + 1];
    if (!arg) {
      errors.push({ message: `pppd stops here: "too few parameters for option '${word.text}'".`, span: word.span });
      options.push({ name: word.text, nameSpan: word.span, secret });
      continue;
    }
    i++;
    if (arg.unterminated) errors.push({ message: 'This quote is never closed: pppd reads the rest of the file into this word.', span: arg.span });
    if (secret) {
      secrets.push(arg.span);
    } else if (NUMERIC_OPTIONS.has(word.text) && !/^-?(?:0x[0-9a-fA-F]+|\d+)$/.test(arg.text)) {
      errors.push({ message: `pppd stops here: "invalid numeric parameter" for ${word.text}.`, span: arg.span });
    } else if (word.text === 'mtu' && !inRange(arg.text, 128, 16384)) {
      errors.push({ message: 'pppd stops here: "mtu value must be between 128 and 16384".', span: arg.span });
    }
    options.push({ name: word.text, nameSpan: word.span, arg, secret });
  }
  return { lines, options, addresses, unknown, errors, secrets };
}
