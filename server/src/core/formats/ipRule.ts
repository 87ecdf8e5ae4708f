/**
 * `ip rule`, `ip -6 rule`, `ip -d rule`: one rule per line, as iproute2's print_rule writes it:
 * `PRIO:\t[not] from SRC [to DST] [tos T] [fwmark M[/K]] [iif D [detached]] [oif D [detached]] ... ACTION [proto P]`.
 * Rules are kept for the resolver, which walks them for each lookup.
 */
import type { Family } from '../net/address';
import { type PolicyRule, type Span, makeFinding, spanOnLine } from '../model';
import { ipCommand } from './ipArgs';
import { clip } from './ipRoute';
import { emitRule, selectorFamily } from './ipRuleModel';
import { type PastedCommand, parsePromptLine } from './shellPrompt';
import { boundedTokens } from './boundedTokens';
import type { Token } from './tokens';
import { type FormatParser, type ParseSink, type SectionInput, shareOfLines } from './types';

export const IP_RULE_FORMAT = 'linux-ip-rule';

/** Words followed by one value; `protocol` and `table` are older spellings. */
const VALUE_WORDS = new Set([
  'from', 'to', 'tos', 'dsfield', 'fwmark', 'iif', 'oif', 'uidrange', 'ipproto', 'sport', 'dport', 'tun_id', 'realms',
  'suppress_prefixlength', 'suppress_ifgroup', 'proto', 'protocol', 'dscp', 'flowlabel', 'map-to', 'goto', 'lookup',
  'table', 'dev', 'pref', 'priority',
]);

/** Actions other than `lookup` and `goto`, as rtnl_rtntype_n2a names them. */
const ACTIONS = new Set(['blackhole', 'unreachable', 'prohibit', 'nop', 'masquerade', 'throw', 'nat']);

const MARKERS = new Set(['not', '[detached]', '[unresolved]']);

/** Every selector, modifier and action at once is about 40 words; more is not a rule. */
const MAX_WORDS = 64;

function ruleFamily(command: PastedCommand | undefined): Family | undefined {
  const cmd = command ? ipCommand(command) : undefined;
  return cmd?.object === 'rule' ? cmd.family : undefined;
}

function isPriority(word: string): boolean {
  if (word.length < 2 || word.length > 21 || !word.endsWith(':')) return false;
  for (let i = 0; i < word.length - 1; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function looksLikeRule(tokens: readonly Token[]): boolean {
  let i = tokens[0]?.text === 'Deleted' ? 1 : 0;
  if (!isPriority(tokens[i]?.text ?? '')) return false;
  i++;
  if (tokens[i]?.text === 'not') i++;
  return tokens[i]?.text === 'from';
}

export const ipRuleParser: FormatParser = {
  id: IP_RULE_FORMAT,
  label: 'Linux ip rule',
  os: 'linux',
  claims(command: PastedCommand): boolean {
    const cmd = ipCommand(command);
    return cmd !== undefined && !cmd.json && cmd.object === 'rule';
  },
  isHeader: () => false,
  score: (sample: readonly string[]): number => shareOfLines(sample, (t) => looksLikeRule(boundedTokens(t, 4).tokens)),
  parse(input: SectionInput, sink: ParseSink): void {
    let family = ruleFamily(input.command);
    for (let n = input.start; n < input.end; n++) {
      const line = input.lines[n] ?? '';
      const { tokens, more, end } = boundedTokens(line, MAX_WORDS);
      const first = tokens[0];
      if (!first || first.text.startsWith('#')) continue;
      const prompt = parsePromptLine(line);
      if (prompt) {
        family = ruleFamily(prompt);
        continue;
      }
      if (more) {
        sink.finding(makeFinding('parse-error', 'error', 'Too many words for an `ip rule` line.', spanOnLine(n, first.start, end)));
        continue;
      }
      readRule(tokens, n, line, family, sink);
    }
  },
};

function readRule(tokens: readonly Token[], n: number, line: string, family: Family | undefined, sink: ParseSink): void {
  const first = tokens[0] as Token;
  const last = tokens[tokens.length - 1] as Token;
  const error = (message: string, tok: Token, to: Token = tok): void => {
    sink.finding(makeFinding('parse-error', 'error', message, spanOnLine(n, tok.start, to.end)));
  };
  if (!looksLikeRule(tokens)) {
    error('Not an `ip rule` line: expected `PRIORITY: from ...`.', first, last);
    return;
  }
  let i = first.text === 'Deleted' ? 1 : 0;
  const prioTok = tokens[i++] as Token;
  const priority = Number(prioTok.text.slice(0, -1));
  if (priority > 0xffffffff) {
    error(`Priority ${clip(prioTok.text.slice(0, -1))} is more than 4294967295.`, prioTok);
    return;
  }
  let not = false;
  let action: string | undefined;
  let table: string | undefined;
  let fam = family;
  const selectors: Record<string, string> = {};
  const spans: Record<string, Span> = {};
  let previous: string | undefined;
  for (; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    const word = tok.text;
    if (MARKERS.has(word)) {
      if (word === 'not') not = true;
      else if (word === '[unresolved]') selectors.unresolved = '';
      else if (previous === 'iif' || previous === 'oif') selectors.detached = selectors.detached ? `${selectors.detached},${previous}` : previous;
      continue;
    }
    if (ACTIONS.has(word)) {
      action = word === 'nat' ? 'nat' : word;
      spans.action = spanOnLine(n, tok.start, tok.end);
      continue;
    }
    const valueTok = tokens[i + 1];
    if (!VALUE_WORDS.has(word)) {
      const takesValue = valueTok !== undefined && !isKeyword(valueTok.text);
      selectors[word] = takesValue ? (valueTok as Token).text : '';
      sink.finding(makeFinding('unknown-keyword', 'information',
        `Unknown keyword '${clip(word)}': kept as a selector and not used in the analysis.`,
        spanOnLine(n, tok.start, takesValue ? (valueTok as Token).end : tok.end)));
      if (takesValue) i++;
      continue;
    }
    if (!valueTok) {
      error(`'${word}' needs a value.`, tok);
      return;
    }
    i++;
    previous = word;
    const value = valueTok.text;
    spans[word] = spanOnLine(n, tok.start, valueTok.end);
    if (word === 'lookup' || word === 'table') {
      action = 'lookup';
      if (value === '[l3mdev-table]') selectors.l3mdev = '';
      else table = value;
    } else if (word === 'goto') {
      action = 'goto';
      selectors.goto = value;
    } else if (word === 'map-to') {
      action = 'nat';
      selectors['map-to'] = value;
    } else {
      if (word === 'from' || word === 'to') {
        const addressFamily = value === 'all' ? undefined : selectorFamily(value);
        // `from 0/8`: iproute2's spelling for a length without an address.
        const zeroLength = value.startsWith('0/') && /^0\/\d{1,3}$/.test(value);
        if (value !== 'all' && addressFamily === undefined && !zeroLength) {
          error(`'${clip(value)}' is not an address or prefix.`, valueTok);
          return;
        }
        fam ??= addressFamily;
      }
      selectors[word === 'protocol' ? 'proto' : word] = value;
    }
  }
  const rule: PolicyRule = {
    family: fam ?? 4,
    priority,
    not,
    selectors,
    action: action ?? 'lookup',
    ...(table !== undefined ? { table } : {}),
    text: clip(line.trim(), 160),
    span: spanOnLine(n, first.start, last.end),
  };
  emitRule(sink, rule, spans);
}

function isKeyword(word: string): boolean {
  return VALUE_WORDS.has(word) || ACTIONS.has(word) || MARKERS.has(word);
}
