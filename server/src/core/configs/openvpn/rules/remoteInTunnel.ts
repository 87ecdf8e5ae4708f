import { type Finding, makeFinding, spanOnLine } from '../../../model';
import { formatAddress } from '../../../net/address';
import type { RuleContext } from '../context';
import { redirectState } from '../install';
import { whereabouts } from '../where';
import type { OpenVpnRule } from './types';

/**
 * A server address that the config's own routes send into the tunnel: the tunnel's packets would
 * loop into it. `redirect-gateway` exempts the server with a host route; a plain `route` does not.
 */
export const remoteInTunnel: OpenVpnRule = {
  code: 'remote-in-tunnel',
  check({ config, own }: RuleContext): Finding[] {
    if (config.role === 'server') return [];
    // With `local` the user says the server is on the LAN; redirect-gateway-local checks that claim.
    if (redirectState(own.options.redirects).flags.has('local')) return [];
    const findings: Finding[] = [];
    for (const remote of config.remotes) {
      if (!remote.address) continue;
      const where = whereabouts(own, remote.address, config.device);
      if (!where.tunnel) continue;
      const address = formatAddress(remote.address);
      const fix = remote.address.family === 4 ? `\`route ${address} 255.255.255.255 net_gateway\`` : 'a more specific route outside the tunnel';
      findings.push(makeFinding('remote-in-tunnel', 'warning',
        `The server ${address} ${where.summary.replace(/\*\*/g, '')} Its own tunnel packets would then loop into the tunnel and the connection stalls. Exempt it with ${fix}, or use \`redirect-gateway def1\`, which adds that host route itself.`,
        spanOnLine(remote.directive.line, remote.host.start, remote.host.end)));
    }
    return findings;
  },
};
