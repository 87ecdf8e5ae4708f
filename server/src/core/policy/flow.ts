/**
 * The packet a lookup is for, beyond its destination: the keys `ip route get` takes and `ip rule` selectors test.
 * Absent keys mean what a plain `ip route get ADDR` run by root means: no source yet, mark 0, uid 0, locally
 * generated (input interface `lo`), no output interface, no protocol, ports 0, TOS 0.
 */
import { type Address, type Family, formatAddress, parseAddress } from '../net/address';

export interface Flow {
  /** The source address (`from`); absent before the kernel picks one. */
  readonly from?: Address;
  readonly mark?: number;
  readonly uid?: number;
  /** The input interface: a forwarded packet. Absent means locally generated. */
  readonly iif?: string;
  /** An output interface the socket is bound to. */
  readonly oif?: string;
  readonly proto?: number;
  readonly sport?: number;
  readonly dport?: number;
  /** The TOS byte (DS field) of the packet. */
  readonly tos?: number;
}

/** The uid the kernel gives a lookup for a forwarded packet: INVALID_UID. */
export const INVALID_UID = 0xffffffff;

/** Protocol names `ip rule` prints (from /etc/protocols) and `ip route get ipproto` takes. */
const PROTOCOLS: Readonly<Record<string, number>> = {
  icmp: 1, igmp: 2, ipip: 4, tcp: 6, egp: 8, udp: 17, dccp: 33, ipv6: 41, rsvp: 46, gre: 47, esp: 50, ah: 51,
  'ipv6-icmp': 58, icmpv6: 58, ospf: 89, pim: 103, vrrp: 112, l2tp: 115, sctp: 132, udplite: 136, mpls: 137,
};

/** A protocol name or number 0-255. */
export function protocolNumber(text: string): number | undefined {
  const known = PROTOCOLS[text.toLowerCase()];
  if (known !== undefined) return known;
  const n = unsignedNumber(text);
  return n !== undefined && n <= 255 ? n : undefined;
}

export function protocolName(n: number): string {
  for (const [name, value] of Object.entries(PROTOCOLS)) if (value === n && name !== 'icmpv6') return name;
  return String(n);
}

/** Decimal, or hex with `0x`, as iproute2's get_u32 reads them; undefined past 32 bits. */
export function unsignedNumber(text: string): number | undefined {
  if (/^0x[0-9a-f]{1,8}$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^\d{1,10}$/.test(text)) {
    const n = Number(text);
    return n <= 0xffffffff ? n : undefined;
  }
  return undefined;
}

/** `N` or `N/MASK`: a MASK keeps only those bits of the mark. */
export function parseMark(text: string): number | string {
  const slash = text.indexOf('/');
  const value = unsignedNumber(slash < 0 ? text : text.slice(0, slash));
  const mask = slash < 0 ? 0xffffffff : unsignedNumber(text.slice(slash + 1));
  if (value === undefined || mask === undefined) return `'${clip(text)}' is not a mark: give a number from 0 to 0xffffffff, optionally /MASK.`;
  return (value & mask) >>> 0;
}

/** Interface names as the kernel allows them: 1-15 bytes, no slash, no space. */
export function isInterfaceName(text: string): boolean {
  return text.length >= 1 && text.length <= 15 && !/[\s/:]/.test(text) && text !== '.' && text !== '..';
}

