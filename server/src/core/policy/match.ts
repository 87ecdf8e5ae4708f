/**
 * An `ip rule` read into numbers, and the kernel's fib_rule_match on a flow: every selector must hold, and
 * `not` inverts the whole conjunction (iif, oif, mark, uid, ports and addresses alike).
 */
import { type Address, formatAddress } from '../net/address';
import { type Prefix, formatPrefix, parsePrefix, prefixContains } from '../net/prefix';
import type { PolicyRule } from '../model';
import { tableId } from '../tables';
import { type Flow, INVALID_UID, protocolName, protocolNumber, unsignedNumber } from './flow';

interface PortMatch {
  readonly lo: number;
  readonly hi: number;
  /** Set for `PORT/MASK` selectors. */
  readonly mask?: number;
}

export interface CompiledRule {
  readonly rule: PolicyRule;
  readonly from?: Prefix;
  readonly to?: Prefix;
  readonly tos?: number;
  readonly mark?: { readonly value: number; readonly mask: number };
  readonly iif?: string;
  readonly oif?: string;
  readonly uid?: { readonly lo: number; readonly hi: number };
  readonly proto?: number;
  readonly sport?: PortMatch;
  readonly dport?: PortMatch;
  readonly tunId?: number;
  /** The interfaces that did not exist when the rule was listed: it never matches them. */
  readonly detached: boolean;
  readonly l3mdev: boolean;
  readonly table?: number;
  readonly gotoTarget?: number;
  readonly suppressPrefixLength?: number;
  readonly suppressIfgroup?: string;
  /** Selector words whose effect a dump cannot decide. */
  readonly undecided: readonly string[];
}

/** The flow's TOS as the kernel keeps it for IPv4 lookups: only the RT bits (IPTOS_RT_MASK). */
export function flowTos(flow: Flow): number {
  return (flow.tos ?? 0) & 0x1c;
}

function ports(text: string): PortMatch | undefined {
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const value = unsignedNumber(text.slice(0, slash));
    const mask = unsignedNumber(text.slice(slash + 1));
    return value === undefined || mask === undefined ? undefined : { lo: value, hi: value, mask };
  }
  const dash = text.indexOf('-');
  const lo = unsignedNumber(dash < 0 ? text : text.slice(0, dash));
  const hi = dash < 0 ? lo : unsignedNumber(text.slice(dash + 1));
  return lo === undefined || hi === undefined ? undefined : { lo, hi };
}

/** Keys that change nothing about which rule a flow takes or where it goes. */
const INERT = new Set(['proto', 'realms', 'unresolved', 'detached', 'l3mdev', 'goto', 'pref', 'priority']);

export function compileRule(rule: PolicyRule): CompiledRule {
  const s = rule.selectors;
  const undecided: string[] = [];
  const out: { -readonly [K in keyof CompiledRule]: CompiledRule[K] } = {
    rule, detached: s.detached !== undefined, l3mdev: s.l3mdev !== undefined, undecided,
  };
  const prefix = (text: string | undefined): Prefix | undefined =>
    text === undefined || text === 'all' ? undefined : (parsePrefix(text.startsWith('0/') ? `${rule.family === 4 ? '0.0.0.0' : '::'}${text.slice(1)}` : text, rule.family)?.prefix);
  for (const [key, value] of Object.entries(s)) {
    switch (key) {
      case 'from': out.from = prefix(value); break;
      case 'to': out.to = prefix(value); break;
      case 'tos':
      case 'dsfield': out.tos = unsignedNumber(value) ?? hexByte(value); break;
      case 'dscp': {
        const dscp = unsignedNumber(value);
        if (dscp !== undefined) out.tos = (dscp << 2) & 0xff;
        break;
      }
      case 'fwmark': {
        const slash = value.indexOf('/');
        const mark = unsignedNumber(slash < 0 ? value : value.slice(0, slash));
        const mask = slash < 0 ? 0xffffffff : unsignedNumber(value.slice(slash + 1));
        if (mark !== undefined && mask !== undefined) out.mark = { value: mark, mask };
        else undecided.push(key);
        break;
      }
      case 'iif': out.iif = value; break;
      case 'oif': out.oif = value; break;
      case 'uidrange': {
        const r = ports(value);
        if (r) out.uid = { lo: r.lo, hi: r.hi };
        else undecided.push(key);
        break;
      }
      case 'ipproto': {
        const p = protocolNumber(value);
        if (p !== undefined) out.proto = p;
        else undecided.push(key);
        break;
      }
      case 'sport':
      case 'dport': {
        const p = ports(value);
        if (p) out[key] = p;
        else undecided.push(key);
        break;
      }
      case 'tun_id': {
        const id = unsignedNumber(value);
        if (id !== undefined) out.tunId = id;
        else undecided.push(key);
        break;
      }
      case 'suppress_prefixlength': {
        const len = unsignedNumber(value);
        // -1 (and its unsigned spelling) means unset.
        if (len !== undefined && len < 0xffffffff && value !== '-1') out.suppressPrefixLength = len;
        break;
      }
      case 'suppress_ifgroup': out.suppressIfgroup = value; break;
      default:
        if (!INERT.has(key)) undecided.push(key);
    }
  }
  if (rule.action === 'lookup' && rule.table !== undefined) {
    const id = tableId(rule.table);
    if (id !== undefined) out.table = id;
  }
  if (rule.action === 'goto' && s.goto !== undefined) {
    const target = unsignedNumber(s.goto);
    if (target !== undefined) out.gotoTarget = target;
  }
  if (rule.action === 'nat' || rule.action === 'masquerade') undecided.push(rule.action);
  return out;
}

