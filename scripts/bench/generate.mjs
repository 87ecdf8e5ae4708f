// Deterministic routing tables for the benchmark, in `ip route` and `route -n` form.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** mulberry32: a small seeded generator, so every run measures the same tables. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ip = (w) => `${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}`;
const mask = (len) => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0);

/** First octets kept free: private, loopback, link-local, multicast and the VPN test ranges. */
const RESERVED = new Set([0, 10, 127, 169, 172, 192, 198, 203]);

/** The VPN default pair, the LAN, and the tunnel endpoint's exception, as `ip route` prints them. */
const HEAD = [
  { dst: 0, len: 0, dev: 'ppp0', metric: 50, extra: 'proto static scope link' },
  { dst: 0, len: 0, gw: 0xc0a86501, dev: 'eth0', metric: 100, extra: 'proto dhcp src 192.168.101.23' },
  { dst: 0xc0a86500, len: 24, dev: 'eth0', metric: 100, extra: 'proto kernel scope link src 192.168.101.23' },
  { dst: 0xcb00714d, len: 32, gw: 0xc0a86501, dev: 'eth0', metric: 100, extra: 'proto static' },
];

/** The upstreams' own subnets, so their gateways resolve on-link as on a real router. */
function upstreams(physical) {
  return [0, 1, 2, 3].map((k) => ({
    dst: 0xac100000 + (k << 8), len: 24, dev: physical ? `eth${k + 1}` : `gre${k + 1}`, metric: 0,
    extra: `proto kernel scope link src 172.16.${k}.2`,
  }));
}

/**
 * `count` routes: the head above, then distinct prefixes (mostly /24, a tenth /16 to /23) learned from four
 * upstream tunnels, about 1% of them repeated through another upstream at a worse metric.
 * With `physical`, the upstreams are Ethernet links: every route then escapes the ppp0 default.
 */
export function generateRoutes(count, seed = 7, physical = false) {
  const next = random(seed);
  const seen = new Set();
  const bulk = [];
  // A few spare prefixes: the 1% repeats make the exact count land before the end of the list.
  const wanted = count - HEAD.length - 4;
  while (bulk.length < wanted) {
    const len = next() < 0.9 ? 24 : 16 + Math.floor(next() * 8);
    const first = 1 + Math.floor(next() * 222);
    if (RESERVED.has(first)) continue;
    const dst = ((first << 24) | Math.floor(next() * 0x1000000)) & mask(len);
    const key = dst * 64 + len;
    if (seen.has(key)) continue;
    seen.add(key);
    bulk.push({ dst: dst >>> 0, len, up: Math.floor(next() * 4) });
  }
  // `ip route` prints a table in address order.
  bulk.sort((a, b) => a.dst - b.dst || a.len - b.len);
  const routes = [...HEAD, ...upstreams(physical)];
  for (const r of bulk) {
    if (routes.length >= count) break;
    const dev = physical ? `eth${r.up + 1}` : `gre${r.up + 1}`;
    routes.push({ dst: r.dst, len: r.len, gw: 0xac100001 + (r.up << 8), dev, metric: 20, extra: 'proto bird' });
    if (routes.length < count && next() < 0.01) {
      const up = (r.up + 1) % 4;
      routes.push({ dst: r.dst, len: r.len, gw: 0xac100001 + (up << 8), dev: physical ? `eth${up + 1}` : `gre${up + 1}`, metric: 30, extra: 'proto bird' });
    }
  }
  return routes.slice(0, count);
}

export function ipRouteLine(r) {
  const dst = r.len === 0 ? 'default' : r.len === 32 ? ip(r.dst) : `${ip(r.dst)}/${r.len}`;
  const via = r.gw === undefined ? '' : ` via ${ip(r.gw)}`;
  return `${dst}${via} dev ${r.dev} ${r.extra} metric ${r.metric}`;
}

export function routeNLine(r) {
  const flags = `U${r.gw === undefined ? '' : 'G'}${r.len === 32 ? 'H' : ''}`;
  return `${ip(r.dst).padEnd(16)}${ip(r.gw ?? 0).padEnd(16)}${ip(mask(r.len)).padEnd(16)}${flags.padEnd(6)}${String(r.metric).padEnd(7)}0        0 ${r.dev}`;
}

const ROUTE_N_HEADER = 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';

/** Writes both forms; streaming keeps the generator's own memory small for the million-route table. */
export async function writeTables(routes, ipRoutePath, routeNPath) {
  await writeLines(ipRoutePath, '', routes, ipRouteLine);
  if (routeNPath) await writeLines(routeNPath, ROUTE_N_HEADER, routes, routeNLine);
}

async function writeLines(path, header, routes, format) {
  const out = createWriteStream(path);
  let chunk = header;
  for (const r of routes) {
    chunk += `${format(r)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
