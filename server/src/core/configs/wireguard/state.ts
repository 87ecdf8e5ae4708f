import type { Analysis } from '../../analyze';
import type { Address, Family } from '../../net/address';
import type { ConfigContext } from '../types';
import { type InstallOs, type InstallPlan, installPlan } from './install';
import type { WgConfig, WgDocument } from './model';
import { type Prediction, osOfDump, predict } from './predict';
import { CryptokeyRouting } from './routing';

/** One device with what rules and hovers compute from it, each computed once. */
export interface Device {
  readonly config: WgConfig;
  readonly routing: CryptokeyRouting;
  plan(os: InstallOs): InstallPlan;
}

/** Everything one analysis shares between rules, hover and symbols. */
export interface WgState {
  readonly doc: WgDocument;
  readonly devices: readonly Device[];
  readonly dump: Analysis | undefined;
  /** `routes.txt`, or "the route dump" when the glue gave no name. */
  readonly dumpName: string;
  /** The OS the dump describes, whose install plan predictions use. */
  readonly dumpOs: InstallOs | undefined;
  /** Where a packet to `address` goes once `device` is up, when a dump is known. */
  predict(device: Device, address: Address, own?: boolean): Prediction | undefined;
}

/** `device` is the interface name, which wg-quick takes from the file name (`wg0.conf` → wg0); wg0 when unknown. */
export function createState(doc: WgDocument, context: ConfigContext, device?: string): WgState {
  const dump = context.dump;
  const dumpOs = dump ? osOfDump(dump) : undefined;
  const gateways = dump ? defaultGateways(dump) : {};
  const devices = doc.configs.map((config): Device => {
    const routing = new CryptokeyRouting(config);
    const plans = new Map<InstallOs, InstallPlan>();
    return {
      config,
      routing,
      plan(os) {
        let plan = plans.get(os);
        if (!plan) {
          plan = installPlan(config, routing, os, device !== undefined && os !== 'macos' ? { gateways, device } : { gateways });
          plans.set(os, plan);
        }
        return plan;
      },
    };
  });
  const dumpName = context.dumpName ?? 'the route dump';
  return {
    doc,
    devices,
    dump,
    dumpName,
    dumpOs,
    predict(device, address, own = false) {
      if (!dump || !dumpOs) return undefined;
      return predict(device.plan(dumpOs), dump, dumpName, address, own);
    },
  };
}

/** The dump's default gateways, which macOS's endpoint host routes go through. */
function defaultGateways(dump: Analysis): Partial<Record<Family, Address>> {
  const out: Partial<Record<Family, Address>> = {};
  for (const route of dump.document.routes) {
    if (route.prefix.len !== 0 || route.type !== 'unicast' || out[route.family]) continue;
    const gateway = route.nexthops.find((h) => h.gateway)?.gateway;
    if (gateway && !dump.tunnels.isTunnel(route.nexthops[0]?.device)) out[route.family] = gateway;
  }
  return out;
}
