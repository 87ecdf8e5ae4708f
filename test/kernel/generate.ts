// Seeded random routing tables and lookup addresses for the kernel differential test.
// Everything here is independent of the core, so a bug there cannot hide in the oracle's input.

export type Family = 4 | 6;

/** A network as a big integer base (host bits zero) and a prefix length. */
interface Net {
  readonly family: Family;
  readonly base: bigint;
  readonly len: number;
}

export interface Interface {
  readonly name: string;
  /** `A/len` strings; IPv6 ones are added with `nodad` so their local routes exist at once. */
  readonly addresses: readonly string[];
}

export interface Scenario {
  readonly seed: number;
  readonly interfaces: readonly Interface[];
  /** `ip -batch` lines that load the routes (some may be refused; the kernel's dump is the truth). */
  readonly routes: readonly string[];
  /** Addresses to look up, in the text the kernel and the core both parse. */
  readonly lookups: readonly string[];
}

/** mulberry32: small, fast and fully determined by the seed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  int(n: number): number {
    return Math.floor((this.next() / 0x100000000) * n);
  }

  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let r = this.int(entries.reduce((n, [, w]) => n + w, 0));
    for (const [key, w] of entries) {
      if (r < w) return key;
      r -= w;
    }
    return (entries[0] as [K, number])[0];
  }

  bits(n: number): bigint {
    let v = 0n;
    for (let i = 0; i < n; i += 32) v = (v << 32n) | BigInt(this.next());
    return v & ((1n << BigInt(n)) - 1n);
  }
}

const BITS: Readonly<Record<Family, number>> = { 4: 32, 6: 128 };

function hostMask(family: Family, len: number): bigint {
  return (1n << BigInt(BITS[family] - len)) - 1n;
}

function net(family: Family, value: bigint, len: number): Net {
  return { family, base: value & ~hostMask(family, len) & ((1n << BigInt(BITS[family])) - 1n), len };
}

function last(n: Net): bigint {
  return n.base | hostMask(n.family, n.len);
}

function inside(rng: Rng, n: Net): bigint {
  return n.base | (rng.bits(BITS[n.family]) & hostMask(n.family, n.len));
}

export function formatAddress(family: Family, v: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((v >> s) & 0xffffn).toString(16));
  return groups.join(':');
}

function formatNet(n: Net): string {
  return n.len === 0 ? 'default' : `${formatAddress(n.family, n.base)}/${n.len}`;
}

/** Destinations the kernel answers outside the tables (see the facts note): never looked up. */
export function kernelSpecial(family: Family, v: bigint): boolean {
  if (family === 4) {
    const octet = Number(v >> 24n);
    return octet === 0 || octet === 127 || (octet >= 224 && octet <= 239) || v === 0xffffffffn;
  }
  const top = Number(v >> 112n);
  return v === 0n || v === 1n || (top & 0xffc0) === 0xfe80 || (top & 0xff00) === 0xff00;
}

interface Port {
  readonly name: string;
  readonly subnets: Net[];
  readonly hosts: bigint[];
  readonly gateways: { family: Family; address: bigint }[];
}

/** A random cluster: IPv4 with a first octet of 1-222 other than 127; IPv6 in 2000::/3 (mostly 2001:db8::/32) or fd00::/8. */
function anchor(rng: Rng, family: Family): Net {
  if (family === 4) {
    let first = 1 + rng.int(222);
    if (first === 127) first = 10;
    return net(4, (BigInt(first) << 24n) | rng.bits(24), 8 + rng.int(9));
  }
  const top = rng.chance(0.7) ? 0x2001_0db8n : rng.chance(0.5) ? 0xfd00_0000n | rng.bits(24) : 0x2000_0000n | rng.bits(29);
  return net(6, (top << 96n) | rng.bits(96), 32 + rng.int(17));
}

