import type { Analysis } from '../../analyze';
import { type Address, formatAddress, sameAddress } from '../../net/address';
import type { ConfigAddressAnswer } from '../types';
import { type PppPlan, predictAddress } from './install';

/** Where an address goes once pppd is up: predicted on the dump when there is one, else from the options alone. */
export function explainWithPlan(plan: PppPlan, dump: Analysis | undefined, dumpName: string, address: Address): ConfigAddressAnswer {
  const s = plan.settings;
  const receiver = s.device;
  if (dump && address.family === 4) {
    const p = predictAddress(plan, dump, dumpName, address);
    if (p) return { tunnel: p.tunnel, ...(p.tunnel ? { receiver } : {}), summary: `${formatAddress(address)} goes ${p.sentence}.` };
  }
  const text = formatAddress(address);
  if (s.remote && sameAddress(s.remote, address)) return { tunnel: true, receiver, summary: `${text} is the peer: the kernel routes its /32 into ${receiver}.` };
  if (address.family === 6) {
    return s.defaultroute6
      ? { tunnel: true, receiver, summary: `${text} goes into ${receiver} by the IPv6 default route pppd adds (defaultroute6).` }
      : { tunnel: false, summary: `${text} stays on the machine's IPv6 routes: pppd adds no IPv6 default route.` };
  }
  if (!s.defaultroute) return { tunnel: false, summary: `${text} stays on the machine's existing routes: pppd adds only the peer's /32 to ${receiver}.` };
  if (s.replace) return { tunnel: true, receiver, summary: `${text} goes into ${receiver} by the default route pppd installs in place of the old one (replacedefaultroute), unless a more specific route catches it.` };
  return { tunnel: false, summary: `${text} enters ${receiver} only on a host with no default route; where one exists (most machines), it keeps leaving by that route, outside the VPN.` };
}
