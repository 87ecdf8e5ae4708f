/**
 * A lookup for a flow under the document's `ip rule`s, as `ip route get ADDR from/mark/uid/iif/oif...` answers
 * it. The flow's own checks come first (a source must be this host's, a forwarded packet needs one), then the
 * rule walk over separate tables, then what the answer means for that flow.
 */
import { type Address, formatAddress } from '../net/address';
import { isDefaultRule } from '../formats/ipRuleModel';
import { type PolicyRule, REJECT_TYPES, type Route } from '../model';
import {
  ERRORS, type LostCandidate, type Resolution, finish, lookupStage, notConsulted, stageLabel, usable,
} from '../resolver';
import type { RoutingTables } from '../routingTables';
import { LOCAL_TABLE, tableName } from '../tables';
import { type Flow, describeFlow } from './flow';
import { type CompiledRule, flowProto } from './match';
import { ruleText } from './ruleText';
import { type RuleAction, type WalkResult, orderRules, walkRules } from './walk';

const RULE_ERRORS: Readonly<Record<RuleAction, string>> = {
  unreachable: 'Network is unreachable',
  prohibit: 'Permission denied',
  blackhole: 'Invalid argument',
};

export function resolvePolicy(tables: RoutingTables, address: Address, flow: Flow, rules: readonly PolicyRule[]): Resolution {
  const steps: string[] = [];
  const lost: LostCandidate[] = [];
  const family = address.family;
  const custom = rules.some((r) => !isDefaultRule(r));
  const from = flow.from && flow.from.family === family ? flow.from : undefined;
  const f: Flow = from ? flow : { ...flow, from: undefined };
  steps.push(custom
    ? `Policy routing for the flow (${describeFlow(f, family)}): the kernel walks the input's ${rules.length} IPv${family} rules by priority. With custom rules it searches the local and main tables separately, local first.`
    : `The flow (${describeFlow(f, family)}) under the default rules: ${family === 4 ? 'IPv4 searches the local and main tables as one trie, then the default table' : 'IPv6 searches the local table, then main'}.`);
  if (flow.from && !from) steps.push(`The source ${formatAddress(flow.from)} is of the other family and is left out.`);
  const refused = precheck(tables, address, f, steps);
  if (refused) return { address, outcome: refused.outcome, nexthops: [], error: refused.error, steps, lost };
  const searched = new Set<number>();
  let walk: WalkResult | undefined;
  let compiled: CompiledRule[] = [];
  let route: Route | undefined;
  if (custom) {
    compiled = orderRules(rules);
    walk = walkRules(compiled, f, address, (id) => {
      searched.add(id);
      const trie = tables.table(family, id);
      if (!trie) {
        steps.push(`Table ${tableName(id)} has no routes in the input: the walk goes on.`);
        return {};
      }
      const stage = { name: tableName(id), tableIds: [id], trie };
      const hit = lookupStage(stage, address, steps, lost, f);
      if (hit?.type === 'throw') {
        steps.push(`\`throw\` route ${formatAddress(hit.prefix)}/${hit.prefix.len} (line ${hit.span.line + 1}) ends the search of table ${tableName(id)}; the walk goes on with the next rule.`);
        return { thrown: hit };
      }
      return hit ? { route: hit } : {};
    }, steps);
    for (const s of walk.suppressed) lost.push(s);
    route = walk.route;
    if (walk.refusedBy) {
      const error = RULE_ERRORS[walk.refusedBy.action];
      steps.push(`The kernel answers "${error}".`);
      finishLost(tables, address, compiled, walk, searched, lost, undefined);
      return { address, outcome: walk.refusedBy.action, nexthops: [], error, steps, lost: dedupe(lost, undefined), rule: walk.refusedBy.rule };
    }
  } else {
    for (const stage of tables.defaultStages(family)) {
      for (const id of stage.tableIds) searched.add(id);
      const hit = lookupStage(stage, address, steps, lost, f);
      if (hit?.type === 'throw') {
        steps.push(`\`throw\` route (line ${hit.span.line + 1}) ends the search of ${stageLabel(stage)}; the lookup continues with the next table.`);
        continue;
      }
      if (hit) {
        route = hit;
        break;
      }
    }
  }
  finishLost(tables, address, compiled, walk, searched, lost, route);
  if (!route) {
    if (f.oif !== undefined && !f.iif) {
      steps.push(`No rule and table gave a route, but the socket is bound to ${f.oif}: the kernel then assumes the destination is on that link and sends there directly.`);
      const hop = { device: f.oif, weight: 1, flags: [], span: { line: 0, col: 0, endLine: 0, endCol: 0 } };
      return { address, outcome: 'forward', nexthops: [hop], steps, lost: dedupe(lost, undefined) };
    }
    steps.push(custom
      ? 'No rule decided: the kernel answers "Network is unreachable".'
      : 'No table has a route for the address: the kernel answers "Network is unreachable".');
    return { address, outcome: 'no-route', nexthops: [], error: ERRORS['no-route'], steps, lost: dedupe(lost, undefined) };
  }
  const decided = walk?.decidingRule ? { rule: walk.decidingRule } : {};
  const after = postcheck(tables, address, route, f, rules, custom, steps);
  if (after) return { address, outcome: after.outcome, route, nexthops: [], error: after.error, steps, lost: dedupe(lost, route), ...decided };
  const result = finish(tables, address, route, steps, []);
  if (f.iif !== undefined && route.type === 'broadcast') {
    steps.push('A broadcast that comes in is delivered to this host (through lo), not sent on.');
    return { ...result, nexthops: [{ ...LO_HOP, span: route.span }], lost: dedupe(lost, route), ...decided };
  }
  const nexthops = f.oif !== undefined && result.nexthops.length > 1 ? result.nexthops.filter((h) => h.device === f.oif) : result.nexthops;
  return { ...result, nexthops, lost: dedupe(lost, route), ...decided };
}

