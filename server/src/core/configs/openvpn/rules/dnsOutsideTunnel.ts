import { type Finding, makeFinding, spanOnLine } from '../../../model';
import { type Address, formatAddress } from '../../../net/address';
import { prefixContains } from '../../../net/prefix';
import { COMMON_HOME_LANS } from './pushedRouteLanConflict';
import type { RuleContext } from '../context';
import { redirectState } from '../install';
import { whereabouts } from '../where';
import type { OpenVpnRule } from './types';

/** DNS queries that leave outside the tunnel reveal every name the machine looks up. */
export const dnsOutsideTunnel: OpenVpnRule = {
  code: 'dns-outside-tunnel',
  check({ config, side }: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const options = side.options;
    const state = redirectState(options.redirects);
    const clients = side.who === 'clients';
    // A client config without routes gets them pushed; judging its DNS servers would be guesswork.
    const routed = state.enabled || clients || options.routes.length > 0 || options.routes6.length > 0;
    if (routed) {
      for (const server of options.dns) {
        if (!server.address) continue;
        const where = whereabouts(side, server.address, config.device);
        if (where.tunnel) {
          // Without a dump, a private server covered only by the full-tunnel halves may sit on the LAN itself.
          if (!side.prediction && (where.installed?.prefix.len ?? 32) <= 1 && onHomeLan(server.address)) {
            findings.push(makeFinding('dns-outside-tunnel', 'information',
              `DNS server ${formatAddress(server.address)} is in a common home-router subnet that only the full-tunnel routes cover: if it is on the local network (often the router itself), the LAN's own route is more specific and its queries stay outside the tunnel.`,
              spanOnLine(server.directive.line, server.param.start, server.param.end)));
          }
          continue;
        }
        findings.push(makeFinding('dns-outside-tunnel', 'information',
          `DNS server ${formatAddress(server.address)} ${where.summary.replace(/\*\*/g, '')} Its queries, and the names they reveal, travel outside the VPN.`,
          spanOnLine(server.directive.line, server.param.start, server.param.end)));
      }
    }
    const windows = clients || config.windowsHints.length > 0;
    if (state.ipv4 && state.span && options.dns.length > 0 && !options.blockOutsideDns && windows) {
      findings.push(makeFinding('dns-outside-tunnel', 'information',
        `Windows sends DNS queries to the servers of every adapter at once and uses the first answer, so queries also leave through the physical adapter. ${clients ? 'Push `block-outside-dns`' : 'Add `block-outside-dns`'} to block DNS outside the tunnel on Windows clients.`,
        state.span));
    }
    if (config.role === 'client' && !clients && !windows && !config.dnsScript) {
      const first = options.dns[0];
      if (first) {
        findings.push(makeFinding('dns-outside-tunnel', 'information',
          'On Linux and macOS the openvpn program does not apply DNS servers itself: without an `up` script (update-resolv-conf, update-systemd-resolved) or a network manager that imports the profile, the machine keeps its own resolvers, outside the tunnel.',
          spanOnLine(first.directive.line, first.directive.nameParam.start, first.directive.span.endCol)));
      }
    }
    for (const f of config.pullFilters) {
      if (f.action !== 'ignore' || !/^(dhcp-option|dns|block-outside-dns)/.test(f.pattern.text) && !'dhcp-option'.startsWith(f.pattern.text)) continue;
      if (f.pattern.text === '') continue;
      findings.push(makeFinding('dns-outside-tunnel', 'information',
        `This filter drops the DNS settings the server pushes (\`${f.pattern.text}\`): the machine keeps its own resolvers, which are usually outside the tunnel.`,
        spanOnLine(f.directive.line, f.pattern.start, f.pattern.end)));
    }
    return findings;
  },
};

/** Addresses in the subnets home routers hand out, where a DNS server is likely the router itself. */
function onHomeLan(address: Address): boolean {
  return COMMON_HOME_LANS.some((p) => prefixContains(p, address));
}
