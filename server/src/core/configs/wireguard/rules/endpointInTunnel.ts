import { type Finding, makeFinding } from '../../../model';
import { formatAddress } from '../../../net/address';
import { formatPrefix } from '../../../net/prefix';
import { type EndpointVerdict, endpointVerdict } from '../endpointPath';
import { type Endpoint, peerRef } from '../model';
import { dumpSentence } from '../predict';
import type { Device, WgState } from '../state';
import type { WgRule } from './types';

/**
 * An Endpoint IP inside AllowedIPs with nothing to exempt it: the tunnel's own packets to it would be routed
 * into the tunnel. Linux exempts them only from a /0 (by fwmark), macOS only with a /0 (by a host route),
 * and Windows always (the driver avoids routes into itself).
 */
export const endpointInTunnel: WgRule = {
  code: 'endpoint-in-tunnel',
  check(state) {
    const out: Finding[] = [];
    for (const device of state.devices) {
      for (const peer of device.config.peers) {
        const endpoint = peer.endpoint;
        if (!endpoint?.address) continue;
        const verdict = endpointVerdict(state, device, endpoint.address);
        const finding = findingFor(state, device, endpoint, verdict);
        if (finding) out.push(finding);
      }
    }
    return out;
  },
};

function findingFor(state: WgState, device: Device, endpoint: Endpoint, v: EndpointVerdict): Finding | undefined {
  const address = endpoint.address;
  if (!address) return undefined;
  const ep = formatAddress(address);
  // With a dump, only the OS it comes from matters; without one, any OS that loops does.
  const os = state.dumpOs;
  const linuxLoops = v.linux === 'loop' && (os === undefined || os === 'linux');
  const macosLoops = v.macos === 'loop' && (os === undefined || os === 'macos');
  const loops = linuxLoops || macosLoops;
  const soft = (v.linux === 'table-off' || v.linux === 'custom-table') && os !== 'windows';
  if (!loops && !soft) return undefined;
  const inside = v.claim
    ? `inside AllowedIPs ${formatPrefix(v.claim.allowed.prefix)} of ${peerRef(v.claim.peer)}`
    : `inside the interface's own subnet ${v.linuxRoute ? formatPrefix(v.linuxRoute.prefix) : ''}`;
  const related = v.claim ? [{ span: v.claim.allowed.span, message: `The AllowedIPs entry that contains the endpoint ${ep}.` }] : [];
  if (v.hook) {
    return makeFinding('endpoint-in-tunnel', 'information',
      `Endpoint ${ep} is ${inside}; the ${v.hook.name ?? 'hook'} command on line ${v.hook.line + 1} names it, presumably to route it around the tunnel.`,
      endpoint.hostSpan, { related });
  }
  if (!loops) {
    const why = v.linux === 'table-off'
      ? 'Table = off: wg-quick adds no routes, so nothing sends it into the tunnel by itself'
      : 'wg-quick puts the routes into a table no rule selects';
    return makeFinding('endpoint-in-tunnel', 'information',
      `Endpoint ${ep} is ${inside}. ${why}; if your own rules or routes send that range into the tunnel, nothing exempts the endpoint: add a host route for it via the physical gateway.`,
      endpoint.hostSpan, { related });
  }
  const parts: string[] = [];
  if (v.linux === 'loop') {
    const r = v.linuxRoute ? formatPrefix(v.linuxRoute.prefix) : '';
    parts.push(`Linux: wg-quick routes ${r} into ${device.plan('linux').device} in the main table, which the tunnel's own packets use too (the fwmark only skips the /0's table), so the handshake would be sent into the tunnel itself and dropped as a routing loop.`);
  } else if (v.linux === 'exempt-fwmark' || v.linux === 'exempt-dump') {
    parts.push(`Linux: not affected (${v.linux === 'exempt-fwmark' ? 'the fwmark keeps the tunnel\'s own packets out of the /0\'s table' : `a more specific route in ${state.dumpName} keeps it outside`}).`);
  }
  if (v.macos === 'loop') parts.push('macOS: the same, since wg-quick adds endpoint host routes only with a /0.');
  else if (v.macos === 'exempt-host-route') parts.push('macOS: not affected (wg-quick adds a host route for the endpoint via the default gateway).');
  parts.push('Windows: not affected (the driver sends by a route that does not loop into the tunnel).');
  const dump = state.dump;
  const p = v.prediction;
  const withDump = dump && p?.tunnel && p.resolution
    ? ` Once connected it would go ${p.sentence} instead of ${dumpSentence(p.resolution, dump, state.dumpName, device.plan(state.dumpOs ?? 'linux'))}.`
    : '';
  return makeFinding('endpoint-in-tunnel', 'warning',
    `Endpoint ${ep} is ${inside}, and nothing exempts it.${withDump} ${parts.join(' ')} Take the endpoint out of AllowedIPs, or add a host route for it via the physical gateway (PostUp).`,
    endpoint.hostSpan, { related });
}

