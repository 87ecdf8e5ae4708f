import { type Finding, makeFinding } from '../../../model';
import { type Address, formatAddress } from '../../../net/address';
import { parsePrefix, prefixContains } from '../../../net/prefix';
import type { WgRule } from './types';

/** Ranges whose resolvers sit on this host or its own network, where "outside the tunnel" is usually intended. */
const LOCAL_RANGES = ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10', '::1/128', 'fc00::/7', 'fe80::/10']
  .map((text) => parsePrefix(text)?.prefix)
  .filter((p) => p !== undefined);

function isLocal(address: Address): boolean {
  return LOCAL_RANGES.some((p) => prefixContains(p, address));
}

/** A DNS server no peer's AllowedIPs contain: wg-quick hands it to the resolver, but queries go outside the tunnel. */
export const dnsOutsideTunnel: WgRule = {
  code: 'dns-outside-tunnel',
  check(state) {
    const out: Finding[] = [];
    for (const device of state.devices) {
      const off = device.config.interface.table.kind === 'off';
      for (const server of device.config.interface.dns) {
        const claim = device.routing.peerFor(server.address);
        const prediction = state.predict(device, server.address);
        if (claim && !off && prediction?.tunnel !== false) continue;
        const text = formatAddress(server.address);
        const where = prediction && !prediction.tunnel ? prediction.sentence : 'by the machine\'s own routes';
        const reason = claim
          ? off ? 'is inside AllowedIPs, but Table = off adds no route for it' : `is inside AllowedIPs, but a more specific route keeps it outside`
          : 'is not inside any peer\'s AllowedIPs';
        const local = isLocal(server.address);
        const tail = local
          ? ' It is a local or private address, so this may be intended (a resolver on this host or network).'
          : ' Every name the machine looks up is visible outside the tunnel.';
        out.push(makeFinding('dns-outside-tunnel', local ? 'information' : 'warning',
          `DNS server ${text} ${reason}: wg-quick points the resolver at it, and the queries leave ${where.replace(/^outside the tunnel /, 'outside the tunnel, ')}.${tail}`,
          server.span));
      }
    }
    return out;
  },
};
