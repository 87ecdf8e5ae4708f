import { type Address, formatAddress } from './net/address';
import { formatPrefix } from './net/prefix';
import { type NextHop, type PolicyRule, REJECT_TYPES, type Route } from './model';
import type { LookupStage, RoutingTables } from './routingTables';
import { LOCAL_TABLE, MAIN_TABLE } from './tables';
import { isDefaultRule } from './formats/ipRuleModel';
import { type Flow, isPlainFlow } from './policy/flow';
import { flowTos } from './policy/match';
import { resolvePolicy } from './policy/policyResolve';

/** How a lookup ended, in the kernel's terms. */
export type Outcome =
  | 'forward'
  | 'local'
  | 'broadcast'
  | 'multicast'
  | 'anycast'
  | 'nat'
  | 'blackhole'
  | 'unreachable'
  | 'prohibit'
  | 'no-route';

export interface LostCandidate {
  readonly route: Route;
  readonly reason: string;
}

export interface Resolution {
  readonly address: Address;
  readonly outcome: Outcome;
  /** The winning route; absent when nothing matched (`Network is unreachable`). */
  readonly route?: Route;
  readonly nexthops: readonly NextHop[];
  /** The kernel's own answer text for failed lookups, as `ip route get` prints it. */
  readonly error?: string;
  /** The decisions, in the order the kernel makes them. */
  readonly steps: readonly string[];
  /** Routes that contain the address but were not chosen, each with why. */
  readonly lost: readonly LostCandidate[];
  /** The `ip rule` that decided, when custom rules were walked. */
  readonly rule?: PolicyRule;
}

/** What a lookup is for beyond the destination, and the `ip rule`s to walk. */
export interface ResolveOptions {
  readonly flow?: Flow;
  /** The document's rules, both families; those of the address's family are walked. */
  readonly rules?: readonly PolicyRule[];
}

export const ERRORS: Readonly<Record<string, string>> = {
  blackhole: 'Invalid argument',
  unreachable: 'No route to host',
  prohibit: 'Permission denied',
  'no-route': 'Network is unreachable',
};

/** The rules the lookup follows, said once at the top of an explanation. */
function introduction(tables: RoutingTables, address: Address): string {
  switch (tables.os) {
    case 'windows':
      return 'Windows rules: the longest prefix wins, then the lowest metric (the route metric plus the interface metric, as `route print` shows it); On-link routes have no gateway.';
    case 'macos':
    case 'bsd':
      return `${tables.os === 'macos' ? 'macOS' : 'BSD'} rules: the longest prefix wins; there are no metrics; interface-scoped routes (flag I) serve only sockets bound to their interface and are skipped.`;
    default:
      return address.family === 4
        ? 'No policy rules in the input, so the default rules apply: IPv4 searches the local and main tables as one trie (the kernel merges them until a custom rule exists), then the default table.'
        : 'No policy rules in the input, so the default rules apply: IPv6 searches the local table, then main.';
  }
}

/** A route the plain flow (no TOS, unbound socket) can select: not restricted by TOS or interface, not dead. */
export function usable(route: Route): boolean {
  if (route.flags.includes('scoped')) return false;
  if (route.tos !== undefined && route.tos !== '0' && route.tos !== '0x00' && route.tos !== 'default') return false;
  if (route.flags.includes('dead')) return false;
  return route.nexthops.length === 0 || route.nexthops.some((h) => !h.flags.includes('dead'));
}

export function unusableReason(route: Route): string {
  if (route.flags.includes('interface-copy')) {
    return `it is ${route.nexthops[0]?.device ?? 'an interface'}'s own copy of a route every interface has; Windows uses the copy with the lowest metric`;
  }
  if (route.flags.includes('scoped')) {
    return `it is scoped to ${route.nexthops[0]?.device ?? 'its interface'} (flag I): only sockets bound to that interface use it`;
  }
  if (!usable(route) && route.tos !== undefined) return `it matches only packets with TOS ${route.tos}`;
  return 'its next hops are dead (interface down), so the kernel skips it';
}

