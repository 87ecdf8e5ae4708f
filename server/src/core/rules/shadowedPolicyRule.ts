import { type Finding, type PolicyRule, makeFinding } from '../model';
import { routeRef } from './routeText';
import { type DeadRule, type RuleState, builtInPair, policyOf } from './policyModel';
import { ruleLabel } from './policySelectors';
import type { Rule, RuleContext } from './types';

export const SHADOWED_POLICY_RULE = 'shadowed-policy-rule';

/**
 * An `ip rule` no packet ever reaches: an earlier rule takes all of its packets and ends the walk, or its
 * own selector matches nothing. The stock `main` rule before the stock `default` rule is by design.
 */
export const shadowedPolicyRule: Rule = {
  code: SHADOWED_POLICY_RULE,
  check(context: RuleContext): Finding[] {
    if (context.tables.os !== 'linux') return [];
    const findings: Finding[] = [];
    for (const family of [4, 6] as const) {
      for (const state of policyOf(context, family)?.states ?? []) {
        if (state.dead && !builtInPair(state)) findings.push(finding(state.rule, state.dead));
      }
    }
    return findings;
  },
};

function finding(rule: PolicyRule, dead: DeadRule): Finding {
  const name = `\`${ruleLabel(rule)}\``;
  const by = dead.by;
  if (!by) {
    return makeFinding(SHADOWED_POLICY_RULE, 'warning',
      `Rule ${name} never matches: \`not\` with no selector negates "every packet", so it selects none. Give it a selector (\`not fwmark ...\`, \`not from ...\`) or delete it.`,
      rule.span, { unnecessary: true });
  }
  const catcher = `\`${ruleLabel(by)}\` (line ${by.span.line + 1})`;
  const related = [{ span: by.span, message: `Takes every packet first: ${ruleLabel(by)}` }];
  if (dead.answer) related.push({ span: dead.answer.span, message: `Answers every destination in table ${dead.answer.table}: ${routeRef(dead.answer)}` });
  return makeFinding(SHADOWED_POLICY_RULE, dead.how === 'lookup' ? 'information' : 'warning', `Rule ${name} never matches: ${why(dead, catcher)}`,
    rule.span, { unnecessary: true, related });
}

function why(dead: DeadRule, catcher: string): string {
  switch (dead.how) {
    case 'reject':
      return `${catcher} comes first, matches all of its packets and rejects them (${dead.by?.action}). Move this rule before it or narrow that rule's selector.`;
    case 'goto':
      return `${catcher} comes first, matches all of its packets and jumps past it to priority ${dead.by?.selectors.goto}. Move this rule outside the jump or narrow the goto's selector.`;
    default: {
      const table = dead.by?.table ?? '?';
      const answer = dead.answer ? `its ${routeRef(dead.answer)}` : 'its routes';
      return `${catcher} comes first, matches all of its packets, and table ${table} answers every destination with ${answer}, with no \`throw\` to hand packets on. `
        + `This lasts as long as table ${table} keeps that route; if this rule is a fallback for when it goes away, that is by design. Otherwise give this rule a lower priority than ${dead.by?.priority}.`;
    }
  }
}

/** The rules that were meant to reach a table but never match, with why; for unreachable-table. */
export function deadReasons(states: readonly RuleState[]): string {
  return states.map((s) => `\`${ruleLabel(s.rule)}\` (line ${s.rule.span.line + 1}) ${s.dead?.by ? `never matches: \`${ruleLabel(s.dead.by)}\` (line ${s.dead.by.span.line + 1}) takes all of its packets first` : 'matches no packet'}`).join('; ');
}