const LO_HOP = { device: 'lo', weight: 1, flags: [] as string[] };

type Refusal = { outcome: Resolution['outcome']; error: string };

/** What the kernel refuses before any rule is looked at. */
function precheck(tables: RoutingTables, address: Address, flow: Flow, steps: string[]): Refusal | undefined {
  const from = flow.from;
  const invalid = (why: string): Refusal => {
    steps.push(`${why}: the kernel answers "Invalid argument".`);
    return { outcome: 'no-route', error: ERRORS.blackhole as string };
  };
  if (address.family === 4 && from) {
    const w = from.words[0] ?? 0;
    if (w >>> 28 === 0xe || w === 0xffffffff || w >>> 24 === 0) return invalid(`The source ${formatAddress(from)} is a multicast, broadcast or zero address`);
  }
  if (flow.iif !== undefined && address.family === 6) {
    steps.push(`The packet comes in on ${flow.iif}: this is the forwarding lookup, which IPv6 answers without checking the source. Among routes of one prefix and metric it prefers one that leaves through ${flow.iif} and whose neighbour answers, which a dump cannot show; Route Lens takes the first listed.`);
    return undefined;
  }
  if (flow.iif !== undefined) {
    if (!from || from.words.every((x) => x === 0)) return invalid(`A packet that comes in on ${flow.iif} needs a source address (\`from\`)`);
    if (address.family === 4 && (from.words[0] ?? 0) >>> 24 === 127) return invalid(`The source ${formatAddress(from)} is a loopback address arriving on ${flow.iif} (a martian source)`);
    steps.push(`The packet comes in on ${flow.iif}, so this is the forwarding lookup; forwarding must be on for ${flow.iif} (a dump does not show it), or the kernel answers "No route to host" for anything not local.`);
    return undefined;
  }
  if (address.family === 4 && from) {
    // The kernel accepts a source only if it is one of this host's addresses (a `local` route in table local).
    const hit = tables.table(4, LOCAL_TABLE)?.longest(from, (list) => list.some(usable));
    const own = hit?.value.find(usable);
    if (own?.type !== 'local') {
      steps.push(`The source ${formatAddress(from)} is not an address of this host (no \`local\` route for it in table local): the kernel answers "Network is unreachable".`);
      return { outcome: 'no-route', error: ERRORS['no-route'] as string };
    }
    steps.push(`The source ${formatAddress(from)} is this host's address (line ${own.span.line + 1}).`);
  }
  return undefined;
}

/** What the kernel refuses once it knows the route. */
function postcheck(
  tables: RoutingTables, address: Address, route: Route, flow: Flow, rules: readonly PolicyRule[], custom: boolean, steps: string[],
): Refusal | undefined {
  const from = flow.from;
  // Refused routes end the lookup before the source is validated.
  if (flow.iif !== undefined && from && address.family === 4 && !REJECT_TYPES.has(route.type)) {
    const invalid = sourceCheck(tables, address, route, flow, rules, custom);
    if (invalid) {
      steps.push(`${invalid}: the kernel drops it as a martian source and answers "Invalid argument".`);
      return { outcome: 'no-route', error: ERRORS.blackhole as string };
    }
  }
  if (!flow.iif && route.family === 4 && from && (from.words[0] ?? 0) >>> 24 === 127 && route.type !== 'local'
    && !route.nexthops.some((h) => h.device === 'lo')) {
    steps.push(`A loopback source (${formatAddress(from)}) cannot leave through another interface: the kernel answers "Invalid argument".`);
    return { outcome: 'no-route', error: ERRORS.blackhole as string };
  }
  return undefined;
}

