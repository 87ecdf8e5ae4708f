import { formatPrefixShort, hostPrefix, prefixKey, prefixOf } from '../../net/prefix';
import { resolve } from '../../resolver';
import { type VpnChanges, type VpnRoute, type VpnRule, simulatedTable } from '../simulated';
import type { SimulatedTable } from '../types';
import type { PlannedRoute, PlannedRule } from './install';
import type { WgState } from './state';

const WHY: Record<PlannedRoute['why'], string> = {
  'allowed-ips': 'AllowedIPs',
  address: 'Address (the kernel\'s connected route)',
  endpoint: 'Endpoint host route around the tunnel',
};

/** What `wg-quick up` leaves in the table, on the OS of the dump (Linux without one). */
export function simulateWireGuard(state: WgState, configName: string): SimulatedTable {
  const os = state.dumpOs ?? 'linux';
  const dump = state.dump;
  const added: VpnRoute[] = [];
  const rules: VpnRule[] = [];
  const notes: string[] = [];
  for (const device of state.devices) {
    const plan = device.plan(os);
    notes.push(plan.summary);
    if (plan.killSwitch) notes.push('The Windows firewall blocks everything outside the tunnel (a kill switch); the table does not show it.');
    if (device.config.interface.hooks.length > 0) notes.push('PreUp/PostUp hooks run commands that may change routes too; they are not simulated.');
    const addresses = device.config.interface.addresses;
    for (const r of plan.routes) {
      const line = r.sources[0]?.line;
      if (r.why === 'endpoint') {
        // The bypass leaves through whatever interface reaches the default gateway today.
        const dev = r.device ?? (r.gateway && dump ? resolve(dump.tables, r.gateway).nexthops[0]?.device : undefined);
        if (!r.gateway || !dev) {
          notes.push(`The host route for endpoint ${formatPrefixShort(r.prefix)} goes via the default gateway, which is unknown without a dump; it is left out.`);
          continue;
        }
        added.push({ prefix: r.prefix, gateway: r.gateway, device: dev, metric: r.metric, why: WHY.endpoint, configLine: line });
        continue;
      }
      const own = r.why === 'address' ? addresses.find((a) => a.address.family === r.family && prefixKey(prefixOf(a.address, a.len)) === prefixKey(r.prefix)) : undefined;
      added.push({
        prefix: r.prefix, ...(r.blackhole ? { type: 'blackhole' as const } : { device: r.device }), table: r.table, metric: r.metric,
        ...(r.why === 'address' ? { proto: 'kernel', scope: 'link', src: own?.address } : {}),
        why: WHY[r.why], configLine: line,
      });
    }
    if (os === 'linux' && plan.routesInactive !== 'off') {
      // The kernel adds a local-table route for each address of the interface.
      for (const a of addresses) {
        added.push({
          prefix: hostPrefix(a.address), type: 'local', table: 'local', device: plan.device, proto: 'kernel', scope: 'host', src: a.address,
          metric: a.address.family === 6 ? 0 : undefined, why: 'Address (the kernel\'s local route)', configLine: a.span.line,
        });
      }
    }
    for (const rule of plan.rules) rules.push({ family: rule.family, spec: ruleSpec(rule), why: 'wg-quick policy routing for a /0' });
  }
  const changes: VpnChanges = { configName, added, removed: [], rules, notes };
  return simulatedTable(changes, dump, state.dumpName);
}

function ruleSpec(rule: PlannedRule): string {
  const words: string[] = [];
  if (rule.not) words.push('not');
  if (rule.fwmark !== undefined) words.push('fwmark', String(rule.fwmark));
  words.push('table', rule.table);
  if (rule.suppressPrefixLength !== undefined) words.push('suppress_prefixlength', String(rule.suppressPrefixLength));
  return words.join(' ');
}

