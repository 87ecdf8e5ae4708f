/**
 * The document's `ip rule` list per family as the kernel walks it, and which rules no packet ever reaches.
 * Only what the rules and tables prove is claimed: a rule is dead when an earlier live rule matches all of
 * its packets and always ends the walk (a reject action, a jump past it, or a lookup whose table answers
 * every destination), or when it matches no packet at all.
 */
import type { Family } from '../net/address';
import { type Prefix, formatPrefix } from '../net/prefix';
import { type PolicyRule, REJECT_TYPES, type Route, type RouteType } from '../model';
import { usable } from '../resolver';
import type { RouteList } from '../routingTables';
import { tableId } from '../tables';
import type { PrefixTrie } from '../trie';
import { isDefaultRule } from '../formats/ipRuleModel';
import { destinationsOf, matchesNothing, ruleCovers } from './policySelectors';
import type { RuleContext } from './types';

export interface DeadRule {
  /** The earlier rule that takes every packet, absent when the rule matches no packet at all. */
  readonly by?: PolicyRule;
  /** How `by` ends the walk: a reject action, a goto past this rule, or a lookup that always answers. */
  readonly how: 'reject' | 'goto' | 'lookup' | 'matches-nothing';
  /** For a lookup: the route that answers, when one route covers all destinations. */
  readonly answer?: Route;
}

export interface RuleState {
  readonly rule: PolicyRule;
  readonly dead?: DeadRule;
}

export interface FamilyPolicy {
  readonly family: Family;
  /** Rules in the order the kernel tries them, duplicates of one paste (text and JSON) removed. */
  readonly states: readonly RuleState[];
}

const MEMO_KEY = 'policyModel';
/** Rules compared pairwise: enough for any real host, bounded for pathological input. */
const MAX_RULES = 1000;

/** The family's rules and their states, or undefined when the input lists no rules for the family. */
export function policyOf(context: RuleContext, family: Family): FamilyPolicy | undefined {
  let memo = context.memo.get(MEMO_KEY) as Map<Family, FamilyPolicy | undefined> | undefined;
  if (!memo) {
    memo = new Map();
    context.memo.set(MEMO_KEY, memo);
  }
  if (memo.has(family)) return memo.get(family);
  const rules = orderedRules(context.document.rules, family);
  const result = rules.length === 0 || rules.length > MAX_RULES ? undefined : { family, states: walk(context, rules) };
  memo.set(family, result);
  return result;
}

/** A rule's identity without `proto`, which only `ip -d rule` prints. */
function ruleKey(rule: PolicyRule): string {
  const selectors = Object.entries(rule.selectors).filter(([k]) => k !== 'proto').map(([k, v]) => `${k}=${v}`).sort();
  return [rule.family, rule.priority, rule.not, rule.action, rule.table ?? '', ...selectors].join(' ');
}

function orderedRules(all: readonly PolicyRule[], family: Family): PolicyRule[] {
  const seen = new Set<string>();
  const rules: PolicyRule[] = [];
  // The kernel refuses an identical rule, so a repeat is the same rule pasted twice.
  for (const rule of all) {
    if (rule.family !== family) continue;
    const key = ruleKey(rule);
    if (seen.has(key)) continue;
    seen.add(key);
    rules.push(rule);
  }
  // Stable: equal priorities keep the order the kernel lists them in.
  return rules.map((rule, i) => ({ rule, i })).sort((a, b) => a.rule.priority - b.rule.priority || a.i - b.i).map((x) => x.rule);
}

/** Index of the rule a `goto` lands on: the first with exactly the target priority, after the goto. */
function gotoTarget(rules: readonly PolicyRule[], from: number): number | undefined {
  const rule = rules[from];
  if (rule?.action !== 'goto' || rule.selectors.unresolved !== undefined) return undefined;
  const target = Number(rule.selectors.goto);
  if (!Number.isInteger(target)) return undefined;
  const index = rules.findIndex((r, i) => i > from && r.priority === target);
  return index < 0 ? undefined : index;
}