/** One flow key from its `ip route get` word and value; a string is what is wrong with it. */
export function flowKey(flow: Flow, key: string, value: string): Flow | string {
  switch (key) {
    case 'from': {
      const address = parseAddress(value);
      return address ? { ...flow, from: address } : `'${clip(value)}' is not an IPv4 or IPv6 source address.`;
    }
    case 'mark':
    case 'fwmark': {
      const mark = parseMark(value);
      return typeof mark === 'string' ? mark : { ...flow, mark };
    }
    case 'uid': {
      const uid = unsignedNumber(value);
      return uid === undefined ? `'${clip(value)}' is not a uid: give a number from 0 to 4294967295.` : { ...flow, uid };
    }
    case 'iif':
    case 'oif':
      return isInterfaceName(value) ? { ...flow, [key]: value } : `'${clip(value)}' is not an interface name.`;
    case 'ipproto':
    case 'proto': {
      const proto = protocolNumber(value);
      return proto === undefined ? `'${clip(value)}' is not a protocol: give tcp, udp, icmp or a number from 0 to 255.` : { ...flow, proto };
    }
    case 'sport':
    case 'dport': {
      const port = unsignedNumber(value);
      return port === undefined || port > 65535 ? `'${clip(value)}' is not a port: give a number from 0 to 65535.` : { ...flow, [key]: port };
    }
    case 'tos':
    case 'dsfield': {
      const tos = unsignedNumber(value);
      return tos === undefined || tos > 255 ? `'${clip(value)}' is not a TOS: give a number from 0 to 255 (0x10, 0xb8...).` : { ...flow, tos };
    }
    default:
      return `Unknown flow key '${clip(key)}': use from, mark, uid, iif, oif, ipproto, sport, dport or tos.`;
  }
}

/** Flow keys in `ip route get` syntax: `from 10.0.0.2 mark 0xca6c uid 1000 iif eth0 ipproto tcp dport 443`. */
export function parseFlowText(text: string): Flow | string {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  let flow: Flow = {};
  for (let i = 0; i < words.length; i += 2) {
    const key = words[i] as string;
    const value = words[i + 1];
    if (value === undefined) return `'${clip(key)}' needs a value.`;
    const next = flowKey(flow, key, value);
    if (typeof next === 'string') return next;
    flow = next;
  }
  return flow;
}

/** Whether a flow says anything beyond the plain lookup. */
export function isPlainFlow(flow: Flow | undefined): boolean {
  return !flow || Object.values(flow).every((v) => v === undefined);
}

/** What is wrong with a flow for a destination of `family`, if anything. */
export function flowFamilyError(flow: Flow | undefined, family: Family): string | undefined {
  if (flow?.from && flow.from.family !== family) {
    return `The source ${formatAddress(flow.from)} is IPv${flow.from.family} but the destination is IPv${family}.`;
  }
  return undefined;
}

/** The flow in `ip route get` words, as the kernel sees it (defaults spelled out). */
export function describeFlow(flow: Flow | undefined, family: Family = 4): string {
  const f = flow ?? {};
  const parts = [
    f.from ? `from ${formatAddress(f.from)}` : 'no source yet',
    f.iif ? `iif ${f.iif} (forwarded)` : 'locally generated (iif lo)',
  ];
  if (f.oif) parts.push(`oif ${f.oif}`);
  parts.push(`mark 0x${(f.mark ?? 0).toString(16)}`);
  parts.push(f.iif && family === 4 ? 'uid 0 (forwarded)' : f.uid !== undefined ? `uid ${f.uid}` : f.iif ? 'no uid' : 'uid 0');
  if (f.proto !== undefined) parts.push(`ipproto ${protocolName(f.proto)}`);
  else if (family === 4) parts.push('ipproto udp (as `ip route get` asks)');
  if (f.sport !== undefined) parts.push(`sport ${f.sport}`);
  if (f.dport !== undefined) parts.push(`dport ${f.dport}`);
  if (f.tos !== undefined) parts.push(`tos 0x${f.tos.toString(16)}`);
  return parts.join(', ');
}

/** The flow as `ip route get` arguments, for output that shows what was asked. */
export function flowWords(flow: Flow | undefined): string {
  const f = flow ?? {};
  const parts: string[] = [];
  if (f.from) parts.push(`from ${formatAddress(f.from)}`);
  if (f.iif) parts.push(`iif ${f.iif}`);
  if (f.oif) parts.push(`oif ${f.oif}`);
  if (f.mark !== undefined) parts.push(`mark 0x${f.mark.toString(16)}`);
  if (f.uid !== undefined) parts.push(`uid ${f.uid}`);
  if (f.proto !== undefined) parts.push(`ipproto ${protocolName(f.proto)}`);
  if (f.sport !== undefined) parts.push(`sport ${f.sport}`);
  if (f.dport !== undefined) parts.push(`dport ${f.dport}`);
  if (f.tos !== undefined) parts.push(`tos 0x${f.tos.toString(16)}`);
  return parts.join(' ');
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