/** Whether a route can answer this flow: TOS-restricted routes need the flow's TOS, `oif` needs one of its hops. */
export function usableFor(route: Route, flow: Flow | undefined): boolean {
  if (!flow || (flow.tos === undefined && flow.oif === undefined)) return usable(route);
  if (route.flags.includes('scoped') || route.flags.includes('dead')) return false;
  const live = route.nexthops.filter((h) => !h.flags.includes('dead'));
  if (route.nexthops.length > 0 && live.length === 0) return false;
  if (route.tos !== undefined && route.tos !== 'default') {
    const tos = Number(route.tos.startsWith('0x') ? Number.parseInt(route.tos.slice(2), 16) : route.tos);
    if (tos !== 0 && tos !== (route.family === 4 ? flowTos(flow) : (flow.tos ?? 0) & 0xfc)) return false;
  }
  return flow.oif === undefined || REJECT_TYPES.has(route.type) || route.nexthops.length === 0 || live.some((h) => h.device === flow.oif);
}

/**
 * Resolves `address` as the kernel does: under the default rules, or, given the document's rules and a flow,
 * by walking the rules for that flow.
 */
export function resolve(tables: RoutingTables, address: Address, options: ResolveOptions = {}): Resolution {
  const rules = (options.rules ?? []).filter((r) => r.family === address.family);
  if (tables.os === 'linux' && (!isPlainFlow(options.flow) || rules.some((r) => !isDefaultRule(r)))) {
    return resolvePolicy(tables, address, options.flow ?? {}, rules);
  }
  const steps: string[] = [];
  const lost: LostCandidate[] = [];
  const stages = tables.defaultStages(address.family);
  steps.push(introduction(tables, address));
  for (const stage of stages) {
    const hit = lookupStage(stage, address, steps, lost);
    if (!hit) continue;
    if (hit.type === 'throw') {
      steps.push(`\`throw\` route ${formatPrefix(hit.prefix)} (line ${hit.span.line + 1}) ends the search of ${stageLabel(stage)}; the lookup continues with the next table.`);
      continue;
    }
    notConsulted(tables, address, stages, lost);
    return finish(tables, address, hit, steps, lost);
  }
  notConsulted(tables, address, stages, lost);
  steps.push('No table has a route for the address: the kernel answers "Network is unreachable".');
  return { address, outcome: 'no-route', nexthops: [], error: ERRORS['no-route'], steps, lost };
}

