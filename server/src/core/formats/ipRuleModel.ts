/**
 * Policy rules as both `ip rule` formats give them. A PolicyRule keeps every selector and modifier in `selectors`,
 * keyed by the text format's words (`from`, `to`, `fwmark`, `iif`, `suppress_prefixlength`, `goto`...);
 * `action` is `lookup`, `goto`, `nop`, `blackhole`, `unreachable`, `prohibit`, `nat` or `masquerade`.
 */
import type { Family } from '../net/address';
import { parsePrefix } from '../net/prefix';
import { type PolicyRule, type Span, makeFinding } from '../model';
import { objectSpan } from './ipJsonRoute';
import { type JsonEntry, type JsonValue, sourceText } from './jsonScan';
import type { ParseSink } from './types';

/** A selector whose effect a dump cannot show; the rule is still evaluated. */
export const POLICY_SELECTOR_UNDECIDED = 'policy-selector-undecided';

/** The rules every Linux host starts with, by family: priority and table. */
const DEFAULT_RULES: Readonly<Record<Family, readonly (readonly [number, string])[]>> = {
  4: [[0, 'local'], [32766, 'main'], [32767, 'default']],
  6: [[0, 'local'], [32766, 'main'], [32767, 'default']],
};

export function isDefaultRule(rule: PolicyRule): boolean {
  if (rule.not || rule.action !== 'lookup') return false;
  for (const [key, value] of Object.entries(rule.selectors)) {
    // `ip -d rule` prints `proto kernel` on the built-in rules.
    if (key === 'proto') continue;
    if (key !== 'from' || value !== 'all') return false;
  }
  return DEFAULT_RULES[rule.family].some(([priority, table]) => priority === rule.priority && table === rule.table);
}

/** Why a selector or action cannot be decided from a dump, and what the lookup assumes instead. */
function undecided(key: string, value: string): string | undefined {
  switch (key) {
    case 'suppress_ifgroup':
      return `suppress_ifgroup ${value}: a dump does not show interface groups; lookups assume every interface is in group 0 (default).`;
    case 'flowlabel':
      return `flowlabel ${value}: the IPv6 flow label is not a flow input; lookups assume label 0.`;
    default:
      return undefined;
  }
}

/** Keeps a rule, and notes at `spans` (by selector) whatever of it a dump cannot decide. */
export function emitRule(sink: ParseSink, rule: PolicyRule, spans: Readonly<Record<string, Span>> = {}): void {
  sink.rule(rule);
  for (const [key, value] of Object.entries(rule.selectors)) {
    const why = undecided(key, value);
    if (why) sink.finding(makeFinding(POLICY_SELECTOR_UNDECIDED, 'information', why, spans[key] ?? rule.span));
  }
  if (rule.action === 'nat' || rule.action === 'masquerade') {
    sink.finding(makeFinding(POLICY_SELECTOR_UNDECIDED, 'information',
      `\`${rule.action}\` rules are no longer carried out by the kernel; lookups skip this rule.`, spans.action ?? rule.span));
  }
}

/** The family a selector address implies, if any. */
export function selectorFamily(value: string): Family | undefined {
  if (value === 'all') return undefined;
  return parsePrefix(value)?.prefix.family;
}

/** JSON keys whose values map straight onto a text keyword. */
const PLAIN_KEYS: Readonly<Record<string, string>> = {
  tos: 'tos', dsfield: 'dsfield', iif: 'iif', oif: 'oif', ipproto: 'ipproto', tun_id: 'tun_id',
  suppress_prefixlen: 'suppress_prefixlength', suppress_ifgroup: 'suppress_ifgroup', protocol: 'proto',
  nat_gateway: 'map-to', goto: 'goto',
};

/** JSON keys folded into another selector (`fwmask` into `fwmark`), or flags that are `null` when present. */
const FOLDED = new Set([
  'srclen', 'dstlen', 'fwmask', 'uid_start', 'uid_end', 'sport_start', 'sport_end', 'sport_mask', 'dport_start',
  'dport_end', 'dport_mask', 'flow_from', 'flow_to', 'dscp_mask', 'flowlabel_mask', 'iif_detached', 'oif_detached',
  'priority', 'not', 'table', 'action', 'nop', 'masquerade', 'deleted', 'l3mdev', 'unresolved', 'src', 'dst',
  'fwmark', 'sport', 'dport', 'dscp', 'flowlabel',
]);

