/**
 * Which packets an `ip rule` selects, as one constraint per field, and whether one rule's packets include
 * another's. Answers are exact or conservative: "covers" is only true when it holds for every packet.
 */
import type { Family } from '../net/address';
import { type Prefix, defaultPrefix, parsePrefix, prefixCovers, prefixesOverlap } from '../net/prefix';
import type { PolicyRule } from '../model';

type Constraint =
  | { readonly kind: 'prefix'; readonly prefix: Prefix }
  | { readonly kind: 'mark'; readonly value: number; readonly mask: number }
  | { readonly kind: 'range'; readonly lo: number; readonly hi: number }
  /** Values compared as text: interfaces, TOS, protocol numbers, and anything not understood. */
  | { readonly kind: 'equal'; readonly text: string };

/** Packet fields a rule constrains; missing fields match every packet. */
export type Selector = ReadonlyMap<string, Constraint>;

/** Words in `selectors` that modify or name the action rather than choose packets. */
const NOT_SELECTORS = new Set([
  'proto', 'suppress_prefixlength', 'suppress_ifgroup', 'goto', 'map-to', 'detached', 'unresolved', 'pref', 'priority',
  'table', 'lookup',
]);

/** iproute2 prints protocol names from /etc/protocols; the kernel compares numbers. */
const IP_PROTOCOLS: Readonly<Record<string, string>> = {
  icmp: '1', igmp: '2', tcp: '6', udp: '17', gre: '47', esp: '50', ah: '51', 'ipv6-icmp': '58', icmpv6: '58', sctp: '132', udplite: '136',
};

/** Fields where two different texts can never both hold for one packet. */
const SINGLE_VALUED = new Set(['iif', 'oif', 'tos', 'ipproto', 'dscp']);

const cache = new WeakMap<PolicyRule, Selector>();
const bitsCache = new WeakMap<PolicyRule, number>();
const TO_BIT = 1;
/** Bits for the fields iproute2 prints; any other word shares the top bit, which keeps the test a necessary condition. */
const FIELD_BITS: ReadonlyMap<string, number> = new Map([
  'to', 'from', 'fwmark', 'iif', 'oif', 'uidrange', 'sport', 'dport', 'ipproto', 'tos', 'dscp', 'flowlabel', 'tun_id', 'realms', 'l3mdev',
].map((field, i) => [field, 2 ** i]));
const OTHER_BIT = 2 ** 30;

/** One bit per constrained field, so most pairs are told apart without looking at values. */
function fieldBits(rule: PolicyRule): number {
  const known = bitsCache.get(rule);
  if (known !== undefined) return known;
  let bits = 0;
  for (const field of selectorOf(rule).keys()) bits |= FIELD_BITS.get(field) ?? OTHER_BIT;
  bitsCache.set(rule, bits);
  return bits;
}

/** The rule's packet constraints, field by field. */
export function selectorOf(rule: PolicyRule): Selector {
  const known = cache.get(rule);
  if (known) return known;
  const out = new Map<string, Constraint>();
  for (const [key, value] of Object.entries(rule.selectors)) {
    if (NOT_SELECTORS.has(key)) continue;
    const field = key === 'dev' ? 'iif' : key === 'dsfield' ? 'tos' : key;
    const constraint = constraintOf(field, value, rule.family);
    if (constraint) out.set(field, constraint);
  }
  cache.set(rule, out);
  return out;
}

function constraintOf(field: string, value: string, family: Family): Constraint | undefined {
  switch (field) {
    case 'from':
    case 'to': {
      if (value === 'all') return undefined;
      const prefix = zeroPrefix(value, family) ?? parsePrefix(value, family)?.prefix;
      if (!prefix) return { kind: 'equal', text: value };
      return prefix.len === 0 ? undefined : { kind: 'prefix', prefix };
    }
    case 'fwmark': {
      const [v, m] = value.split('/');
      const mark = parseNumber(v);
      // Without a mask the kernel compares all 32 bits (iproute2 prints the mask only when it is not full).
      const mask = m === undefined ? 0xffffffff : parseNumber(m);
      if (mark === undefined || mask === undefined) return { kind: 'equal', text: value };
      return mask === 0 ? undefined : { kind: 'mark', value: (mark & mask) >>> 0, mask };
    }
    case 'uidrange':
    case 'sport':
    case 'dport': {
      const range = parseRange(value);
      if (!range) return { kind: 'equal', text: value };
      const full = field === 'uidrange' ? 0xffffffff : 0xffff;
      return range.lo === 0 && range.hi >= full ? undefined : { kind: 'range', ...range };
    }
    case 'ipproto':
      return { kind: 'equal', text: IP_PROTOCOLS[value] ?? normalNumber(value) };
    case 'tos':
      return { kind: 'equal', text: normalNumber(value) };
    default:
      return { kind: 'equal', text: value };
  }
}

/** `from 0/8`: iproute2's spelling of a length on the all-zero address. */
function zeroPrefix(value: string, family: Family): Prefix | undefined {
  if (!value.startsWith('0/')) return undefined;
  const len = Number(value.slice(2));
  if (!Number.isInteger(len) || len < 0 || len > (family === 4 ? 32 : 128)) return undefined;
  return { ...defaultPrefix(family), len };
}

function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^(0x[0-9a-fA-F]{1,8}|\d{1,10})$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 0xffffffff ? n >>> 0 : undefined;
}

function normalNumber(text: string): string {
  const n = parseNumber(text);
  return n === undefined ? text : String(n);
}

