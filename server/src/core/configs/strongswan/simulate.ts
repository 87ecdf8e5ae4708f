import { parseAddress } from '../../net/address';
import { parsePrefix } from '../../net/prefix';
import { type VpnChanges, type VpnRoute, type VpnRule, configName, simulatedTable } from '../simulated';
import type { ConfigContext, SimulatedTable } from '../types';
import { policyLines } from './install';
import type { SwanState } from './state';

/** charon's table and the priority of the rule that selects it (strongSwan's defaults). */
const TABLE = '220';
const RULE_PRIORITY = 220;

/** The table once every loaded conn or child is up: charon's table-220 routes and the rule before main. */
export function simulateStrongSwan(state: SwanState, context: ConfigContext): SimulatedTable | undefined {
  if (state.doc.format === 'ipsec.secrets') return undefined;
  const added: VpnRoute[] = [];
  const notes: string[] = [];
  const comments: string[] = [];
  const dump = state.dump;
  for (const tunnel of state.doc.tunnels) {
    const label = `${tunnel.kind} ${tunnel.name}`;
    if (tunnel.start === 'ignore') {
      notes.push(`${label} is not loaded (\`${tunnel.kind === 'conn' ? 'auto=ignore' : 'start_action'}\`): nothing of it is shown.`);
      continue;
    }
    const plan = state.plan(tunnel);
    for (const note of plan.notes) notes.push(`${label}: ${note}`);
    for (const line of policyLines(plan)) comments.push(`xfrm policy of ${label}: ${line}`);
    for (const route of plan.routes) {
      const prefix = parsePrefix(route.prefix)?.prefix;
      if (!prefix) continue;
      const src = parseAddress(route.src);
      const dev = /^[^\s]+$/.test(route.dev) ? route.dev : undefined;
      const gateway = route.via ? parseAddress(route.via) : undefined;
      // A peer reached over IPv4 gives no IPv6 next hop: the route then names only the interface.
      const via = gateway?.family === prefix.family ? gateway : undefined;
      if (!src && dump && tunnel.vips.length === 0) {
        notes.push(`${label}: charon installs no route for ${route.prefix}: no address of this host in the dump is inside the local selector.`);
        continue;
      }
      if (!src) notes.push(`${label}: the route for ${route.prefix} takes ${route.src} as its source.`);
      if (!dev) notes.push(`${label}: the route for ${route.prefix} leaves through ${route.dev}, unknown without a dump.`);
      added.push({ prefix, gateway: via, device: dev, table: TABLE, proto: 'static', src, why: `${label} (remote selector)`, configLine: tunnel.nameSpan.line });
    }
  }
  const rules: VpnRule[] = [];
  const hasRule = (dump?.document.rules ?? []).some((r) => r.table === TABLE);
  if (added.length > 0 && !hasRule) {
    for (const family of [4, 6] as const) {
      if (added.some((r) => r.prefix.family === family)) rules.push({ family, priority: RULE_PRIORITY, spec: `table ${TABLE}`, why: 'charon\'s routing rule' });
    }
  }
  if (added.length > 0) notes.push(`IPsec does not use a tunnel interface: packets matching an \`out\` xfrm policy are encrypted whichever route they take; the table-220 routes set their source address${dump ? '' : ' and interface'}.`);
  const changes: VpnChanges = { configName: configName(context.fileName, 'the strongSwan config'), added, removed: [], rules, notes, comments };
  return simulatedTable(changes, dump, state.dumpName);
}
