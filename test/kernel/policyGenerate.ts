// Seeded random IPv4 tables in several table ids, `ip rule` sets and flows for the policy differential test.
// Independent of the core: everything is text the kernel reads.
import { Rng } from './generate';
import type { Interface } from './generate';

export interface PolicyScenario {
  readonly seed: number;
  readonly interfaces: readonly Interface[];
  /** `ip -batch` lines: routes, then rules (some may be refused; the kernel's dump is the truth). */
  readonly commands: readonly string[];
  /** `ip route get` arguments: `ADDR [from X] [iif D] [mark M] [uid U] [ipproto P] [dport N] [tos T]`. */
  readonly flows: readonly string[];
}

export const POLICY_INTERFACES: readonly Interface[] = [
  { name: 'eth0', addresses: ['192.0.2.1/24'] },
  { name: 'eth1', addresses: ['198.51.100.1/24'] },
  { name: 'wg0', addresses: ['10.200.0.2/24'] },
  // Forwarded packets come in here; no route leaves through it.
  { name: 'in0', addresses: [] },
];

const LOCAL = ['192.0.2.1', '198.51.100.1', '10.200.0.2'];
const GATEWAYS: readonly (readonly [string, string])[] = [['192.0.2.254', 'eth0'], ['198.51.100.254', 'eth1'], ['10.200.0.1', 'wg0']];
const DEVICES = ['eth0', 'eth1', 'wg0'];
const TABLES = ['main', '100', '200', '51820', '1000'];
const MARKS = [0xca6c, 0x1, 0x10, 0x23, 0x100];
const UIDS = [0, 1000, 1500, 65534];

