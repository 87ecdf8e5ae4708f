import { type Finding, makeFinding, spanOnLine } from '../../../../model';
import { formatAddress } from '../../../../net/address';
import type { LogConnection } from '../connection';
import { whereabouts } from '../../where';
import type { LogRule } from './types';

/** Pushed DNS servers the installed routes do not send through the tunnel, and DNS settings a filter dropped. */
export const logDnsOutsideTunnel: LogRule = {
  code: 'dns-outside-tunnel',
  check({ side, parsed, device }: LogConnection): Finding[] {
    const findings: Finding[] = [];
    for (const server of side.options.dns) {
      if (!server.address) continue;
      const where = whereabouts(side, server.address, device, 'the routes OpenVPN installed');
      if (where.tunnel) continue;
      findings.push(makeFinding('dns-outside-tunnel', 'information',
        `The pushed DNS server ${formatAddress(server.address)} ${where.summary.replace(/\*\*/g, '')} Its queries travel outside the VPN.`,
        spanOnLine(server.directive.line, server.param.start, server.param.end)));
    }
    for (const f of parsed.filters) {
      if (f.action === 'accepted' || !/^(dhcp-option|dns|block-outside-dns)\b/.test(f.option)) continue;
      findings.push(makeFinding('dns-outside-tunnel', 'information',
        'A pull filter dropped this DNS setting of the server: the machine keeps its own resolvers, which are usually outside the tunnel.', f.span));
    }
    return findings;
  },
};