/** A live `goto` rule and the index it lands on. */
interface Jump {
  readonly from: number;
  readonly to: number;
}

function walk(context: RuleContext, rules: readonly PolicyRule[]): RuleState[] {
  const states: RuleState[] = [];
  const targets = rules.map((_, i) => gotoTarget(rules, i));
  const jumps: Jump[] = [];
  const answers = new Map<string, Answer | undefined>();
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as PolicyRule;
    const state: RuleState = { rule, ...(deadRule(context, rules, states, targets, jumps, answers, i) ?? {}) };
    states.push(state);
    const to = targets[i];
    if (!state.dead && to !== undefined) jumps.push({ from: i, to });
  }
  return states;
}

function deadRule(context: RuleContext, rules: readonly PolicyRule[], states: readonly RuleState[], targets: readonly (number | undefined)[],
  jumps: readonly Jump[], answers: Map<string, Answer | undefined>, i: number): { dead: DeadRule } | undefined {
  const rule = rules[i] as PolicyRule;
  if (matchesNothing(rule)) return { dead: { how: 'matches-nothing' } };
  const destinations = destinationsOf(rule);
  for (let j = 0; j < i; j++) {
    const earlier = states[j] as RuleState;
    if (earlier.dead) continue;
    const target = targets[j];
    if (target !== undefined && target > i && ruleCovers(earlier.rule, rule)) return { dead: { by: earlier.rule, how: 'goto' } };
    // A jump from before `earlier` that lands between it and this rule lets packets skip it.
    if (jumps.some((g) => g.from < j && g.to > j && g.to <= i)) continue;
    if (!ruleCovers(earlier.rule, rule)) continue;
    if (REJECT_TYPES.has(earlier.rule.action as RouteType)) return { dead: { by: earlier.rule, how: 'reject' } };
    if (earlier.rule.action !== 'lookup' || !destinations) continue;
    const answer = lookupAnswers(context, earlier.rule, destinations, answers);
    if (answer) return { dead: { by: earlier.rule, how: 'lookup', ...(answer.route ? { answer: answer.route } : {}) } };
  }
  return undefined;
}

interface Answer {
  readonly route?: Route;
}

/**
 * A lookup rule ends the walk for every destination in `range` when its table has a route for each of them
 * and none is a `throw`; suppressors and VRF tables depend on things a dump does not show.
 */
function lookupAnswers(context: RuleContext, rule: PolicyRule, range: Prefix, memo: Map<string, Answer | undefined>): Answer | undefined {
  if (rule.selectors.suppress_prefixlength !== undefined || rule.selectors.suppress_ifgroup !== undefined || rule.selectors.l3mdev !== undefined) return undefined;
  const id = rule.table === undefined ? undefined : tableId(rule.table);
  if (id === undefined) return undefined;
  const key = `${rule.family}:${id}:${formatPrefix(range)}`;
  if (memo.has(key)) return memo.get(key);
  const trie = context.tables.table(rule.family, id);
  const answer = trie ? tableAnswers(trie, range) : undefined;
  memo.set(key, answer);
  return answer;
}

export function tableAnswers(trie: PrefixTrie<RouteList>, range: Prefix): Answer | undefined {
  const first = (list: RouteList): Route | undefined => list.find(usable);
  const isThrow = (list: RouteList): boolean => first(list)?.type === 'throw';
  if (trie.frontier(range, isThrow, 1).length > 0) return undefined;
  const cover = trie.covering(range).find((e) => first(e.value) !== undefined);
  if (cover) {
    const route = first(cover.value) as Route;
    return route.type === 'throw' ? undefined : { route };
  }
  return trie.coveredInside(range, (list) => first(list) !== undefined) ? {} : undefined;
}

/** True when the dead rule and its catcher are both among the rules every host starts with. */
export function builtInPair(state: RuleState): boolean {
  return state.dead?.by !== undefined && isDefaultRule(state.rule) && isDefaultRule(state.dead.by);
}