function ports(rng: Rng, anchors: Record<Family, Net[]>, count: number): Port[] {
  const out: Port[] = [];
  for (let k = 0; k < count; k++) {
    const port: Port = { name: `eth${k}`, subnets: [], hosts: [], gateways: [] };
    for (const family of [4, 6] as const) {
      const lens = family === 4 ? [16, 20, 24, 24, 24, 26, 28, 29, 30, 31, 32] : [64, 64, 64, 80, 96, 112, 120, 127, 128];
      const addresses = rng.chance(0.3) ? 2 : 1;
      for (let a = 0; a < addresses; a++) {
        // The first subnet of each family is wide, so every family has gateways.
        const len = k === 0 && a === 0 ? lens[0] as number : rng.pick(lens);
        const host = inside(rng, rng.pick(anchors[family]));
        const subnet = net(family, host, len);
        port.subnets.push(subnet);
        port.hosts.push(host);
        // Gateways are other hosts on the connected subnet, so the kernel accepts them.
        for (let g = 0; (g < 3 && len < BITS[family]) || (k === 0 && a === 0 && port.gateways.length === 0); g++) {
          const gw = inside(rng, subnet);
          if (gw !== host && (family === 6 || len >= 31 || (gw !== subnet.base && gw !== last(subnet)))) {
            port.gateways.push({ family, address: gw });
          }
        }
      }
    }
    out.push(port);
  }
  return out;
}

const TYPES = {
  gateway: 45, device: 12, multipath: 8, blackhole: 6, unreachable: 6, prohibit: 6, throw: 9, local: 3, broadcast: 2,
} as const;
const TABLES = { main: 60, default: 15, local: 8, '100': 12 } as const;

function routes(rng: Rng, family: Family, anchors: Net[], portList: Port[], prefixes: Net[]): string[] {
  const lines: string[] = [];
  const late: string[] = [];
  const used = new Set<string>();
  const subnets = portList.flatMap((p) => p.subnets.filter((s) => s.family === family));
  const gateways = portList.flatMap((p) => p.gateways.filter((g) => g.family === family).map((g) => ({ ...g, dev: p.name })));
  const metrics = family === 4 ? [undefined, undefined, 0, 10, 100, 1024] : [undefined, undefined, 256, 100, 2048];
  const extend = family === 4 ? [0, 0, 0, 1, 2, 3, 4, 6, 8, 12, 16] : [0, 0, 0, 4, 8, 16, 32, 48, 64];
  const count = family === 4 ? 70 + rng.int(40) : 35 + rng.int(20);
  const hop = (withDev: boolean): string => {
    const g = rng.pick(gateways);
    return `via ${formatAddress(family, g.address)}${withDev ? ` dev ${g.dev}` : ''}`;
  };
  // An onlink gateway need not be on a connected subnet; the kernel takes the device's word for it.
  const onlink = (): string => `via ${formatAddress(family, inside(rng, rng.pick(anchors)))} dev ${rng.pick(portList).name} onlink`;
  for (let i = 0; i < count; i++) {
    const source = rng.weighted({ anchor: 30, subnet: 15, earlier: 40, default: 5, random: 10 });
    const base = source === 'anchor' ? rng.pick(anchors)
      : source === 'subnet' ? rng.pick(subnets)
        : source === 'earlier' && prefixes.length > 0 ? rng.pick(prefixes)
          : source === 'random' ? net(family, rng.bits(BITS[family]), 1 + rng.int(family === 4 ? 24 : 64))
            : net(family, 0n, 0);
    const len = Math.min(BITS[family], base.len + rng.pick(extend));
    const prefix = net(family, inside(rng, base), len);
    let type: keyof typeof TYPES = rng.weighted(TYPES);
    if (family === 6 && type === 'broadcast') type = 'local';
    const table = rng.weighted(TABLES);
    const metric = rng.pick(metrics);
    const dev = rng.pick(portList).name;
    // Options go before the next hops: iproute2 exits (ending the whole batch) on `nexthop ... table`.
    let head = formatNet(prefix);
    let hops = '';
    if (type === 'gateway') {
      hops = ` ${rng.chance(0.1) ? onlink() : hop(rng.chance(0.5))}`;
    } else if (type === 'device') {
      hops = ` dev ${dev}`;
    } else if (type === 'multipath') {
      const list = Array.from({ length: 2 + rng.int(2) }, () => `nexthop ${hop(family === 6 || rng.chance(0.5))} weight ${1 + rng.int(5)}`);
      hops = ` ${list.join(' ')}`;
    } else if (type === 'local' || type === 'broadcast') {
      head = `${type} ${head}`;
      hops = ` dev ${dev}`;
    } else {
      head = `${type} ${head}`;
    }
    // local and broadcast default to table local; say `table main` sometimes to put them in main.
    const tableWord = type === 'local' || type === 'broadcast' ? (rng.chance(0.3) ? ' table main' : '') : ` table ${table}`;
    // A TOS route never matches the plain lookups of `ip route get`, so it must not win.
    const metricWord = `${metric === undefined ? '' : ` metric ${metric}`}${family === 4 && rng.chance(0.04) ? ' tos 0x10' : ''}`;
    const key = `${formatNet(prefix)}|${tableWord}|${metric ?? ''}`;
    // A repeated prefix, table and metric needs `append`: IPv4 keeps both, IPv6 may merge them into multipath.
    const verb = used.has(key) || rng.chance(0.05) ? 'append' : 'add';
    used.add(key);
    prefixes.push(prefix);
    (type === 'local' || type === 'broadcast' ? late : lines).push(`route ${verb} ${head}${tableWord}${metricWord}${hops}`);
  }
  // Hand-added local routes come last: a gateway inside one would lose its gateway only if the local
  // route existed first, and a dump does not record that order (the resolver assumes address routes came first).
  return [...lines, ...late];
}

