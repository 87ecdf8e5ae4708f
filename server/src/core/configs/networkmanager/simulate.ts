import { prefixOf } from '../../net/prefix';
import type { RouteType } from '../../model';
import { ROUTE_TYPES } from '../../model';
import { type VpnChanges, type VpnRoute, type VpnRule, configName, simulatedTable } from '../simulated';
import type { ConfigContext, SimulatedTable } from '../types';
import { MAIN, type PlannedRoute } from './install';
import type { NmState } from './state';

const WHY: Record<PlannedRoute['why'], string> = {
  address: 'the connected route of an address',
  default: 'the default route NetworkManager adds',
  route: 'a route of the profile',
  peer: 'a WireGuard peer\'s allowed-ips',
};

/** The table once the profile is active: its routes per table and its rules, on top of the dump. */
export function simulateNetworkManager(state: NmState, context: ConfigContext): SimulatedTable {
  const { plan, connection } = state;
  const notes: string[] = [];
  const added: VpnRoute[] = [];
  const device = /\s/.test(plan.device) ? undefined : plan.device;
  if (!device) notes.push(`${plan.device}: the routes have no device of their own; they are shown without one.`);
  if (connection.kind === 'vpn') notes.push(`The ${connection.plugin ?? 'VPN'} plugin adds the routes its server pushes too; only the profile's own are shown.`);
  const addresses = [...connection.ipv4.addresses, ...connection.ipv6.addresses];
  for (const r of plan.routes) {
    const own = r.why === 'address' ? addresses.find((a) => a.address.family === r.family && prefixOf(a.address, r.prefix.len).words.every((w, i) => w === r.prefix.words[i])) : undefined;
    const type: RouteType = ROUTE_TYPES.has(r.type) ? (r.type as RouteType) : 'unicast';
    added.push({
      prefix: r.prefix, type, table: r.table === MAIN ? 'main' : String(r.table), metric: r.metric,
      ...(type === 'unicast' ? { gateway: r.gateway, device } : {}),
      proto: r.why === 'address' ? 'kernel' : r.why === 'default' && !r.gateway && connection.kind !== 'vpn' ? 'dhcp' : 'static',
      ...(r.why === 'address' ? { scope: 'link', src: own?.address } : {}),
      why: WHY[r.why], configLine: r.span?.line,
    });
    if (r.why === 'default' && !r.gateway && connection.kind !== 'vpn' && connection.kind !== 'wireguard') {
      notes.push(`The ${r.family === 4 ? 'IPv4' : 'IPv6'} default's gateway comes from ${r.family === 4 ? 'DHCP' : 'router advertisements'}; it is shown without one.`);
    }
  }
  const rules: VpnRule[] = plan.rules.map((rule) => ({
    family: rule.family, priority: rule.priority, spec: rule.text, why: rule.automatic ? 'NetworkManager\'s WireGuard rule' : 'a routing rule of the profile',
    configLine: rule.span?.line,
  }));
  const changes: VpnChanges = { configName: configName(context.fileName, 'the NetworkManager profile'), added, removed: [], rules, notes };
  return simulatedTable(changes, state.dump, state.dumpName);
}
