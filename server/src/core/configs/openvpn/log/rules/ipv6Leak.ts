import { type Finding, makeFinding } from '../../../../model';
import type { LogConnection } from '../connection';
import { ipv4InTunnel, ipv6InTunnel } from '../../rules/ipv6Leak';
import type { LogRule } from './types';

/** The log shows IPv4 redirected into the tunnel and no IPv6 route into it. */
export const logIpv6Leak: LogRule = {
  code: 'ipv6-leak',
  check({ side, parsed, host, pushed }: LogConnection): Finding[] {
    const full = ipv4InTunnel(side.plan);
    if (!full || ipv6InTunnel(side.plan)) return [];
    const redirect = pushed.find((d) => d.name === 'redirect-gateway');
    const span = redirect?.span ?? full.span;
    const hasIpv6 = host ? host.hasIpv6 : parsed.gateway6 !== undefined;
    const evidence = host
      ? host.hasIpv6 ? `${host.name} has an IPv6 route out of this machine${host.gateway6 ? ` (\`${host.gateway6.route.text}\`, line ${host.gateway6.route.span.line + 1} of ${host.name})` : ''}` : `${host.name} has no IPv6 route out of this machine`
      : parsed.gateway6 ? `the log shows an IPv6 default gateway (ROUTE6_GATEWAY, line ${parsed.gateway6.span.line + 1})` : 'the log shows no IPv6 default gateway (ROUTE6_GATEWAY)';
    return [makeFinding('ipv6-leak', hasIpv6 ? 'warning' : 'information',
      `IPv4 went through the tunnel, but no IPv6 route was added to it, and ${evidence}: ${hasIpv6 ? 'IPv6 traffic left outside the tunnel.' : 'nothing leaked on this network, but on one with IPv6 it would.'} The server should push \`redirect-gateway ipv6\` (with an IPv6 pool) or \`block-ipv6\` with it.`,
      span)];
  },
};
