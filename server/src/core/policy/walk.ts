/**
 * The kernel's fib_rules_lookup: rules in priority order; a matching rule looks up its table, jumps (`goto`),
 * does nothing (`nop`) or refuses the packet. A table with no route for the address, a `throw` route or a
 * missing table lets the walk go on; so does an answer the rule suppresses. Nothing decided: "Network is
 * unreachable".
 */
import type { Address } from '../net/address';
import type { PolicyRule, Route } from '../model';
import { tableName } from '../tables';
import type { Flow } from './flow';
import { type CompiledRule, compileRule, matchRule } from './match';
import { ruleText } from './ruleText';

/** What one table answered: a route (of any type but throw), a throw route, or nothing. */
export interface TableAnswer {
  readonly route?: Route;
  readonly thrown?: Route;
}

export type RuleAction = 'unreachable' | 'prohibit' | 'blackhole';

export interface WalkResult {
  /** The route that decided, reject types included. */
  readonly route?: Route;
  /** A rule whose action refused the packet. */
  readonly refusedBy?: { readonly rule: PolicyRule; readonly action: RuleAction };
  readonly decidingRule?: PolicyRule;
  /** Per rule, in walk order: matched, or why not; rules never reached are absent. */
  readonly visited: ReadonlyMap<PolicyRule, string | true>;
  /** Routes a rule found and then suppressed, with why. */
  readonly suppressed: readonly { readonly route: Route; readonly reason: string }[];
}

/** Rules of one family in the order the kernel keeps them: by priority, then as listed. */
export function orderRules(rules: readonly PolicyRule[]): CompiledRule[] {
  return rules.map(compileRule).map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.rule.priority - b.r.rule.priority || a.i - b.i).map(({ r }) => r);
}

/** The kernel re-checks a `goto` target, so a walk is at most one visit per rule; the cap only guards bad input. */
export function walkRules(
  rules: readonly CompiledRule[],
  flow: Flow,
  destination: Address,
  lookup: (table: number, rule: PolicyRule) => TableAnswer,
  steps: string[],
): WalkResult {
  const visited = new Map<PolicyRule, string | true>();
  const suppressed: { route: Route; reason: string }[] = [];
  let i = 0;
  for (let guard = 0; i < rules.length && guard <= rules.length; guard++, i++) {
    const r = rules[i] as CompiledRule;
    const rule = r.rule;
    const name = `Rule ${rule.priority} \`${ruleText(rule)}\` (line ${rule.span.line + 1})`;
    const m = matchRule(r, flow, destination);
    if (!m.matches) {
      visited.set(rule, m.why);
      steps.push(`${name} does not apply: ${m.why}.`);
      continue;
    }
    visited.set(rule, true);
    const why = m.why === 'every selector holds' ? '' : ` (${m.why})`;
    switch (rule.action) {
      case 'goto': {
        const target = r.gotoTarget === undefined ? -1 : rules.findIndex((t) => t.rule.priority === r.gotoTarget);
        if (target <= i) {
          steps.push(`${name} matches${why}, but no rule has priority ${rule.selectors.goto ?? '?'} (the kernel shows it \`[unresolved]\`): it is skipped.`);
          continue;
        }
        steps.push(`${name} matches${why}: it jumps to priority ${r.gotoTarget ?? '?'}.`);
        // The loop's increment lands on the target, which is tested like any other rule.
        i = target - 1;
        continue;
      }
      case 'nop':
        steps.push(`${name} matches${why}; \`nop\` does nothing and the walk goes on.`);
        continue;
      case 'unreachable':
      case 'prohibit':
      case 'blackhole':
        steps.push(`${name} matches${why}: its action \`${rule.action}\` refuses the packet.`);
        return { refusedBy: { rule, action: rule.action }, decidingRule: rule, visited, suppressed };
      case 'lookup':
        break;
      default:
        steps.push(`${name} matches${why}, but the kernel no longer carries out \`${rule.action}\` rules; the walk goes on.`);
        continue;
    }
    if (r.table === undefined) {
      steps.push(`${name} matches${why}, but names no table Route Lens can read; the walk goes on.`);
      continue;
    }
    steps.push(`${name} matches${why}: it looks up table ${tableName(r.table)}.`);
    const answer = lookup(r.table, rule);
    const route = answer.route;
    if (!route) continue;
    const reason = suppression(r, route);
    // Suppression applies only to answers that are not errors.
    if (reason && route.type !== 'blackhole' && route.type !== 'unreachable' && route.type !== 'prohibit') {
      steps.push(`The answer ${reason}: rule ${rule.priority} suppresses it and the walk goes on.`);
      suppressed.push({ route, reason: `suppressed: it ${reason} of rule ${rule.priority} (line ${rule.span.line + 1})` });
      continue;
    }
    return { route, decidingRule: rule, visited, suppressed };
  }
  return { visited, suppressed };
}

function suppression(r: CompiledRule, route: Route): string | undefined {
  if (r.suppressPrefixLength !== undefined && route.prefix.len <= r.suppressPrefixLength) {
    return `has prefix length /${route.prefix.len}, not more than the suppress_prefixlength ${r.suppressPrefixLength}`;
  }
  // A dump does not show interface groups; every interface starts in group 0 (`default`).
  if (r.suppressIfgroup === '0' || r.suppressIfgroup === 'default') {
    if (route.nexthops.some((h) => h.device !== undefined)) {
      return `leaves through an interface in group ${r.suppressIfgroup} (interfaces are in group 0 unless moved; a dump does not say), the suppress_ifgroup`;
    }
  }
  return undefined;
}
