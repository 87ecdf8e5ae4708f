import type { Analysis } from '../../../analyze';
import { type Finding, type Span, makeFinding } from '../../../model';
import type { PppPlan } from '../install';
import { versionNote } from '../pppState';
import type { PppRule } from './types';

/** What the finding needs to know, from an options file or from xl2tpd's `defaultroute = yes`. */
export interface NotReplacingInput {
  readonly plan: PppPlan;
  readonly dump: Analysis | undefined;
  readonly foreignDump: boolean;
  readonly dumpName: string;
  readonly version: string | undefined;
}

/**
 * The seed story: `defaultroute` without `replacedefaultroute` adds a default through ppp0 only when the
 * machine has none, and almost every machine has one (from DHCP), so the traffic stays outside the VPN.
 */
export function notReplacingFinding(input: NotReplacingInput, span: Span, what = '`defaultroute`'): Finding | undefined {
  const { plan } = input;
  const s = plan.settings;
  if (!s.defaultroute || s.replace) return undefined;
  const metricNote = s.metric !== undefined
    ? ` \`defaultroute-metric ${s.metric}\` does not change that in pppd 2.4.9, which looks for any default route whatever its metric (ppp-project/ppp#357, fixed upstream in 2024).`
    : '';
  const fix = `Add \`replacedefaultroute\`, or route the VPN's networks into ${s.device} from an /etc/ppp/ip-up.d script. ${versionNote(input.version)}`;
  if (input.dump && plan.outcome === 'blocked') {
    const first = plan.existing[0];
    const related = plan.existing.map((r) => ({ span: r.span, message: `The default route in ${input.dumpName} that stops pppd from adding its own.` }));
    const cite = first ? `\`${first.text}\`, line ${first.span.line + 1} of ${input.dumpName}` : '';
    return makeFinding('defaultroute-not-replacing', 'warning',
      `${what} adds nothing on this machine: ${input.dumpName} already has a default route (${cite}), and pppd adds its own only when there is none ("not replacing existing default route"). Everything but the peer's /32 keeps leaving through the existing default, outside the VPN.${metricNote} ${fix}`,
      span, { related });
  }
  if (input.dump && plan.outcome === 'added') {
    return makeFinding('defaultroute-not-replacing', 'information',
      `${input.dumpName} has no default route, so pppd adds \`default dev ${s.device} scope link\` and all traffic enters the tunnel. On a machine that has a default route (most do, from DHCP), ${what} alone would add nothing. ${versionNote(input.version)}`,
      span);
  }
  const foreign = input.foreignDump ? ` (${input.dumpName} is not a Linux table, so it cannot tell)` : '';
  return makeFinding('defaultroute-not-replacing', 'warning',
    `${what} only takes effect on a host with no default route${foreign}: pppd adds its default through ${s.device} only when none exists, and most machines have one (via eth0 or wlan0, from DHCP). There, everything but the peer's /32 stays outside the VPN.${metricNote} ${fix}`,
    span);
}

export const defaultrouteNotReplacing: PppRule = {
  code: 'defaultroute-not-replacing',
  check(state) {
    const span = state.spans.defaultroute;
    const finding = span ? notReplacingFinding(state, span) : undefined;
    return finding ? [finding] : [];
  },
};
