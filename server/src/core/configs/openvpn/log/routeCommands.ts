import { spanOnLine } from '../../../model';
import { type Address, parseIPv4, parseIPv6 } from '../../../net/address';
import { type Prefix, parsePrefix, prefixOf } from '../../../net/prefix';
import { maskLength } from '../values';
import type { LogRoute } from './model';

type Parsed = Omit<LogRoute, 'afterInit' | 'session'>;

/**
 * The route commands OpenVPN logs on each system: netlink calls (2.5+ on Linux), `ip route`, net-tools and
 * BSD/macOS `route`, Windows `route.exe` and `netsh`, and its own `add_route_ipv6(…)` line.
 */
export function parseRouteCommand(message: string, at: number, line: number): Parsed | undefined {
  const span = spanOnLine(line, at, at + message.length);
  const text = message.trim();
  const make = (action: 'add' | 'del', prefix: Prefix | undefined, gateway?: Address, device?: string, metric?: number): Parsed | undefined => {
    if (!prefix) return undefined;
    const usefulGateway = gateway && !(gateway.words.every((w) => w === 0)) ? gateway : undefined;
    return {
      action, prefix, span, text,
      ...(usefulGateway ? { gateway: usefulGateway } : {}),
      ...(device && device !== '[NULL]' ? { device } : {}),
      ...(metric !== undefined && metric >= 0 ? { metric } : {}),
    };
  };
  let m = /^net_route_v([46])_(add|del): ([0-9a-fA-F.:]+)\/(\d+) via (\S+) dev (\S+)(?: table \d+)?(?: metric (-?\d+))?/.exec(message);
  if (m) {
    return make(m[2] === 'add' ? 'add' : 'del', cidr(m[3], m[4]), address(m[5]), m[6], num(m[7]));
  }
  m = /^add_route_ipv6\(([0-9a-fA-F:.]+)\/(\d+) -> ([0-9a-fA-F:.%\w]+) metric (-?\d+)\) dev (\S+)/.exec(message);
  if (m) return make('add', cidr(m[1], m[2]), address((m[3] ?? '').replace(/%.*$/, '')), m[5], num(m[4]));
  m = /^(?:\S*\/)?ip (-6 )?route (add|del|replace) (\S+)(.*)$/.exec(message);
  if (m) {
    const words = (m[4] ?? '').trim().split(/\s+/);
    const after = (key: string): string | undefined => {
      const i = words.indexOf(key);
      return i >= 0 ? words[i + 1] : undefined;
    };
    const dest = m[3] ?? '';
    const prefix = parsePrefix(dest === 'default' ? 'default' : dest, m[1] ? 6 : 4)?.prefix;
    return make(m[2] === 'del' ? 'del' : 'add', prefix, address(after('via')), after('dev'), num(after('metric')));
  }
  m = /route\.exe (ADD|DELETE) ([\d.]+) MASK ([\d.]+) ([\d.]+)(?: METRIC (\d+))?(?: IF (\d+))?/i.exec(message);
  if (m) return make(m[1]?.toUpperCase() === 'ADD' ? 'add' : 'del', masked(m[2], m[3]), address(m[4]), m[6] ? `If ${m[6]}` : undefined, num(m[5]));
  m = /netsh(?:\.exe)? interface ipv6 (add|delete) route ([0-9a-fA-F:]+\/\d+) (?:interface=)?(\d+)(?: ([0-9a-fA-F:]+))?/i.exec(message);
  if (m) return make(m[1] === 'add' ? 'add' : 'del', parsePrefix(m[2] ?? '', 6)?.prefix, address(m[4]), `If ${m[3] ?? ''}`);
  return bsdRoute(message, make);
}

/** net-tools `route add -net N netmask M gw G` and the BSD/macOS `route add -net N G M` forms. */
function bsdRoute(message: string, make: (a: 'add' | 'del', p: Prefix | undefined, g?: Address, d?: string, metric?: number) => Parsed | undefined): Parsed | undefined {
  const m = /^(?:\S*\/)?route (add|del|delete) (.*)$/.exec(message);
  if (!m) return undefined;
  const action = m[1] === 'add' ? 'add' : 'del';
  const words = (m[2] ?? '').trim().split(/\s+/).filter((w) => w !== '-cloning');
  const flag = (key: string): string | undefined => {
    const i = words.indexOf(key);
    return i >= 0 ? words[i + 1] : undefined;
  };
  if (words.includes('-inet6')) {
    const dest = flag('-inet6') ?? '';
    const len = flag('-prefixlen');
    const prefix = parsePrefix(len ? `${dest}/${len}` : dest, 6)?.prefix;
    const rest = words.filter((w, i) => !w.startsWith('-') && !words[i - 1]?.startsWith('-'));
    return make(action, prefix, address(rest[0]), flag('-iface') ?? flag('-interface'));
  }
  const network = flag('-net') ?? flag('-host');
  if (!network) return undefined;
  const netmask = flag('netmask') ?? flag('-netmask');
  const gw = flag('gw');
  const device = flag('dev') ?? flag('-interface') ?? flag('-iface');
  if (gw || netmask) {
    const positional = words.filter((w, i) => !w.startsWith('-') && !['netmask', 'gw', 'dev'].includes(w) && !['-net', '-host', 'netmask', '-netmask', 'gw', 'dev', '-interface', '-iface'].includes(words[i - 1] ?? ''));
    return make(action, masked(network, netmask ?? '255.255.255.255'), address(gw ?? positional[0]), device);
  }
  // macOS and FreeBSD: `-net NETWORK GATEWAY NETMASK`.
  const i = words.indexOf('-net');
  return make(action, masked(network, words[i + 3] ?? '255.255.255.255'), address(words[i + 2]), device);
}

function cidr(addr: string | undefined, len: string | undefined): Prefix | undefined {
  const a = address(addr);
  const n = Number(len);
  if (!a || !Number.isInteger(n) || n < 0 || n > (a.family === 4 ? 32 : 128)) return undefined;
  return prefixOf(a, n);
}

function masked(addr: string | undefined, mask: string | undefined): Prefix | undefined {
  const a = parseIPv4(addr ?? '');
  const m = parseIPv4(mask ?? '');
  const len = m ? maskLength(m) : undefined;
  return a && len !== undefined ? prefixOf(a, len) : undefined;
}

function address(text: string | undefined): Address | undefined {
  if (!text) return undefined;
  return parseIPv4(text) ?? parseIPv6(text);
}

function num(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}
