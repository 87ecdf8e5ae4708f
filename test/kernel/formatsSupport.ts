// Dumps in other formats than `ip route`, and the comparisons each format supports, for formats.test.ts.
import { spawnSync } from 'node:child_process';
import { formatAddress, parseAddress, sameAddress } from '../../server/src/core/net/address';
import type { Resolution } from '../../server/src/core/resolver';
import type { KernelAnswer, Namespace } from './namespace';

/** Runs a program inside the namespace; throws with its stderr when it fails. */
export function inNamespace(ns: Namespace, argv: readonly string[]): string {
  const r = spawnSync('ip', ['netns', 'exec', ns.name, ...argv], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** `ip -j route show table all`, plus the IPv6 array when this iproute2 leaves IPv6 out of it. */
export function jsonDump(ns: Namespace): string {
  const all = inNamespace(ns, ['ip', '-j', 'route', 'show', 'table', 'all']);
  // Every IPv6 table has address routes (`::1`, `fe80::...`), so an IPv6 dump always has a destination with a colon.
  if (/"dst":"[0-9a-f]*:/.test(all)) return all;
  return all + inNamespace(ns, ['ip', '-j', '-6', 'route', 'show', 'table', 'all']);
}

/** Undefined when net-tools' `route` runs here, else why not. */
export function netToolsMissing(): string | undefined {
  const r = spawnSync('route', ['--version'], { encoding: 'utf8' });
  if (r.error) return '`route` (Debian package net-tools) is not installed';
  return undefined;
}

const REJECT_ERRORS = new Set(['Invalid argument', 'No route to host', 'Permission denied']);

/** IPv4 answers merge local into main, so both print as main. */
function tableClass(family: 4 | 6, table: string): string {
  return family === 4 && table === 'local' ? 'main' : table;
}

export function describe(r: Resolution): string {
  if (r.error) return `error "${r.error}"`;
  const hops = r.nexthops.map((h) => `${h.gateway ? `via ${formatAddress(h.gateway)} ` : ''}dev ${h.device ?? '?'}`);
  return `${r.outcome} ${hops.join(' | ')}`;
}

/**
 * Undefined when the answers agree, else what differs. With `rejectClass`, every reject error counts as one answer:
 * net-tools prints unreachable, prohibit and (for IPv6) blackhole routes alike, with the flag `!`.
 */
export function compare(kernel: KernelAnswer, ours: Resolution, rejectClass = false): string | undefined {
  if (!kernel.ok) {
    if (ours.error === kernel.error) return undefined;
    if (rejectClass && ours.error !== undefined && REJECT_ERRORS.has(ours.error) && REJECT_ERRORS.has(kernel.error)) return undefined;
    return 'the kernel fails the lookup';
  }
  if (ours.error !== undefined || !ours.route) return 'the kernel answers with a route';
  const route = ours.route;
  const outcome = kernel.type === 'unicast' ? 'forward' : kernel.type;
  if (ours.outcome !== outcome) return `type ${kernel.type} vs ${ours.outcome}`;
  const address = parseAddress(kernel.address);
  if (!address || !sameAddress(address, ours.address)) return `the kernel answered for ${kernel.address}`;
  if (tableClass(route.family, kernel.table ?? 'main') !== tableClass(route.family, route.table)) {
    return `table ${kernel.table ?? 'main'} vs ${route.table}`;
  }
  // IPv4 answers carry no metric; IPv6 answers print the chosen route's.
  if (kernel.metric !== undefined && kernel.metric !== route.metric) return `metric ${kernel.metric} vs ${route.metric}`;
  if (outcome === 'local') return kernel.dev === 'lo' ? undefined : `local answer on ${kernel.dev ?? '?'}`;
  const gateway = kernel.gateway === undefined ? undefined : parseAddress(kernel.gateway);
  const hit = ours.nexthops.some((h) => h.device === kernel.dev
    && (gateway === undefined ? h.gateway === undefined : h.gateway !== undefined && sameAddress(h.gateway, gateway)));
  return hit ? undefined : 'the kernel uses a next hop that is not in our route';
}

/**
 * The generated routes net-tools can show completely: table main only (/proc/net/route lists nothing else, and
 * /proc/net/ipv6_route names no table), no `throw` (IPv4 prints it like a blackhole), no hand-added `local` or
 * `broadcast` (printed like unicast), no `tos` (not printed), and no IPv4 multipath (only the first next hop is printed).
 */
export function netToolsVisible(line: string): boolean {
  const words = line.split(' ');
  const t = words.indexOf('table');
  if (t < 0 || words[t + 1] !== 'main') return false;
  if (words.includes('tos')) return false;
  const type = words[2] ?? '';
  if (type === 'throw' || type === 'local' || type === 'broadcast') return false;
  const ipv6 = line.includes(':');
  return ipv6 || !words.includes('nexthop');
}

/** How a seed pastes its net-tools dump: commands with prompts, or the bare tables with their titles. */
export interface NetToolsVariant {
  readonly name: string;
  readonly v4: readonly string[];
  readonly v6: readonly string[];
  readonly prompts: boolean;
}

export const NET_TOOLS_VARIANTS: readonly NetToolsVariant[] = [
  { name: 'route -n, route -6 -n', v4: ['route', '-n'], v6: ['route', '-6', '-n'], prompts: true },
  { name: 'netstat -rn, netstat -rn6', v4: ['netstat', '-rn'], v6: ['netstat', '-rn6'], prompts: true },
  { name: 'route -nee, route -A inet6 -n (no prompts)', v4: ['route', '-nee'], v6: ['route', '-A', 'inet6', '-n'], prompts: false },
  { name: 'netstat -rn, netstat -6rn (no prompts)', v4: ['netstat', '-rn'], v6: ['netstat', '-6rn'], prompts: false },
];

export function netToolsDump(ns: Namespace, variant: NetToolsVariant): string {
  const part = (argv: readonly string[]): string => `${variant.prompts ? `$ ${argv.join(' ')}\n` : ''}${inNamespace(ns, argv)}`;
  return part(variant.v4) + part(variant.v6);
}

/** `1-6` or `3,7,9`. */
export function seedList(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || !Number.isInteger(from)) throw new Error(`bad seed list: ${text}`);
    return Array.from({ length: to === undefined ? 1 : to - from + 1 }, (_, i) => from + i);
  });
}
