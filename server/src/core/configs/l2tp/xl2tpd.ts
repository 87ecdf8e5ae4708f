// xl2tpd.conf: [global], [lac NAME] and [lns NAME] sections of `field = value` lines.
import type { Finding } from '../../model';
import { formatAddress, sameAddress } from '../../net/address';
import type { ConfigAddressAnswer, ConfigAnalysis, ConfigContext, ConfigSymbol } from '../types';
import { explainWithPlan } from './explain';
import { lnsPath, nowSentence } from './lnsPath';
import { simulatePpp } from './simulate';
import { lacDefaultroute } from './rules/lacDefaultroute';
import { lnsHostRoute } from './rules/lnsHostRoute';
import { pppoptfileMissing } from './rules/pppoptfileMissing';
import type { Xl2tpdRule } from './rules/types';
import { unknownKey } from './rules/unknownKey';
import { xl2tpdParseError } from './rules/xl2tpdParseError';
import { xl2tpdHoverAt } from './xl2tpdHover';
import { lookupXl2tpdKey } from './xl2tpdKeys';
import { parseXl2tpd } from './xl2tpdParse';
import { type Xl2tpdAnalyzeOptions, type Xl2tpdState, createXl2tpdState } from './xl2tpdState';

/** Every xl2tpd rule, in the order their findings are produced; the codes are stable. */
export const XL2TPD_RULES: readonly Xl2tpdRule[] = [xl2tpdParseError, unknownKey, lacDefaultroute, lnsHostRoute, pppoptfileMissing];

export interface Xl2tpdAnalysis extends ConfigAnalysis {
  readonly format: 'xl2tpd';
  readonly state: Xl2tpdState;
  /** Every `pppoptfile` path with where it is written, for the caller to read and pass back. */
  readonly pppOptionFiles: readonly { readonly path: string; readonly line: number }[];
}

function symbols(state: Xl2tpdState): ConfigSymbol[] {
  return state.doc.sections.map((section) => {
    const lns = section.entries.find((e) => e.info?.name === 'lns')?.value;
    return {
      name: `[${section.kind}${section.name ? ` ${section.name}` : ''}]`,
      ...(lns ? { detail: `lns ${lns}` } : {}),
      kind: section.kind === 'global' ? 'section' : 'connection',
      span: section.span,
      selectionSpan: section.header,
      children: section.entries.map((e): ConfigSymbol => ({
        name: e.info?.name ?? (e.key === '' ? '(no key)' : e.key), detail: e.value, kind: 'key',
        span: { ...e.keySpan, endCol: Math.max(e.keySpan.endCol, e.valueSpan.endCol) }, selectionSpan: e.keySpan, children: [],
      })),
    };
  });
}

export function analyzeXl2tpd(text: string, context: ConfigContext = {}, options: Xl2tpdAnalyzeOptions = {}): Xl2tpdAnalysis {
  const doc = parseXl2tpd(text);
  const state = createXl2tpdState(doc, context, options);
  const findings: Finding[] = XL2TPD_RULES.flatMap((rule) => rule.check(state));
  findings.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
  return {
    format: 'xl2tpd',
    findings,
    // xl2tpd.conf holds no secrets: tunnel secrets live in `auth file`, PPP ones in chap-secrets.
    secrets: [],
    symbols: symbols(state),
    state,
    pppOptionFiles: state.links.flatMap((l) => (l.pppoptfile?.value ? [{ path: l.pppoptfile.value, line: l.pppoptfile.valueSpan.line }] : [])),
    hoverAt: (_lineText, line, character) => xl2tpdHoverAt(state, line, character),
    simulate: () => simulatePpp(state.links.filter((l) => l.section.kind === 'lac').map((l) => ({
      label: `[lac${l.section.name ? ` ${l.section.name}` : ''}]`, plan: l.plan, line: l.section.header.line,
      unreadOptions: l.optionsKnown ? undefined : l.pppoptfile?.value,
    })), state.dump, context, 'xl2tpd.conf'),
    explainAddress(address): ConfigAddressAnswer | undefined {
      for (const link of state.links) {
        const lns = link.lnses.find((l) => l.address && sameAddress(l.address, address));
        if (!lns) continue;
        const path = lnsPath(state, link, address);
        const now = path ? ` It leaves ${nowSentence(path, state.dumpName)} now.` : '';
        const after = path?.after ? ` Once connected it goes ${path.after.sentence}.` : '';
        return { tunnel: path?.after?.tunnel ?? false, summary: `${formatAddress(address)} is the LNS: its L2TP packets must stay outside ppp0.${now}${after}` };
      }
      const link = state.links.find((l) => l.section.kind === 'lac') ?? state.links[0];
      if (!link) return undefined;
      if (!link.optionsKnown) return { tunnel: false, summary: `Depends on ${link.pppoptfile?.value ?? 'the pppoptfile'}, which was not read: its routing options decide.` };
      return explainWithPlan(link.plan, state.dump, state.dumpName, address);
    },
  };
}

/** Share of meaningful lines that read as xl2tpd.conf; 0 without a [global], [lac …] or [lns …] header. */
export function scoreXl2tpd(sample: readonly string[]): number {
  let lines = 0;
  let evidence = 0;
  let anchored = false;
  for (const raw of sample) {
    const semi = raw.indexOf(';');
    const line = (semi < 0 ? raw : raw.slice(0, semi)).trim();
    if (line === '') continue;
    lines++;
    if (/^\[\s*(?:global|lac\s+[^\]]+|lns\s+[^\]]+)\]$/i.test(line)) {
      anchored = true;
      evidence++;
    } else {
      const eq = line.indexOf('=');
      if (eq > 0 && lookupXl2tpdKey(line.slice(0, eq).trim())) evidence++;
    }
  }
  return anchored && lines > 0 ? evidence / lines : 0;
}