function parseRange(text: string): { lo: number; hi: number } | undefined {
  const dash = text.indexOf('-');
  const lo = parseNumber(dash < 0 ? text : text.slice(0, dash));
  const hi = parseNumber(dash < 0 ? text : text.slice(dash + 1));
  return lo !== undefined && hi !== undefined && lo <= hi ? { lo, hi } : undefined;
}

/** Every packet `inner` allows, `outer` allows too. */
function constraintCovers(outer: Constraint, inner: Constraint): boolean {
  if (outer.kind === 'prefix' && inner.kind === 'prefix') return prefixCovers(outer.prefix, inner.prefix);
  if (outer.kind === 'mark' && inner.kind === 'mark') {
    // Every bit the outer rule tests must be fixed by the inner one, to the same value.
    return (outer.mask & ~inner.mask) === 0 && ((inner.value & outer.mask) >>> 0) === outer.value;
  }
  if (outer.kind === 'range' && inner.kind === 'range') return outer.lo <= inner.lo && inner.hi <= outer.hi;
  if (outer.kind === 'equal' && inner.kind === 'equal') return outer.text === inner.text;
  return false;
}

/** No packet satisfies both; false when unsure. */
function constraintsDisjoint(field: string, a: Constraint, b: Constraint): boolean {
  if (a.kind === 'prefix' && b.kind === 'prefix') return !prefixesOverlap(a.prefix, b.prefix);
  if (a.kind === 'mark' && b.kind === 'mark') return (((a.value ^ b.value) & a.mask & b.mask) >>> 0) !== 0;
  if (a.kind === 'range' && b.kind === 'range') return a.hi < b.lo || b.hi < a.lo;
  // A packet has one input interface, one TOS, one protocol; text that is not understood proves nothing.
  if (a.kind === 'equal' && b.kind === 'equal') return SINGLE_VALUED.has(field) && a.text !== b.text;
  return false;
}

/** Fieldwise: every field `outer` constrains, `inner` constrains at least as tightly. */
function selectorCovers(outer: Selector, inner: Selector, ignoreTo: boolean): boolean {
  for (const [field, constraint] of outer) {
    if (ignoreTo && field === 'to') continue;
    const other = inner.get(field);
    if (!other || !constraintCovers(constraint, other)) return false;
  }
  return true;
}

function selectorsDisjoint(a: Selector, b: Selector): boolean {
  for (const [field, constraint] of a) {
    const other = b.get(field);
    if (other && constraintsDisjoint(field, constraint, other)) return true;
  }
  return false;
}

/** The rule matches no packet at all: `not` with no selector negates "every packet". */
export function matchesNothing(rule: PolicyRule): boolean {
  return rule.not && selectorOf(rule).size === 0;
}

/** The rule matches every packet of its family. */
export function matchesEverything(rule: PolicyRule): boolean {
  return !rule.not && selectorOf(rule).size === 0;
}

/**
 * Every packet `inner` matches, `outer` matches too. With `not`, a rule matches the packets its selectors do
 * not describe; selectors are products of per-field sets, which makes these tests exact up to the
 * fields this module understands.
 */
export function ruleCovers(outer: PolicyRule, inner: PolicyRule, options: { ignoreTo?: boolean } = {}): boolean {
  if (outer.family !== inner.family) return false;
  if (matchesNothing(inner)) return true;
  const ignoreTo = options.ignoreTo === true;
  if (!outer.not && !inner.not) {
    // Cheap first: a field the outer rule tests and the inner one leaves open rules coverage out.
    const skip = ignoreTo ? TO_BIT : 0;
    if ((fieldBits(outer) & ~fieldBits(inner) & ~skip) !== 0) return false;
    return selectorCovers(selectorOf(outer), selectorOf(inner), ignoreTo);
  }
  if (outer.not && !inner.not) return selectorsDisjoint(selectorOf(outer), selectorOf(inner));
  if (!outer.not && inner.not) return selectorOf(outer).size === 0;
  return selectorCovers(selectorOf(inner), selectorOf(outer), false);
}

/** The destinations a rule's packets can have: its `to` prefix, or the whole family. */
export function destinationsOf(rule: PolicyRule): Prefix | undefined {
  const to = selectorOf(rule).get('to');
  if (rule.not || !to) return defaultPrefix(rule.family);
  return to.kind === 'prefix' ? to.prefix : undefined;
}

/** Printed elsewhere in the label, or not at all. */
const LABEL_SKIPPED = new Set(['from', 'proto', 'detached', 'unresolved', 'goto', 'l3mdev', 'suppress_prefixlength', 'suppress_ifgroup', 'map-to']);

/** The rule as `ip rule` prints it, whichever format it came from: `32765: not from all fwmark 0xca6c lookup 51820`. */
export function ruleLabel(rule: PolicyRule): string {
  const words: string[] = [`${rule.priority}:`];
  if (rule.not) words.push('not');
  words.push('from', rule.selectors.from ?? 'all');
  for (const [key, value] of Object.entries(rule.selectors)) {
    if (LABEL_SKIPPED.has(key)) continue;
    words.push(key, value);
  }
  if (rule.action === 'lookup') words.push('lookup', rule.selectors.l3mdev !== undefined ? '[l3mdev-table]' : rule.table ?? '?');
  else if (rule.action === 'goto') words.push('goto', rule.selectors.goto ?? '?');
  else if (rule.action !== 'nat') words.push(rule.action);
  for (const key of ['suppress_prefixlength', 'suppress_ifgroup']) {
    const value = rule.selectors[key];
    if (value !== undefined) words.push(key, value);
  }
  const text = words.filter((w) => w !== '').join(' ');
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}
