import type { Route } from '../../model';
import type { ConfigContext } from '../types';
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