function addr(rng: Rng, prefixes: readonly string[]): string {
  const base = rng.pick(prefixes);
  const [net, lenText] = base.split('/');
  const len = Number(lenText);
  const octets = (net ?? '0.0.0.0').split('.').map(Number);
  let value = (((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) >>> 0;
  const hostBits = 32 - len;
  if (hostBits > 0) value = (value + (hostBits >= 31 ? rng.next() % 2 ** hostBits : rng.int(2 ** hostBits))) >>> 0;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Destinations and rule prefixes come from overlapping pools, so rules and routes interact. */
const POOL = ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.2.0.0/16', '172.16.0.0/12', '172.16.5.0/24', '198.18.0.0/15', '8.8.8.0/24', '192.0.2.0/24', '198.51.100.0/24'];
const LENGTHS = [8, 12, 16, 20, 24, 28, 32];

function prefix(rng: Rng): string {
  if (rng.chance(0.08)) return 'default';
  const len = rng.pick(LENGTHS);
  const a = addr(rng, POOL).split('.').map(Number);
  const value = ((((a[0] ?? 0) << 24) | ((a[1] ?? 0) << 16) | ((a[2] ?? 0) << 8) | (a[3] ?? 0)) >>> 0) & (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0);
  return `${[value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.')}/${len}`;
}

function route(rng: Rng, table: string): string {
  const where = table === 'main' ? '' : ` table ${table}`;
  const metric = rng.chance(0.3) ? ` metric ${rng.pick([10, 100, 600])}` : '';
  const kind = rng.weighted({ dev: 4, via: 4, unreachable: 1, prohibit: 1, blackhole: 1, throw: 2 });
  const dst = prefix(rng);
  if (kind === 'dev') return `route append ${dst} dev ${rng.pick(DEVICES)}${metric}${where}`;
  if (kind === 'via') {
    const [gw, dev] = rng.pick(GATEWAYS);
    return `route append ${dst} via ${gw} dev ${dev}${metric}${where}`;
  }
  return `route append ${kind} ${dst}${metric}${where}`;
}

function selectors(rng: Rng): string {
  const parts: string[] = [];
  if (rng.chance(0.25)) parts.push(`from ${rng.chance(0.5) ? `${rng.pick(LOCAL)}/${rng.pick([24, 32])}` : prefix(rng).replace('default', '0.0.0.0/0')}`);
  if (rng.chance(0.35)) parts.push(`to ${prefix(rng).replace('default', '0.0.0.0/0')}`);
  if (rng.chance(0.25)) parts.push(rng.chance(0.5) ? `fwmark 0x${rng.pick(MARKS).toString(16)}` : `fwmark 0x${rng.pick(MARKS).toString(16)}/0x${rng.pick([0xff, 0xf0, 0xffff]).toString(16)}`);
  if (rng.chance(0.15)) parts.push(`iif ${rng.pick(['in0', 'lo', 'eth0'])}`);
  if (rng.chance(0.15)) {
    const lo = rng.pick(UIDS);
    parts.push(`uidrange ${lo}-${lo + rng.pick([0, 100, 1000])}`);
  }
  if (rng.chance(0.15)) parts.push(`ipproto ${rng.pick(['tcp', 'udp'])}`);
  if (rng.chance(0.15)) parts.push(rng.chance(0.5) ? `dport ${rng.pick([53, 443, 8080])}` : `dport ${rng.pick([1000, 400])}-${rng.pick([2000, 9000])}`);
  if (rng.chance(0.07)) parts.push(`tos 0x${rng.pick([0x10, 0x08, 0x04]).toString(16)}`);
  return parts.join(' ');
}

function rules(rng: Rng): string[] {
  const out: string[] = [];
  if (rng.chance(0.6)) {
    // wg-quick's full-tunnel set.
    out.push('rule add not fwmark 0xca6c table 51820 pref 32765', 'rule add table main suppress_prefixlength 0 pref 32764');
  }
  const count = 3 + rng.int(8);
  const prefs: number[] = [];
  for (let i = 0; i < count; i++) prefs.push(100 + rng.int(32000));
  prefs.sort((a, b) => a - b);
  for (const pref of prefs) {
    const not = rng.chance(0.15) ? 'not ' : '';
    const sel = selectors(rng);
    const action = rng.weighted({ lookup: 10, goto: 2, unreachable: 1, prohibit: 1, blackhole: 1, nop: 1, suppress: 2 });
    let tail: string;
    if (action === 'lookup') tail = `lookup ${rng.pick(TABLES)}`;
    else if (action === 'suppress') tail = `lookup ${rng.pick(TABLES)} suppress_prefixlength ${rng.pick([0, 8, 16, 24])}`;
    else if (action === 'goto') tail = `goto ${rng.chance(0.7) ? rng.pick(prefs.filter((p) => p > pref).concat([pref + 1])) : 32766}`;
    else tail = action;
    out.push(`rule add ${not}${sel} ${tail} pref ${pref}`.replace(/\s+/g, ' '));
  }
  return out;
}

function flow(rng: Rng): string {
  const dst = rng.chance(0.1) ? rng.pick(LOCAL) : addr(rng, POOL);
  const parts = [dst];
  if (rng.chance(0.2)) {
    // Forwarded: needs a source that is not this host's.
    parts.push(`from ${addr(rng, ['100.64.0.0/10', '10.0.0.0/8', '192.0.2.0/24'])}`, `iif ${rng.pick(['in0', 'in0', 'eth0'])}`);
  } else if (rng.chance(0.3)) {
    parts.push(`from ${rng.chance(0.85) ? rng.pick(LOCAL) : addr(rng, POOL)}`);
  }
  if (rng.chance(0.4)) parts.push(`mark 0x${(rng.chance(0.7) ? rng.pick(MARKS) : rng.int(0x200)).toString(16)}`);
  if (rng.chance(0.3)) parts.push(`uid ${rng.chance(0.7) ? rng.pick(UIDS) + rng.int(2) * 50 : rng.int(3000)}`);
  if (rng.chance(0.3)) {
    parts.push(`ipproto ${rng.pick(['tcp', 'udp', 'icmp'])}`);
    if (rng.chance(0.7)) parts.push(`dport ${rng.pick([53, 443, 8080, 1500, 9001, 22])}`);
  }
  if (rng.chance(0.05)) parts.push(`tos 0x${rng.pick([0x10, 0x08, 0x14, 0x50]).toString(16)}`);
  return parts.join(' ');
}

export function generatePolicy(seed: number, flows: number): PolicyScenario {
  const rng = new Rng(seed * 7919 + 17);
  const commands: string[] = [];
  for (const table of TABLES) {
    const n = (table === 'main' ? 12 : 6) + rng.int(10);
    for (let i = 0; i < n; i++) commands.push(route(rng, table));
  }
  commands.push(...rules(rng));
  return { seed, interfaces: POLICY_INTERFACES, commands, flows: Array.from({ length: flows }, () => flow(rng)) };
}

// IPv6: the same shapes over IPv6 pools; interfaces get IPv6 addresses (added with nodad).
export const POLICY_INTERFACES6: readonly Interface[] = [
  { name: 'eth0', addresses: ['2001:db8:a::1/64'] },
  { name: 'eth1', addresses: ['2001:db8:b::1/64'] },
  { name: 'wg0', addresses: ['fd00:200::2/64'] },
  { name: 'in0', addresses: [] },
];
const LOCAL6 = ['2001:db8:a::1', '2001:db8:b::1', 'fd00:200::2'];
const GATEWAYS6: readonly (readonly [string, string])[] = [['2001:db8:a::fe', 'eth0'], ['2001:db8:b::fe', 'eth1'], ['fd00:200::1', 'wg0']];
const POOL6 = ['2001:db8::/32', '2001:db8:1::/48', '2001:db8:1:2::/64', '2001:db8:2::/48', 'fd00::/8', 'fd00:5::/64', '2606:4700::/32', '2001:db8:a::/64'];
const LENGTHS6 = [8, 16, 32, 40, 48, 56, 64, 96, 128];

function v6(value: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(':');
}

function parse6(text: string): bigint {
  const [head = '', tail = ''] = text.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === '' ? [] : tail.split(':');
  const all = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return all.reduce((n, g) => (n << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

function addr6(rng: Rng, pool: readonly string[]): string {
  const [net = '::', lenText] = rng.pick(pool).split('/');
  const hostBits = 128 - Number(lenText);
  let host = 0n;
  for (let i = 0; i < 4; i++) host = (host << 32n) | BigInt(rng.next());
  // Small host parts keep addresses near the prefixes' starts, where routes cluster.
  if (rng.chance(0.5)) host &= 0xffffn;
  return v6(parse6(net) + (hostBits === 0 ? 0n : host & ((1n << BigInt(hostBits)) - 1n)));
}

function prefix6(rng: Rng): string {
  if (rng.chance(0.08)) return 'default';
  const len = rng.pick(LENGTHS6);
  const value = parse6(addr6(rng, POOL6)) & (((1n << 128n) - 1n) ^ ((1n << BigInt(128 - len)) - 1n));
  return `${v6(value)}/${len}`;
}

function route6(rng: Rng, table: string): string {
  const where = table === 'main' ? '' : ` table ${table}`;
  const metric = rng.chance(0.3) ? ` metric ${rng.pick([10, 100, 600])}` : '';
  const kind = rng.weighted({ dev: 4, via: 4, unreachable: 1, prohibit: 1, blackhole: 1, throw: 2 });
  const dst = prefix6(rng);
  if (kind === 'dev') return `route append ${dst} dev ${rng.pick(DEVICES)}${metric}${where}`;
  if (kind === 'via') {
    const [gw, dev] = rng.pick(GATEWAYS6);
    return `route append ${dst} via ${gw} dev ${dev}${metric}${where}`;
  }
  return `route append ${kind} ${dst} dev lo${metric}${where}`;
}

function rules6(rng: Rng): string[] {
  const out = rng.chance(0.6) ? ['rule add not fwmark 0xca6c table 51820 pref 32765', 'rule add table main suppress_prefixlength 0 pref 32764'] : [];
  const prefs = Array.from({ length: 3 + rng.int(8) }, () => 100 + rng.int(32000)).sort((a, b) => a - b);
  for (const pref of prefs) {
    const parts: string[] = [];
    if (rng.chance(0.25)) parts.push(`from ${rng.chance(0.5) ? `${rng.pick(LOCAL6)}/${rng.pick([64, 128])}` : prefix6(rng).replace('default', '::/0')}`);
    if (rng.chance(0.35)) parts.push(`to ${prefix6(rng).replace('default', '::/0')}`);
    if (rng.chance(0.25)) parts.push(`fwmark 0x${rng.pick(MARKS).toString(16)}${rng.chance(0.5) ? '/0xff' : ''}`);
    if (rng.chance(0.15)) parts.push(`iif ${rng.pick(['in0', 'lo', 'eth0'])}`);
    if (rng.chance(0.15)) parts.push(`uidrange ${rng.pick(UIDS)}-${rng.pick([0, 2000])}`.replace(/-0$/, '-0'));
    if (rng.chance(0.15)) parts.push(`ipproto ${rng.pick(['tcp', 'udp'])}`);
    if (rng.chance(0.15)) parts.push(`dport ${rng.pick([53, 443, 8080])}`);
    const not = rng.chance(0.15) ? 'not ' : '';
    const action = rng.weighted({ lookup: 10, goto: 2, unreachable: 1, prohibit: 1, blackhole: 1, nop: 1, suppress: 2 });
    const tail = action === 'lookup' ? `lookup ${rng.pick(TABLES)}`
      : action === 'suppress' ? `lookup ${rng.pick(TABLES)} suppress_prefixlength ${rng.pick([0, 32, 48, 64])}`
        : action === 'goto' ? `goto ${rng.pick(prefs.filter((p) => p > pref).concat([pref + 1]))}` : action;
    out.push(`rule add ${not}${parts.join(' ')} ${tail} pref ${pref}`.replace(/\s+/g, ' '));
  }
  return out;
}

function flow6(rng: Rng): string {
  const parts = [rng.chance(0.1) ? rng.pick(LOCAL6) : addr6(rng, POOL6)];
  if (rng.chance(0.3)) parts.push(`from ${rng.chance(0.7) ? rng.pick(LOCAL6) : addr6(rng, POOL6)}`);
  // Forwarded IPv6 flows only come in on in0, which no route leaves through: among equal routes IPv6 input
  // lookups prefer the incoming interface and a reachable neighbour, which a dump does not show.
  if (rng.chance(0.2)) parts.push('iif in0');
  if (rng.chance(0.4)) parts.push(`mark 0x${rng.pick(MARKS).toString(16)}`);
  if (rng.chance(0.3)) parts.push(`uid ${rng.pick(UIDS)}`);
  if (rng.chance(0.3)) {
    parts.push(`ipproto ${rng.pick(['tcp', 'udp'])}`);
    if (rng.chance(0.7)) parts.push(`dport ${rng.pick([53, 443, 8080])}`);
  }
  return parts.join(' ');
}

/** IPv6 routes and rules: `-6` batch lines, since rules without an address would be IPv4. */
export function generatePolicy6(seed: number, flows: number): PolicyScenario {
  const rng = new Rng(seed * 104729 + 3);
  const commands: string[] = [];
  for (const table of TABLES) {
    const n = (table === 'main' ? 12 : 6) + rng.int(10);
    for (let i = 0; i < n; i++) commands.push(route6(rng, table));
  }
  commands.push(...rules6(rng));
  return { seed, interfaces: POLICY_INTERFACES6, commands, flows: Array.from({ length: flows }, () => flow6(rng)) };
}
