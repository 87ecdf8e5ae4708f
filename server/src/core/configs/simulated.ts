// The routing table after a VPN comes up, built from the dump and what a family says connecting changes,
// written as `ip route` / `ip rule` text that Route Lens reads back like any dump.
import type { Analysis } from '../analyze';
import type { PolicyRule, Route, RouteType } from '../model';
import { type Address, type Family, formatAddress } from '../net/address';
import { type Prefix, formatPrefixShort, prefixKey } from '../net/prefix';
import type { SimulatedLine, SimulatedRemoval, SimulatedTable } from './types';

/** A route connecting adds. */
export interface VpnRoute {
  readonly prefix: Prefix;
  readonly type?: RouteType;
  /** `main` when left out. */
  readonly table?: string;
  readonly gateway?: Address | undefined;
  readonly device?: string | undefined;
  readonly metric?: number | undefined;
  readonly proto?: string;
  readonly scope?: string;
  readonly src?: Address | undefined;
  /** What asks for it, in a few words for the line's comment: "AllowedIPs", "redirect-gateway def1". */
  readonly why: string;
  readonly configLine?: number | undefined;
}

/** A policy rule connecting adds. */
export interface VpnRule {
  readonly family: Family;
  /** Undefined: the kernel takes one below the first rule after priority 0, as `ip rule add` without one does. */
  readonly priority?: number | undefined;
  /** The rule as `ip rule add` takes it, without the priority: `not fwmark 51820 table 51820`. */
  readonly spec: string;
  readonly why: string;
  readonly configLine?: number | undefined;
}

export interface VpnChanges {
  /** How comments name the config: `wg0.conf`. */
  readonly configName: string;
  readonly added: readonly VpnRoute[];
  readonly removed: readonly { readonly route: Route; readonly why: string }[];
  readonly rules: readonly VpnRule[];
  readonly notes: readonly string[];
  /** More comment lines shown before the tables, such as xfrm policies. */
  readonly comments?: readonly string[];
}

const DEFAULT_RULES: Record<Family, readonly [number, string][]> = {
  4: [[0, 'from all lookup local'], [32766, 'from all lookup main'], [32767, 'from all lookup default']],
  6: [[0, 'from all lookup local'], [32766, 'from all lookup main']],
};
const OS_NAMES: Readonly<Record<string, string>> = { windows: 'Windows', macos: 'macOS', bsd: 'BSD' };
const SHOWN_FLAGS = new Set(['onlink', 'linkdown', 'dead', 'pervasive']);
export const NO_DUMP_NOTE = 'No dump of this machine is known: only the VPN\'s own routes are shown. Name one with a `# route-lens: dump=routes.txt` comment in the config, the `routeLens.machineDump` setting, or `--with DUMP`.';

/** How comments name the config: its file name without folders, or `fallback`. */
export function configName(fileName: string | undefined, fallback: string): string {
  const base = (fileName ?? '').replace(/^.*[/\\]/, '');
  return base === '' ? fallback : base;
}

