import { parseDestination, parseGateway } from './bsdDestination';
import { type BsdVariant, flagEvidence, knownFlags } from './bsdFlags';
import { leadingTokens } from './bsdColumns';
import type { Token } from './tokens';

/** `Routing tables`, or FreeBSD's `Routing tables (fib: 1)`: the first line of every `netstat -r`. */
export function isRoutingTablesHeader(line: string): boolean {
  const t = line.trim();
  return t === 'Routing tables' || (t.startsWith('Routing tables (fib: ') && t.endsWith(')'));
}

/** The FIB number of a FreeBSD header line, 0 when none is written. */
export function headerFib(line: string): number {
  const t = line.trim();
  const n = Number(t.slice('Routing tables (fib: '.length, -1));
  return t.startsWith('Routing tables (fib: ') && Number.isInteger(n) && n >= 0 ? n : 0;
}

/** `Internet:` → 4, `Internet6:` → 6, another family (`Encap:`, `MPLS:`, `Protocol Family 17:`) → 'other'. */
export function familyHeader(trimmed: string): 4 | 6 | 'other' | undefined {
  if (trimmed.length < 2 || trimmed.length > 40 || !trimmed.endsWith(':')) return undefined;
  const c = trimmed.charCodeAt(0);
  if (c < 65 || c > 90 || trimmed.indexOf(':') !== trimmed.length - 1) return undefined;
  if (trimmed === 'Internet:') return 4;
  if (trimmed === 'Internet6:') return 6;
  return 'other';
}

/** A quick structural test for score(): destination, gateway and a Flags column of known letters. */
function looksLikeRoute(tokens: readonly Token[]): boolean {
  const dest = tokens[0]?.text;
  const gateway = tokens[1]?.text;
  if (tokens.length < 3 || dest === undefined || gateway === undefined) return false;
  if (typeof parseDestination(dest, 4, false) === 'string' || parseGateway(gateway, 4) === undefined) return false;
  // Rows with more columns before Flags (macOS `-l`) count only under their header, which says so.
  return knownFlags(tokens[2]?.text ?? '');
}

const MACOS_INTERFACES = new Set(['en', 'utun', 'awdl', 'llw', 'anpi', 'ap', 'pdp_ip', 'ppp']);
const LINUX_INTERFACES = new Set(['eth', 'enp', 'ens', 'eno', 'enx', 'wlp', 'wlo', 'docker', 'veth', 'virbr', 'br', 'bond']);
const FREEBSD_INTERFACES = new Set([
  'em', 'igb', 'igc', 'ix', 'ixl', 'ixv', 'ice', 'vtnet', 're', 'bge', 'bce', 'bxe', 'xn', 'vmx', 'hn', 'lagg',
  'vlan', 'epair', 'ue', 'cxl', 'cc', 'mce', 'mlxen', 'ena', 'ovpnc', 'ovpns', 'wlan', 'lem', 'fxp', 'alc', 'msk',
  'genet', 'cpsw', 'awg', 'bnxt', 'ql', 'ng', 'pflog', 'pfsync', 'enc', 'gre', 'tun', 'tap', 'wg', 'rl', 'dc', 'sis', 'nfe',
]);

interface Evidence {
  macos: number;
  freebsd: number;
  openbsd: number;
  share: number;
}

const cache = new WeakMap<readonly string[], Evidence>();

/**
 * Tells macOS, FreeBSD and OpenBSD tables apart. OpenBSD prints Refs, Use, Mtu and Prio before `Iface`.
 * macOS prints flags no FreeBSD since 8 has (c, C, W, I, g, i, r, m), `!` expiries, classful short
 * destinations (`192.168.1`) and interfaces named en/utun/awdl. Modern FreeBSD writes networks in full
 * (`10.0.2.0/24`) and names interfaces after drivers (em, igb, vtnet). A tie goes to FreeBSD (os 'bsd').
 */
function evidence(sample: readonly string[]): Evidence {
  const cached = cache.get(sample);
  if (cached) return cached;
  const e: Evidence = { macos: 0, freebsd: 0, openbsd: 0, share: 0 };
  let seen = 0;
  let hits = 0;
  for (const line of sample) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    seen++;
    if (isRoutingTablesHeader(t) || familyHeader(t) !== undefined) {
      hits++;
      continue;
    }
    const tokens = leadingTokens(t, 16);
    if (tokens[0]?.text === 'Destination' && tokens[1]?.text === 'Gateway') {
      hits++;
      const names = tokens.map((k) => k.text);
      if (names.includes('Prio') || names.includes('Iface')) e.openbsd += 10;
      if (names.includes('Nhop#')) e.freebsd += 3;
      if (names.includes('RT_IFA')) e.macos += 3;
      continue;
    }
    if (looksLikeRoute(tokens) && routeEvidence(tokens, e)) hits++;
  }
  e.share = seen === 0 ? 0 : hits / seen;
  cache.set(sample, e);
  return e;
}

/** Adds a row's evidence; false for Linux net-tools rows (`::1/128 :: U 256 2 0 lo`), which look alike. */
function routeEvidence(tokens: readonly Token[], e: Evidence): boolean {
  let i = 3;
  while (i < tokens.length && /^(?:\d{1,20}|-|L)$/.test((tokens[i] as Token).text)) i++;
  const numbers = i - 3;
  const iface = tokens[i]?.text ?? '';
  // Interface names are the surest sign: they come from each system's drivers, and the BSDs always add a unit number.
  const stem = interfaceStem(iface);
  if (LINUX_INTERFACES.has(stem) || (iface !== '' && iface !== '---' && stem !== 'epair' && !endsWithDigit(iface))) return false;
  if (MACOS_INTERFACES.has(stem)) e.macos += 2;
  else if (FREEBSD_INTERFACES.has(stem)) e.freebsd += 2;
  if (numbers === 4) e.openbsd += 2;
  if (tokens[i + 1]?.text === '!') e.macos++;
  const flags = flagEvidence(tokens[2]?.text ?? '');
  e.macos += flags.macos + (flags.notFreebsd ? 1 : 0);
  e.openbsd += flags.openbsd;
  const dest = tokens[0]?.text ?? '';
  if (!dest.includes(':') && dest !== 'default' && dest !== 'localhost') {
    const slash = dest.indexOf('/');
    const dots = countDots(slash < 0 ? dest : dest.slice(0, slash));
    if (dots < 3 && slash < 0) e.macos++;
    if (dots === 3 && slash >= 0 && Number(dest.slice(slash + 1)) <= 24) e.freebsd++;
  }
  return true;
}

export function detectVariant(sample: readonly string[]): BsdVariant {
  const e = evidence(sample);
  if (e.openbsd > e.macos && e.openbsd > e.freebsd) return 'openbsd';
  return e.macos > e.freebsd ? 'macos' : 'freebsd';
}

/** Share of the sample that reads as a BSD routing table, a little less when it looks like another variant. */
export function bsdScore(sample: readonly string[], variant: BsdVariant): number {
  const share = evidence(sample).share;
  return detectVariant(sample) === variant ? share : share * 0.9;
}

/** `utun3` → `utun`, `pdp_ip0` → `pdp_ip`, `vlan10.5` → `vlan`. */
function interfaceStem(name: string): string {
  let end = 0;
  while (end < name.length) {
    const c = name.charCodeAt(end);
    if (!((c >= 97 && c <= 122) || c === 95)) break;
    end++;
  }
  return name.slice(0, end);
}

function endsWithDigit(name: string): boolean {
  const c = name.charCodeAt(name.length - 1);
  return c >= 48 && c <= 57;
}

function countDots(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 46) n++;
  return n;
}
