import type { Route } from '../../model';
import type { Address } from '../../net/address';
import { formatPrefixShort, samePrefix } from '../../net/prefix';
import { type VpnChanges, type VpnRoute, configName, simulatedTable } from '../simulated';
import type { ConfigContext, SimulatedTable } from '../types';
import { analyzeConfig } from './config';
import type { Side } from './context';
import type { InstallNote, InstalledRoute, RemovedRoute } from './install';
import { analyzeLog } from './log/analyze';

/** What connecting does to the routes, for a "Simulate Connecting" view. */
export interface SimulatedConnection {
  readonly format: 'openvpn' | 'openvpn-log';
  /** Whose table changes: this machine, or the clients of a server config. */
  readonly who: 'this machine' | 'clients';
  /** The routes OpenVPN adds, each with the config or log line that asks for it. */
  readonly added: readonly InstalledRoute[];
  readonly removed: readonly RemovedRoute[];
  readonly notes: readonly InstallNote[];
  /** With a dump: the predicted table, the dump's routes first; VPN routes are those in `vpnRouteIds`. */
  readonly table?: readonly Route[];
  readonly vpnRouteIds?: ReadonlySet<number>;
}

export function simulateConnecting(text: string, context: ConfigContext, format: 'openvpn' | 'openvpn-log'): SimulatedConnection {
  const side: Side = format === 'openvpn-log' ? analyzeLog(text, context).connection.side : analyzeConfig(text, context).rules.side;
  const prediction = side.prediction;
  return {
    format,
    who: side.who,
    added: side.plan.routes,
    removed: side.plan.removed,
    notes: side.plan.notes,
    ...(prediction ? { table: prediction.tables.routes, vpnRouteIds: new Set(prediction.vpn.keys()) } : {}),
  };
}

/** The predicted table of this machine: a client's or peer's, or a server's own routes (not its clients'). */
export function simulateSide(side: Side, context: ConfigContext, device: string, format: 'openvpn' | 'openvpn-log'): SimulatedTable {
  const notes = side.plan.notes.map((n) => n.message);
  const added: VpnRoute[] = [];
  const prediction = side.prediction;
  if (format === 'openvpn-log') notes.push('From the log: the routes this connection installed, as OpenVPN reported them.');
  if (prediction) {
    for (const route of prediction.tables.routes) {
      const installed = prediction.vpn.get(route.id);
      if (installed) added.push(toVpnRoute(installed, route.nexthops[0]?.gateway, route.nexthops[0]?.device));
    }
  } else {
    for (const installed of side.plan.routes) {
      if (installed.condition?.startsWith('unless')) continue;
      if (installed.target === 'net_gateway') {
        notes.push(`${formatPrefixShort(installed.prefix)} via net_gateway (${installed.why}) is left out: the machine's gateway is unknown without a dump.`);
        continue;
      }
      const dev = installed.target === 'tunnel' ? installed.device ?? device : installed.device;
      added.push(toVpnRoute(installed, installed.gateway, dev));
    }
  }
  for (const installed of side.plan.routes) {
    if (installed.condition && !installed.condition.startsWith('unless')) notes.push(`${formatPrefixShort(installed.prefix)} exists only ${installed.condition}.`);
  }
  const removed = (prediction?.removed ?? []).map((route) => ({
    route, why: side.plan.removed.find((x) => samePrefix(x.prefix, route.prefix))?.why ?? 'OpenVPN deletes it',
  }));
  const changes: VpnChanges = { configName: configName(context.fileName, format === 'openvpn-log' ? 'the OpenVPN log' : 'the OpenVPN config'), added, removed, rules: [], notes };
  return simulatedTable(changes, prediction ? context.dump : undefined, context.dumpName);
}

function toVpnRoute(installed: InstalledRoute, gateway: Address | undefined, device: string | undefined): VpnRoute {
  return {
    prefix: installed.prefix, gateway, device, metric: installed.metric, proto: installed.origin === 'tunnel' ? 'kernel' : 'static',
    ...(installed.origin === 'tunnel' && !gateway ? { scope: 'link' } : {}),
    why: installed.why, configLine: installed.span.line,
  };
}