/** Builds the predicted table: the dump's routes minus the removed ones, plus the VPN's, then the rules. */
export function simulatedTable(changes: VpnChanges, dump: Analysis | undefined, dumpName: string | undefined): SimulatedTable {
  const lines: SimulatedLine[] = [];
  const notes = [...changes.notes];
  const removed: SimulatedRemoval[] = changes.removed.map(({ route, why }) => ({ text: routeText(route).join(' '), dumpLine: route.span.line >= 0 ? route.span.line : undefined, why }));
  const comment = (text: string): void => {
    for (const part of text.split('\n')) lines.push({ text: `# ${part}`, origin: 'other' });
  };
  if (!dump) notes.unshift(NO_DUMP_NOTE);
  else if (dump.tables.os !== 'linux') notes.unshift(`${dumpName ?? 'The dump'} is a ${OS_NAMES[dump.tables.os] ?? dump.tables.os} table: it is shown in \`ip route\` syntax, so Route Lens reads the result with Linux's lookup rules.`);
  const removedIds = new Set(changes.removed.map((r) => r.route.id));
  const kept = dump ? dump.document.routes.filter((r) => !removedIds.has(r.id)) : [];
  const taken = new Set(kept.map(routeKey));
  const added: VpnRoute[] = [];
  for (const route of changes.added) {
    const key = vpnKey(route);
    if (taken.has(key)) {
      notes.push(`${vpnText(route).join(' ')} is not added: the table already has a route for ${formatPrefixShort(route.prefix)} with metric ${metricOf(route)} (\`ip route add\` fails with "File exists").`);
      continue;
    }
    taken.add(key);
    added.push(route);
  }
  comment(`Routing table predicted once ${changes.configName} is up${dump ? `, from ${dumpName ?? 'the dump'}` : ''}. Route Lens made it; nothing was changed.`);
  comment(dump ? 'Lines marked `# +` are added by connecting; the others are kept from the dump.' : 'Lines marked `# +` are added by connecting.');
  for (const r of removed) comment(`- ${r.text}${r.dumpLine !== undefined ? ` (line ${r.dumpLine + 1} of ${dumpName ?? 'the dump'})` : ''}: ${r.why}`);
  for (const note of notes) comment(`Note: ${note}`);
  for (const extra of changes.comments ?? []) comment(extra);
  const renamed = new Set<string>();
  for (const family of [4, 6] as const) {
    const ours = kept.filter((r) => r.family === family);
    const theirs = added.filter((r) => r.prefix.family === family);
    if (ours.length === 0 && theirs.length === 0) continue;
    lines.push({ text: `$ ip -${family} route show table all`, origin: 'other' });
    for (const route of ours) {
      const [first, ...rest] = routeText(route, renamed);
      lines.push({ text: first ?? '', origin: 'dump', dumpLine: route.span.line });
      for (const more of rest) lines.push({ text: more, origin: 'dump', dumpLine: route.span.line });
    }
    for (const route of theirs) {
      const where = route.configLine !== undefined ? ` line ${route.configLine + 1}` : '';
      lines.push({ text: `${vpnText(route, renamed).join(' ')}  # + ${oneLine(changes.configName)}${where}: ${oneLine(route.why)}`, origin: 'vpn', ...(route.configLine !== undefined ? { configLine: route.configLine } : {}) });
    }
  }
  for (const family of [4, 6] as const) ruleSection(family, dump, changes.rules.filter((r) => r.family === family), lines, changes.configName);
  if (renamed.size > 0) notes.push(`Interface names with spaces are written with \`_\` (${[...renamed].join(', ')}).`);
  return { text: lines.map((l) => l.text).join('\n') + '\n', lines, removed, notes, dumpName: dump ? dumpName : undefined };
}

function ruleSection(family: Family, dump: Analysis | undefined, rules: readonly VpnRule[], lines: SimulatedLine[], configName: string): void {
  const existing = (dump?.document.rules ?? []).filter((r) => r.family === family);
  if (rules.length === 0 && existing.length === 0) return;
  type Entry = { priority: number; text: string; line: SimulatedLine };
  const entries: Entry[] = existing.length > 0
    ? existing.map((r: PolicyRule) => ({ priority: r.priority, text: r.text, line: { text: '', origin: 'dump', dumpLine: r.span.line } }))
    : DEFAULT_RULES[family].map(([priority, text]) => ({ priority, text: `${priority}:\t${text}`, line: { text: '', origin: 'other' } }));
  for (const rule of rules) {
    // `ip rule add` without a priority takes one less than the first rule after priority 0.
    const after = entries.map((e) => e.priority).filter((p) => p > 0);
    const priority = rule.priority ?? Math.max(0, (after.length > 0 ? Math.min(...after) : 32766) - 1);
    entries.push({ priority, text: `${priority}:\t${showRule(rule.spec)}`, line: { text: '', origin: 'vpn', ...(rule.configLine !== undefined ? { configLine: rule.configLine } : {}) } });
  }
  // The kernel lists rules by priority; a new rule goes after the ones already at its priority.
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.priority - b.e.priority || a.i - b.i).map((x) => x.e);
  lines.push({ text: `$ ip -${family} rule show`, origin: 'other' });
  const ours = entries.filter((e) => e.line.origin === 'vpn').map((e) => e.priority);
  if (ours.length > 0) lines.push({ text: `# + ${oneLine(configName)} adds the rule${ours.length === 1 ? '' : 's'} at priority ${ours.join(', ')}.`, origin: 'other' });
  for (const e of ordered) lines.push({ ...e.line, text: e.text });
}