export interface JsonRuleResult {
  readonly rule?: PolicyRule;
  readonly error?: { readonly message: string; readonly value: JsonValue };
  /** Keys no iproute2 version prints, for an `unknown-keyword` note. */
  readonly unknown: readonly JsonEntry[];
}

/** An `ip -j rule` object as a PolicyRule. */
export function ruleFromJson(obj: JsonValue & { kind: 'object' }, lines: readonly string[], family: Family | undefined): JsonRuleResult {
  const get = new Map<string, JsonValue>();
  for (const e of obj.entries) if (!get.has(e.key)) get.set(e.key, e.value);
  const text = (key: string): string | undefined => {
    const v = get.get(key);
    if (!v) return undefined;
    if (v.kind === 'string') return v.value;
    if (v.kind === 'number') return v.text;
    return undefined;
  };
  const priority = get.get('priority');
  if (!priority || priority.kind !== 'number' || !Number.isInteger(priority.value) || priority.value < 0 || priority.value > 0xffffffff) {
    return { error: { message: 'A rule object needs a "priority" from 0 to 4294967295.', value: priority ?? obj }, unknown: [] };
  }
  const selectors: Record<string, string> = {};
  const withLen = (addr: string | undefined, len: string | undefined): string | undefined =>
    addr === undefined ? undefined : addr === 'all' || len === undefined ? addr : `${addr}/${len}`;
  const range = (single: string | undefined, from: string | undefined, to: string | undefined): string | undefined =>
    single ?? (from !== undefined && to !== undefined ? `${from}-${to}` : undefined);
  const masked = (value: string | undefined, mask: string | undefined): string | undefined =>
    value === undefined ? undefined : mask === undefined ? value : `${value}/${mask}`;
  const put = (key: string, value: string | undefined): void => {
    if (value !== undefined) selectors[key] = value;
  };
  put('from', withLen(text('src'), text('srclen')));
  put('to', withLen(text('dst'), text('dstlen')));
  put('fwmark', masked(text('fwmark'), text('fwmask')));
  put('uidrange', range(undefined, text('uid_start'), text('uid_end')));
  put('sport', masked(range(text('sport'), text('sport_start'), text('sport_end')), text('sport_mask')));
  put('dport', masked(range(text('dport'), text('dport_start'), text('dport_end')), text('dport_mask')));
  put('dscp', masked(text('dscp'), text('dscp_mask')));
  put('flowlabel', masked(text('flowlabel'), text('flowlabel_mask')));
  const realmFrom = text('flow_from');
  const realmTo = text('flow_to');
  if (realmTo !== undefined) put('realms', realmFrom !== undefined ? `${realmFrom}/${realmTo}` : realmTo);
  const unknown: JsonEntry[] = [];
  for (const e of obj.entries) {
    const plain = PLAIN_KEYS[e.key];
    if (plain) {
      put(plain, text(e.key));
    } else if (!FOLDED.has(e.key)) {
      unknown.push(e);
      selectors[e.key] = e.value.kind === 'string' ? e.value.value : sourceText(lines, e.value);
    }
  }
  if (get.has('iif_detached') || get.has('oif_detached')) {
    put('detached', [get.has('iif_detached') ? 'iif' : '', get.has('oif_detached') ? 'oif' : ''].filter(Boolean).join(','));
  }
  if (get.has('l3mdev')) put('l3mdev', '');
  if (get.has('unresolved')) put('unresolved', '');
  const table = text('table');
  let action = 'lookup';
  if (get.has('goto')) action = 'goto';
  else if (get.has('nop')) action = 'nop';
  else if (get.has('nat_gateway')) action = 'nat';
  else if (get.has('masquerade')) action = 'masquerade';
  else if (text('action') !== undefined) action = text('action') as string;
  const from = selectors.from;
  const to = selectors.to;
  const fam = family ?? (from !== undefined ? selectorFamily(from) : undefined) ?? (to !== undefined ? selectorFamily(to) : undefined) ?? 4;
  const rule: PolicyRule = {
    family: fam,
    priority: priority.value,
    not: get.has('not'),
    selectors,
    action,
    ...(table !== undefined && action === 'lookup' ? { table } : {}),
    text: sourceText(lines, obj),
    span: objectSpan(obj, lines),
  };
  return { rule, unknown };
}