/**
 * The kernel's fib_validate_source for a forwarded packet, with rp_filter off (a dump does not show it): with
 * custom rules it looks the source up the other way, and a source that resolves to anything but a unicast route
 * (this host's address, a broadcast address) is a martian; without them only this host's own addresses are.
 */
function sourceCheck(
  tables: RoutingTables, address: Address, route: Route, flow: Flow, rules: readonly PolicyRule[], custom: boolean,
): string | undefined {
  const from = flow.from as Address;
  if (!custom) {
    const own = tables.table(4, LOCAL_TABLE)?.longest(from, (list) => list.some(usable))?.value.find(usable);
    return own?.type === 'local' && own.prefix.len === 32 ? `The source ${formatAddress(from)} is this host's own address` : undefined;
  }
  const local = route.type === 'local' || route.type === 'broadcast';
  const out = local ? undefined : route.nexthops[0]?.device;
  const swapped = flowProto(flow, 4) === 6 || flowProto(flow, 4) === 17;
  const reverse: Flow = {
    iif: out ?? 'lo',
    ...(route.type === 'broadcast' ? {} : { from: address }),
    ...(flow.proto !== undefined ? { proto: flow.proto } : {}),
    ...(swapped && flow.dport !== undefined ? { sport: flow.dport } : {}),
    ...(swapped && flow.sport !== undefined ? { dport: flow.sport } : {}),
    ...(flow.tos !== undefined ? { tos: flow.tos } : {}),
  };
  const back = walkRules(orderRules(rules), reverse, from, (id) => {
    const trie = tables.table(4, id);
    const hit = trie?.longest(from, (list) => list.some((r) => usable(r)))?.value.find(usable);
    return hit && hit.type !== 'throw' ? { route: hit } : hit ? { thrown: hit } : {};
  }, []);
  const type = back.route?.type;
  if (!type || type === 'unicast' || type === 'blackhole' || type === 'unreachable' || type === 'prohibit') return undefined;
  return `The source ${formatAddress(from)} looks up, the other way, to a \`${type}\` route (line ${(back.route as Route).span.line + 1})`;
}

/** Routes containing the address in tables the walk never searched, each with the rule that would have. */
function finishLost(
  tables: RoutingTables, address: Address, compiled: readonly CompiledRule[], walk: WalkResult | undefined,
  searched: ReadonlySet<number>, lost: LostCandidate[], winner: Route | undefined,
): void {
  if (!walk) {
    notConsulted(tables, address, tables.defaultStages(address.family), lost);
    return;
  }
  const decider = walk.decidingRule;
  for (const id of tables.tableIds(address.family)) {
    if (searched.has(id)) continue;
    const matches = tables.table(address.family, id)?.matches(address) ?? [];
    if (matches.length === 0) continue;
    const reason = unreachedReason(id, compiled, walk, decider);
    for (const { value } of matches) for (const route of value) if (route !== winner) lost.push({ route, reason });
  }
}

function unreachedReason(id: number, compiled: readonly CompiledRule[], walk: WalkResult, decider: PolicyRule | undefined): string {
  const rulesFor = compiled.filter((r) => r.rule.action === 'lookup' && r.table === id);
  const name = tableName(id);
  if (rulesFor.length === 0) return `no rule in the input looks up table ${name}`;
  const r = rulesFor[0] as CompiledRule;
  const label = `rule ${r.rule.priority} \`${ruleText(r.rule)}\``;
  const seen = walk.visited.get(r.rule);
  if (typeof seen === 'string') return `table ${name} is looked up by ${label}, which does not apply to this flow: ${seen}`;
  const by = decider ? `rule ${decider.priority} decided first` : 'the walk ended first';
  return `table ${name} is looked up by ${label}, which the walk never reached: ${by}`;
}

/** One reason per route, the first given; the winner is no candidate. */
function dedupe(lost: readonly LostCandidate[], winner: Route | undefined): LostCandidate[] {
  const seen = new Set<Route>();
  const out: LostCandidate[] = [];
  for (const l of lost) {
    if (l.route === winner || seen.has(l.route)) continue;
    seen.add(l.route);
    out.push(l);
  }
  return out;
}
