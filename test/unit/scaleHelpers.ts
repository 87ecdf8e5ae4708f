/** Seeded random tables for the scale tests: small prefixes overlap often, so every rule has work. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

const DEVICES = ['eth0', 'eth1', 'wlan0', 'ppp0', 'wg0', 'tun0'];

function prefix(next: () => number): string {
  const len = pick(next, [0, 1, 8, 16, 20, 23, 24, 24, 24, 25, 28, 32]);
  if (len === 0) return 'default';
  const word = (pick(next, [10, 10, 10, 192, 0, 128]) << 24 | Math.floor(next() * 4) << 16 | Math.floor(next() * 4) << 8 | Math.floor(next() * 256)) >>> 0;
  const masked = len === 32 ? word : (word & (0xffffffff << (32 - len))) >>> 0;
  const text = `${masked >>> 24}.${(masked >>> 16) & 255}.${(masked >>> 8) & 255}.${masked & 255}`;
  return len === 32 && next() < 0.5 ? text : `${text}/${len}`;
}

/** One line of a random `ip route show table all` dump: mostly routes, some oddities. */
export function randomLine(next: () => number): string {
  const r = next();
  if (r < 0.04) return '';
  if (r < 0.07) return '# a comment';
  if (r < 0.09) return '10.0.0.0/33 via 10.0.0.1 dev eth0';
  if (r < 0.11) return `    nexthop via 10.0.${Math.floor(next() * 4)}.1 dev ${pick(next, DEVICES)} weight ${1 + Math.floor(next() * 3)}`;
  if (r < 0.13) return `2001:db8:${Math.floor(next() * 4)}::/${pick(next, [32, 48, 64])} dev ${pick(next, DEVICES)} metric ${pick(next, [256, 1024])}`;
  const type = r < 0.2 ? `${pick(next, ['blackhole', 'unreachable', 'throw', 'local', 'prohibit'])} ` : '';
  const table = next() < 0.15 ? ` table ${pick(next, ['local', 'main', 'default', '100'])}` : '';
  const metric = next() < 0.7 ? ` metric ${pick(next, [0, 50, 100, 100, 600])}` : '';
  const dev = pick(next, DEVICES);
  const via = type === '' && next() < 0.6 ? ` via 10.0.${Math.floor(next() * 4)}.1` : '';
  const flags = next() < 0.05 ? ' dead' : '';
  const proto = next() < 0.2 ? ' proto kernel scope link' : ' proto static';
  return type !== '' && type !== 'local ' ? `${type}${prefix(next)}${table}${metric}` : `${type}${prefix(next)}${via} dev ${dev}${proto}${table}${metric}${flags}`;
}

export function randomTable(next: () => number, count: number): string[] {
  const lines = ['default dev ppp0 proto static scope link metric 50', 'default via 10.0.0.1 dev eth0 proto dhcp metric 100'];
  while (lines.length < count) lines.push(randomLine(next));
  return lines;
}
