// pppd options files: /etc/ppp/options*, /etc/ppp/peers/NAME, the pppoptfile xl2tpd names.
import type { Finding } from '../../model';
import { type Address, parseIPv4 } from '../../net/address';
import { explainWithPlan } from './explain';
import { type ConfigAnalysis, type ConfigContext, type ConfigSymbol, HIDDEN } from '../types';
import { type PppPlan, type PppPrediction, predictAddress } from './install';
import { pppHoverAt } from './pppHover';
import { simulatePpp } from './simulate';
import { PPP_OPTIONS } from './pppOptions';
import { parsePppOptions } from './pppParse';
import { type PppAnalyzeOptions, type PppState, createPppState } from './pppState';
import { defaultrouteNotReplacing } from './rules/defaultrouteNotReplacing';
import { noDefaultRoute } from './rules/noDefaultRoute';
import { pppParseError } from './rules/pppParseError';
import type { PppRule } from './rules/types';
import { unknownOption } from './rules/unknownOption';
import { usepeerdnsMissing } from './rules/usepeerdnsMissing';

/** Every pppd options rule, in the order their findings are produced; the codes are stable. */
export const PPP_RULES: readonly PppRule[] = [pppParseError, unknownOption, defaultrouteNotReplacing, noDefaultRoute, usepeerdnsMissing];

export interface PppOptionsAnalysis extends ConfigAnalysis {
  readonly format: 'ppp-options';
  readonly state: PppState;
  readonly plan: PppPlan;
  /** Where a packet to `address` goes once pppd is up; undefined without a Linux dump. */
  resolveAddress(address: string): PppPrediction | undefined;
}

function symbols(state: PppState): ConfigSymbol[] {
  return state.doc.options.map((o) => {
    const detail = o.arg ? (o.secret ? HIDDEN : o.arg.text) : undefined;
    const span = o.arg ? { ...o.nameSpan, endLine: o.arg.span.endLine, endCol: o.arg.span.endCol } : o.nameSpan;
    return { name: o.name, ...(detail !== undefined ? { detail } : {}), kind: 'key', span, selectionSpan: o.nameSpan, children: [] };
  });
}

export function analyzePppOptions(text: string, context: ConfigContext = {}, options: PppAnalyzeOptions = {}): PppOptionsAnalysis {
  const doc = parsePppOptions(text);
  const state = createPppState(doc, context, options);
  const findings: Finding[] = PPP_RULES.flatMap((rule) => rule.check(state));
  findings.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
  return {
    format: 'ppp-options',
    findings,
    secrets: doc.secrets,
    symbols: symbols(state),
    state,
    plan: state.plan,
    hoverAt: (_lineText, line, character) => pppHoverAt(state, line, character),
    explainAddress: (address) => explainWithPlan(state.plan, state.dump, state.dumpName, address),
    simulate: () => simulatePpp([{ label: '', plan: state.plan, line: state.spans.defaultroute?.line }], state.dump, context, 'the pppd options'),
    resolveAddress(input) {
      const address: Address | undefined = parseIPv4(input);
      return address && state.dump ? predictAddress(state.plan, state.dump, state.dumpName, address) : undefined;
    },
  };
}

/** Share of meaningful lines that start with a pppd option; 0 when no line names a routing, auth or L2TP option. */
export function scorePppOptions(sample: readonly string[]): number {
  let lines = 0;
  let evidence = 0;
  let anchored = false;
  for (const raw of sample) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    lines++;
    const first = line.split(/\s+/)[0] ?? '';
    if (PPP_OPTIONS.has(first)) evidence++;
    if (/^(?:defaultroute|replacedefaultroute|nodefaultroute|usepeerdns|noipdefault|ipcp-accept-(?:local|remote)|noauth|refuse-(?:pap|chap|eap|mschap)|require-mschap-v2|lcp-echo-interval|persist|plugin)$/.test(first)) anchored = true;
  }
  return anchored && lines > 0 ? evidence / lines : 0;
}