function hexByte(text: string): number | undefined {
  return /^[0-9a-f]{1,2}$/i.test(text) ? Number.parseInt(text, 16) : undefined;
}

export interface MatchResult {
  readonly matches: boolean;
  /** Why, in words: the first selector that fails, or what made it match. */
  readonly why: string;
}

/** The kernel's fib_rule_match plus the family's own address and TOS tests. */
export function matchRule(r: CompiledRule, flow: Flow, destination: Address): MatchResult {
  const miss = plainMiss(r, flow, destination);
  if (!r.rule.not) return { matches: miss === undefined, why: miss ?? 'every selector holds' };
  return miss === undefined
    ? { matches: false, why: 'every selector holds, and `not` inverts that' }
    : { matches: true, why: `${miss}, and \`not\` inverts that` };
}

/** The first selector the flow fails, or undefined when all hold. */
function plainMiss(r: CompiledRule, flow: Flow, destination: Address): string | undefined {
  const detached = r.rule.selectors.detached ?? '';
  const iif = flow.iif ?? 'lo';
  if (r.iif !== undefined) {
    if (detached.includes('iif')) return `iif ${r.iif} is detached (no such interface), so it matches nothing`;
    if (r.iif !== iif) return `the packet comes in on ${iif}${flow.iif ? '' : ' (locally generated)'}, not ${r.iif}`;
  }
  if (r.oif !== undefined) {
    if (detached.includes('oif')) return `oif ${r.oif} is detached (no such interface), so it matches nothing`;
    if (r.oif !== flow.oif) return `the socket is ${flow.oif ? `bound to ${flow.oif}` : 'not bound to an interface'}, not ${r.oif}`;
  }
  const mark = flow.mark ?? 0;
  if (r.mark && ((mark ^ r.mark.value) & r.mark.mask) !== 0) {
    return `mark 0x${mark.toString(16)} is not fwmark 0x${r.mark.value.toString(16)}${r.mark.mask !== 0xffffffff ? `/0x${r.mark.mask.toString(16)}` : ''}`;
  }
  if (r.tunId !== undefined && r.tunId !== 0) return `the packet has no tunnel id, not tun_id ${r.tunId}`;
  // IPv4 looks forwarded packets up with uid 0, whatever was asked; IPv6 with the uid asked, else INVALID_UID.
  const uid = flow.iif ? (r.rule.family === 4 ? 0 : flow.uid ?? INVALID_UID) : flow.uid ?? 0;
  if (r.uid && (uid < r.uid.lo || uid > r.uid.hi)) return `uid ${uid} is outside uidrange ${r.uid.lo}-${r.uid.hi}`;
  const proto = flowProto(flow, r.rule.family);
  if (r.proto !== undefined && r.proto !== 0 && r.proto !== proto) {
    return `${flow.proto === undefined ? `ipproto ${protocolName(proto)} (what \`ip route get\` assumes)` : `ipproto ${protocolName(proto)}`} is not ${protocolName(r.proto)}`;
  }
  const portMiss = (name: 'sport' | 'dport', range: PortMatch | undefined, port: number): string | undefined => {
    if (!range) return undefined;
    const ok = range.mask !== undefined ? ((port ^ range.lo) & range.mask) === 0 : port >= range.lo && port <= range.hi;
    return ok ? undefined : `${name} ${port} is not ${r.rule.selectors[name] ?? ''}`;
  };
  // An IPv4 forwarded packet's ports are read from its header, which only TCP and UDP give here.
  const hasPorts = !flow.iif || r.rule.family === 6 || proto === 6 || proto === 17;
  const ports = portMiss('sport', r.sport, hasPorts ? flow.sport ?? 0 : 0) ?? portMiss('dport', r.dport, hasPorts ? flow.dport ?? 0 : 0);
  if (ports) return ports;
  if (r.l3mdev) return 'no VRF (l3mdev) device appears in a dump, so an l3mdev rule matches nothing here';
  const source = flow.from;
  if (r.from && !(source ? prefixContains(r.from, source) : r.from.len === 0 || isZero(r.from))) {
    return source ? `source ${formatAddress(source)} is not in ${formatPrefix(r.from)}` : `a lookup without a source (\`from\`) has source ${r.rule.family === 4 ? '0.0.0.0' : '::'}, which is not in ${formatPrefix(r.from)}`;
  }
  if (r.to && !prefixContains(r.to, destination)) return `${formatAddress(destination)} is not in ${formatPrefix(r.to)}`;
  if (r.tos !== undefined && r.tos !== 0) {
    const tos = r.rule.family === 4 ? flowTos(flow) : (flow.tos ?? 0) & 0xfc;
    if (tos !== r.tos) return `TOS 0x${tos.toString(16)} is not tos 0x${r.tos.toString(16)}`;
  }
  return undefined;
}

/** `ip route get` asks IPv4 lookups as UDP unless told otherwise; IPv6 ones carry no protocol. */
export function flowProto(flow: Flow, family: 4 | 6): number {
  return flow.proto ?? (family === 4 ? 17 : 0);
}

/** An unspecified source is all zeros: it falls in any prefix of zeros, `from 0.0.0.0/8` included. */
function isZero(prefix: Prefix): boolean {
  return prefix.words.every((w) => w === 0);
}
