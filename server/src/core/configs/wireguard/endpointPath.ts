import { type Address, formatAddress } from '../../net/address';
import type { PlannedRoute } from './install';
import type { WgEntry } from './model';
import { type Prediction, longestPlanned } from './predict';
import type { Claim } from './routing';
import type { Device, WgState } from './state';

export type LinuxEndpoint = 'outside' | 'exempt-fwmark' | 'exempt-dump' | 'loop' | 'table-off' | 'custom-table';
export type MacosEndpoint = 'outside' | 'exempt-host-route' | 'loop' | 'table-off';

/** How the tunnel's own packets to an endpoint are routed once it is up, per OS. */
export interface EndpointVerdict {
  /** The AllowedIPs claim containing the endpoint, if any. */
  readonly claim: Claim | undefined;
  readonly linux: LinuxEndpoint;
  /** The main-table route on the tunnel device that would capture it on Linux. */
  readonly linuxRoute: PlannedRoute | undefined;
  readonly macos: MacosEndpoint;
  readonly macosRoute: PlannedRoute | undefined;
  /** A Pre/PostUp line that names the endpoint: most likely an exemption route. */
  readonly hook: WgEntry | undefined;
  /** With a dump: the predicted path of the tunnel's own packets. */
  readonly prediction: Prediction | undefined;
}

export function endpointVerdict(state: WgState, device: Device, address: Address): EndpointVerdict {
  const claim = device.routing.peerFor(address);
  const prediction = state.predict(device, address, true);
  const text = formatAddress(address);
  const hook = device.config.interface.hooks.find((h) => h.value.includes(text));

  const linuxPlan = device.plan('linux');
  const linuxRoute = longestPlanned(linuxPlan, address, (r) => r.device === linuxPlan.device && r.why !== 'endpoint');
  let linux: LinuxEndpoint;
  if (linuxPlan.routesInactive === 'off') linux = claim ? 'table-off' : 'outside';
  else if (linuxPlan.routesInactive === 'custom-table') linux = claim ? 'custom-table' : 'outside';
  else if (!linuxRoute) linux = claim ? 'exempt-fwmark' : 'outside';
  else if (state.dumpOs === 'linux' && prediction && !prediction.tunnel) linux = 'exempt-dump';
  else linux = 'loop';

  const macPlan = device.plan('macos');
  const macosRoute = longestPlanned(macPlan, address, (r) => r.why !== 'endpoint');
  const hostRoute = longestPlanned(macPlan, address, (r) => r.why === 'endpoint');
  let macos: MacosEndpoint;
  if (macPlan.routesInactive === 'off') macos = claim ? 'table-off' : 'outside';
  else if (hostRoute) macos = 'exempt-host-route';
  else if (macosRoute && !(state.dumpOs === 'macos' && prediction && !prediction.tunnel)) macos = 'loop';
  else macos = 'outside';
  return { claim, linux, linuxRoute, macos, macosRoute, hook, prediction };
}