/** One lookup address: mostly at and around generated prefixes, some at hosts, some anywhere. */
function lookup(rng: Rng, family: Family, nets: Net[], hosts: bigint[]): bigint {
  const mode = rng.weighted({ prefix: 55, host: 15, random: 30 });
  if (mode === 'host' && hosts.length > 0) return rng.pick(hosts);
  if (mode === 'random') {
    if (family === 4) return rng.bits(32);
    return (BigInt(rng.chance(0.8) ? 0x2000 | rng.int(0x2000) : 0xfd00 | rng.int(256)) << 112n) | rng.bits(112);
  }
  const n = rng.pick(nets);
  const size = 1n << BigInt(BITS[family]);
  const edge = rng.weighted({ inside: 60, first: 10, last: 10, before: 10, after: 10 });
  if (edge === 'first') return n.base;
  if (edge === 'last') return last(n);
  if (edge === 'before') return (n.base - 1n + size) % size;
  if (edge === 'after') return (last(n) + 1n) % size;
  return inside(rng, n);
}

export function generate(seed: number, lookupCount: number, interfaceCount = 4): Scenario {
  const rng = new Rng(seed);
  const anchors: Record<Family, Net[]> = { 4: [], 6: [] };
  for (let i = 0; i < 5; i++) {
    anchors[4].push(anchor(rng, 4));
    anchors[6].push(anchor(rng, 6));
  }
  const portList = ports(rng, anchors, interfaceCount);
  const interfaces = portList.map((p) => ({
    name: p.name,
    addresses: p.subnets.map((s, i) => `${formatAddress(s.family, p.hosts[i] ?? 0n)}/${s.len}`),
  }));
  const prefixes: Record<Family, Net[]> = { 4: [], 6: [] };
  const lines = [...routes(rng, 4, anchors[4], portList, prefixes[4]), ...routes(rng, 6, anchors[6], portList, prefixes[6])];
  const targets = ([4, 6] as const).map((family) => {
    const subnets = portList.flatMap((p) => p.subnets.filter((s) => s.family === family));
    const hosts = [
      ...portList.flatMap((p) => p.hosts.filter((_, k) => p.subnets[k]?.family === family)),
      ...portList.flatMap((p) => p.gateways.filter((g) => g.family === family).map((g) => g.address)),
      ...subnets.flatMap((s) => [s.base, last(s)]),
    ];
    return { family, nets: [...anchors[family], ...subnets, ...prefixes[family]], hosts };
  });
  const lookups: string[] = [];
  for (let i = 0; i < lookupCount; i++) {
    const { family, nets, hosts } = targets[rng.chance(0.7) ? 0 : 1] as (typeof targets)[number];
    let v = lookup(rng, family, nets, hosts);
    for (let tries = 0; kernelSpecial(family, v) && tries < 20; tries++) v = lookup(rng, family, nets, hosts);
    if (!kernelSpecial(family, v)) lookups.push(formatAddress(family, v));
  }
  return { seed, interfaces, routes: lines, lookups };
}