/** `ip rule add` words as `ip rule show` prints them: `from all` first, `lookup` for `table`, fwmarks in hex. */
export function showRule(spec: string): string {
  const words = spec.trim().split(/\s+/).filter((w) => w !== '');
  let not = false;
  let from = 'all';
  const selectors: string[] = [];
  const action: string[] = [];
  const tail: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const value = words[i + 1];
    if (word === 'not') {not = true;}
    else if (value === undefined) {action.push(word);}
    else if (word === 'from') { from = value; i++; }
    else if (word === 'priority' || word === 'pref' || word === 'preference' || word === 'prio') {i++;}
    else if (word === 'table' || word === 'lookup') { action.push('lookup', tableWord(value)); i++; }
    else if (word === 'suppress_prefixlength' || word === 'suppress_ifgroup') { tail.push(word, value); i++; }
    else if (word === 'fwmark') { selectors.push('fwmark', hexMark(value)); i++; }
    else if (word === 'goto') { action.push('goto', value); i++; }
    else if (word === 'type') { action.push(value); i++; }
    else if (word === 'family') {i++;}
    else if (/^(?:blackhole|unreachable|prohibit|nop)$/.test(word)) {action.push(word);}
    else { selectors.push(word, value); i++; }
  }
  return [...(not ? ['not'] : []), 'from', from, ...selectors, ...action, ...tail].join(' ');
}

function tableWord(value: string): string {
  return value === '254' ? 'main' : value === '255' ? 'local' : value === '253' ? 'default' : value;
}

function hexMark(value: string): string {
  const [mark, mask] = value.split('/');
  const n = mark !== undefined && /^(?:\d+|0x[0-9a-f]+)$/i.test(mark) ? Number(mark) : Number.NaN;
  return Number.isNaN(n) ? value : `0x${n.toString(16)}${mask !== undefined ? `/${mask}` : ''}`;
}

function routeKey(route: Route): string {
  return `${route.table}|${prefixKey(route.prefix)}|${route.metric}`;
}

function vpnKey(route: VpnRoute): string {
  return `${route.table ?? 'main'}|${prefixKey(route.prefix)}|${metricOf(route)}`;
}

/** The metric the kernel gives the route: a negative one (OpenVPN logs -1) means the family's default. */
function metricOf(route: VpnRoute): number {
  return route.metric !== undefined && route.metric >= 0 ? route.metric : route.prefix.family === 6 ? 1024 : 0;
}

function device(name: string, renamed?: Set<string>): string {
  if (!/\s/.test(name)) return name;
  renamed?.add(name);
  return name.replace(/\s+/g, '_');
}

/** A dump route as `ip route` prints it; a multipath route gives one line per next hop after the first. */
export function routeText(route: Route, renamed?: Set<string>): string[] {
  const words: string[] = [];
  if (route.type !== 'unicast') words.push(route.type);
  words.push(formatPrefixShort(route.prefix));
  const single = route.nexthops.length === 1 ? route.nexthops[0] : undefined;
  if (single?.gateway) words.push('via', formatAddress(single.gateway));
  if (single?.device) words.push('dev', device(single.device, renamed));
  if (route.table !== 'main' && route.table !== '254') words.push('table', device(route.table, renamed));
  if (route.proto) words.push('proto', route.proto);
  if (route.scope) words.push('scope', route.scope);
  if (route.src) words.push('src', formatAddress(route.src));
  if (route.metricExplicit || route.metric !== 0 || route.family === 6) words.push('metric', String(route.metric));
  for (const flag of new Set([...route.flags, ...(single?.flags ?? [])])) if (SHOWN_FLAGS.has(flag)) words.push(flag);
  const out = [words.join(' ')];
  if (!single) {
    for (const hop of route.nexthops) {
      const hopWords = ['\tnexthop'];
      if (hop.gateway) hopWords.push('via', formatAddress(hop.gateway));
      if (hop.device) hopWords.push('dev', device(hop.device, renamed));
      hopWords.push('weight', String(hop.weight));
      for (const flag of hop.flags) if (SHOWN_FLAGS.has(flag)) hopWords.push(flag);
      out.push(hopWords.join(' '));
    }
  }
  return out;
}

function vpnText(route: VpnRoute, renamed?: Set<string>): string[] {
  const words: string[] = [];
  const type = route.type ?? 'unicast';
  if (type !== 'unicast') words.push(type);
  words.push(formatPrefixShort(route.prefix));
  if (route.gateway) words.push('via', formatAddress(route.gateway));
  if (route.device) words.push('dev', device(route.device, renamed));
  if (route.table && route.table !== 'main' && route.table !== '254') words.push('table', route.table);
  if (route.proto) words.push('proto', route.proto);
  if (route.scope) words.push('scope', route.scope);
  if (route.src) words.push('src', formatAddress(route.src));
  const metric = metricOf(route);
  if (metric !== 0 || route.prefix.family === 6) words.push('metric', String(metric));
  return words;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
