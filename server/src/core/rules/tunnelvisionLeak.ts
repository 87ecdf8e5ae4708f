import { type Finding, type RelatedLocation, type Route, makeFinding } from '../model';
import { describeHops, describeRange, routeRef } from './routeText';
import { connectedByDevice, insideLan, kernelConnectedDevice, isShadowed, nearestCover, networkInstalled, physicalEscape, tunnelled } from './tunnelEscape';
import { type PolicyEscape, policyEscapes } from './tunnelvisionPolicy';
import { policyOf } from './policyModel';
import { type IncrementalForm, type RouteChange, type RouteIndex, carriedIndex, keptIndex } from './routeIndex';
import { ruleLabel } from './policySelectors';
import type { Rule, RuleContext } from './types';

export const TUNNELVISION_LEAK = 'tunnelvision-leak';

/**
 * TunnelVision (CVE-2024-3661): a route the network installed (DHCP option 121, router advertisement route
 * options) or a route that policy rules let win over the tunnel's table captures part of a tunnelled range and
 * sends it out of a physical interface. Other exceptions in the tunnel's own table are split-tunnel-exception's.
 */
export const tunnelvisionLeak: Rule & IncrementalForm = {
  code: TUNNELVISION_LEAK,
  check(context: RuleContext): Finding[] {
    if (context.tables.os !== 'linux') return [];
    const findings: Finding[] = [];
    const connected = connectedByDevice(context.document.routes);
    const installed = keptIndex(context, INSTALLED_MEMO_KEY, installedKey);
    context.memo.set(CONNECTED_MEMO_KEY, connected);
    const reported = new Set<number>();
    for (const escape of policyEscapes(context, connected)) {
      reported.add(escape.route.id);
      findings.push(policyFinding(escape));
    }
    sameTableFindings(context, connected, installed, reported, findings);
    return findings;
  },
  /** Without policy rules, only the routes the network installed can leak: they are few, and all re-checked. */
  update(change: RouteChange): { dropped: 'all'; findings: Finding[] } | undefined {
    const { context } = change;
    if (context.tables.os !== 'linux') return { dropped: 'all', findings: [] };
    if (policyOf(context, 4) || policyOf(context, 6)) return undefined;
    const connected = carriedIndex(change, CONNECTED_MEMO_KEY, kernelConnectedDevice);
    const installed = carriedIndex(change, INSTALLED_MEMO_KEY, installedKey);
    if (!connected || !installed) return undefined;
    const findings: Finding[] = [];
    sameTableFindings(context, connected, installed, new Set(), findings);
    return { dropped: 'all', findings };
  },
};

const CONNECTED_MEMO_KEY = 'tunnelvisionLeak.connected';
const INSTALLED_MEMO_KEY = 'tunnelvisionLeak.installed';

function installedKey(route: Route): string | undefined {
  return networkInstalled(route) ? 'installed' : undefined;
}

/** Routes the network installed that take part of a tunnel route's range in the same table. */
function sameTableFindings(context: RuleContext, connected: RouteIndex, installed: RouteIndex, reported: ReadonlySet<number>, out: Finding[]): void {
  for (const route of installed.get('installed') ?? []) {
    if (reported.has(route.id)) continue;
    if (!physicalEscape(context.tunnels, route) || insideLan(connected, route) || isShadowed(context, route)) continue;
    const stage = context.tables.stageOf(route)?.stage ?? context.tables.tableStage(route.family, route.tableId);
    const cover = nearestCover(stage.trie, route);
    if (cover && tunnelled(context.tunnels, cover)) out.push(sameTableFinding(route, cover));
  }
}

function devices(route: Route): string {
  return [...new Set(route.nexthops.map((h) => h.device ?? '?'))].join(', ');
}

/** Who installed the route, and what that lets the network do. */
function origin(route: Route): string {
  return route.proto === 'ra'
    ? 'A router advertisement installed it (`proto ra`, a route information option), so any host that can send router advertisements on this LAN can pull addresses out of the VPN this way.'
    : 'The DHCP client installed it (`proto dhcp`), most likely from classless static routes (option 121) in the lease, so whoever runs or spoofs the DHCP server on this LAN can pull any destination out of the VPN this way.';
}

function sameTableFinding(route: Route, tunnel: Route): Finding {
  const message = `TunnelVision (CVE-2024-3661): ${describeRange(route)} leaves through ${describeHops(route.nexthops)}, outside the tunnel: `
    + `it is more specific than ${routeRef(tunnel)}, which would otherwise send it into ${devices(tunnel)}. ${origin(route)} `
    + 'The VPN still shows as connected while this traffic goes out unencrypted.';
  return makeFinding(TUNNELVISION_LEAK, 'warning', message, route.prefixSpan, {
    related: [{ span: tunnel.span, message: `The tunnel route this range is taken from: ${routeRef(tunnel)}` }],
    routeIds: [route.id, tunnel.id],
  });
}

function policyFinding(escape: PolicyEscape): Finding {
  const { route, early, tunnelRule, tunnel } = escape;
  const suppress = early.selectors.suppress_prefixlength;
  const table = early.table ?? '?';
  const how = suppress !== undefined
    ? `it suppresses only routes of /${suppress} and shorter, so every longer route of table ${table} wins over the tunnel`
    : `table ${table} answers first for this range`;
  let message = `TunnelVision (CVE-2024-3661): ${describeRange(route)} leaves through ${describeHops(route.nexthops)}, outside the tunnel. `
    + `Rule \`${ruleLabel(early)}\` (line ${early.span.line + 1}) looks up table ${table} before \`${ruleLabel(tunnelRule)}\` (line ${tunnelRule.span.line + 1}) sends the traffic into ${devices(tunnel)}, and ${how}.`;
  message += networkInstalled(route)
    ? ` ${origin(route)}`
    : ` Any route a DHCP server (option 121) or router advertisement adds to table ${table} escapes the same way.`;
  const related: RelatedLocation[] = [
    { span: early.span, message: `Looks up table ${table} before the tunnel: ${ruleLabel(early)}` },
    { span: tunnelRule.span, message: `Sends the traffic into the tunnel: ${ruleLabel(tunnelRule)}` },
    { span: tunnel.span, message: `The tunnel route: ${routeRef(tunnel)}` },
  ];
  return makeFinding(TUNNELVISION_LEAK, 'warning', message, route.prefixSpan, { related, routeIds: [route.id, tunnel.id] });
}