/** Longest prefix first; within a prefix the first usable route in kernel order. */
export function lookupStage(stage: LookupStage, address: Address, steps: string[], lost: LostCandidate[], flow?: Flow): Route | undefined {
  const matches = stage.trie.matches(address);
  const label = stageLabel(stage);
  if (matches.length === 0) {
    steps.push(`${cap(label)}: no route contains ${formatAddress(address)}.`);
    return undefined;
  }
  let winner: Route | undefined;
  for (const { prefix, value: list } of matches) {
    for (const route of list) {
      if (winner) {
        lost.push({ route, reason: loseReason(route, winner) });
      } else if (!usableFor(route, flow)) {
        lost.push({ route, reason: `skipped: ${flow?.oif !== undefined && usable(route) ? `none of its next hops leaves through ${flow.oif}, the socket's interface` : unusableReason(route)}` });
      } else {
        winner = route;
        const count = matches.reduce((n, m) => n + m.value.length, 0);
        steps.push(`${cap(label)}: the longest matching prefix is ${formatPrefix(prefix)} (line ${route.span.line + 1})${count > 1 ? `, the most specific of ${count} routes containing ${formatAddress(address)}` : ''}.`);
        if (list.length > 1) steps.push(equalPrefixNote(list, route));
      }
    }
  }
  return winner;
}

function loseReason(route: Route, winner: Route): string {
  if (route.prefix.len < winner.prefix.len) {
    return `less specific: /${route.prefix.len} loses to /${winner.prefix.len} (line ${winner.span.line + 1}) by longest prefix match`;
  }
  if (route.tableId !== winner.tableId && winner.tableId === LOCAL_TABLE) {
    return `same prefix as the local-table route on line ${winner.span.line + 1}, which the kernel tries first`;
  }
  if (route.metric > winner.metric) {
    return `same prefix, but metric ${route.metric} is worse than ${winner.metric} (line ${winner.span.line + 1}); the lowest metric wins`;
  }
  return `same prefix and metric as line ${winner.span.line + 1}, which the kernel lists and selects first`;
}

function equalPrefixNote(list: readonly Route[], winner: Route): string {
  const others = list.filter((r) => r !== winner).map((r) => `line ${r.span.line + 1} (metric ${r.metric})`);
  return `${list.length} routes share ${formatPrefix(winner.prefix)}: line ${winner.span.line + 1} wins with metric ${winner.metric} over ${others.join(', ')}.`;
}

/** Routes in tables the default rules never search still contain the address: say why they do not count. */
export function notConsulted(tables: RoutingTables, address: Address, stages: readonly LookupStage[], lost: LostCandidate[]): void {
  const searched = new Set(stages.flatMap((s) => s.tableIds));
  for (const id of tables.tableIds(address.family)) {
    if (searched.has(id)) continue;
    for (const { value } of tables.table(address.family, id)?.matches(address) ?? []) {
      for (const route of value) {
        lost.push({ route, reason: tables.unsearchedReason(route) });
      }
    }
  }
}

export function finish(tables: RoutingTables, address: Address, route: Route, steps: string[], lost: LostCandidate[]): Resolution {
  const outcome: Outcome = route.type === 'unicast' ? 'forward' : (route.type as Outcome);
  const error = REJECT_TYPES.has(route.type) ? ERRORS[route.type] : undefined;
  const nexthops = outcome === 'forward' ? effectiveHops(tables, route, steps) : route.nexthops;
  if (error) steps.push(`The route is of type \`${route.type}\`: the lookup ends here and the kernel answers "${error}".`);
  else if (route.type === 'local') steps.push('The route is of type `local`: the address belongs to this host and packets are delivered locally (through lo).');
  else if (route.type === 'broadcast') steps.push('The route is of type `broadcast`: packets go out as link broadcasts.');
  else if (route.nexthops.length > 1) steps.push(`Multipath route with ${route.nexthops.length} next hops: the kernel hashes each flow onto one of them, by weight.`);
  return { address, outcome, route, nexthops, ...(error ? { error } : {}), steps, lost };
}

/**
 * An IPv4 gateway that resolved to one of the host's own addresses when the route was added makes the
 * kernel give the next hop host scope: packets then go straight to the destination on the device.
 */
function effectiveHops(tables: RoutingTables, route: Route, steps: string[]): readonly NextHop[] {
  if (tables.os !== 'linux' || route.family !== 4 || !route.nexthops.some((h) => h.gateway)) return route.nexthops;
  return route.nexthops.map((hop) => {
    // `onlink` tells the kernel not to resolve the gateway at all.
    if (route.flags.includes('onlink') || hop.flags.includes('onlink')) return hop;
    const local = hop.gateway && gatewayLocalRoute(tables, route, hop.gateway);
    if (!local || !hop.gateway) return hop;
    // Address routes exist before routes through them; a hand-added local range may have come later.
    if (local.proto !== 'kernel') {
      steps.push(`The gateway ${formatAddress(hop.gateway)} lies in the \`local\` range on line ${local.span.line + 1}. If that range existed when this route was added, the kernel sends directly on ${hop.device ?? 'its device'} without the gateway; the dump cannot show the order, so the gateway is assumed.`);
      return hop;
    }
    steps.push(`The gateway ${formatAddress(hop.gateway)} is this host's own address (\`local\` route, line ${local.span.line + 1}), so the kernel treats the next hop as directly connected and sends to the destination on ${hop.device ?? 'its device'} without a gateway. A dump cannot show the table as it was when the route was added, so this is the likely answer.`);
    // Fields one by one: parsers may keep `span` as a getter, which a spread would drop.
    return { gateway: undefined, device: hop.device, weight: hop.weight, flags: hop.flags, span: hop.span };
  });
}

/** The kernel resolves a gateway among link- and host-scope routes, in the route's own table first. */
function gatewayLocalRoute(tables: RoutingTables, route: Route, gateway: Address): Route | undefined {
  const linkScope = (list: readonly Route[]): Route | undefined =>
    list.find((r) => usable(r) && (r.scope === 'link' || r.scope === 'host'));
  const search = (trie: LookupStage['trie'] | undefined): Route | undefined => {
    const hit = trie?.longest(gateway, (list) => linkScope(list) !== undefined);
    return hit && linkScope(hit.value);
  };
  const own = route.tableId === MAIN_TABLE || route.tableId === LOCAL_TABLE ? undefined : search(tables.table(4, route.tableId));
  const found = own ?? search(tables.defaultStages(4)[0]?.trie);
  return found?.type === 'local' ? found : undefined;
}

export function stageLabel(stage: LookupStage): string {
  return stage.tableIds.length > 1 ? `the ${stage.name} tables` : `table ${stage.name}`;
}

export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
