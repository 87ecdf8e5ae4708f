import type { Finding } from '../../model';
import type { ConfigAnalysis, ConfigContext } from '../types';
import { type RuleContext, buildContext } from './context';
import { configHover } from './hover';
import { interpret } from './interpret';
import { parseConfig } from './parse';
import { CONFIG_RULES } from './rules';
import { configSymbols } from './symbols';

/** Analyses an OpenVPN client, server or peer config. */
export function analyzeConfig(text: string, context: ConfigContext): Omit<ConfigAnalysis, 'simulate'> & { readonly rules: RuleContext } {
  const parsed = parseConfig(text);
  const rules = buildContext(interpret(parsed), context);
  const findings: Finding[] = parsed.findings.slice();
  for (const rule of CONFIG_RULES) for (const f of rule.check(rules)) findings.push(f);
  findings.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
  return {
    format: 'openvpn',
    findings,
    secrets: parsed.secrets,
    symbols: configSymbols(rules),
    hoverAt: (lineText, line, character) => configHover(rules, lineText, line, character),
    rules,
  };
}
