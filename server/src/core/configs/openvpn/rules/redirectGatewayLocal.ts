import { type Finding, makeFinding } from '../../../model';
import { formatAddress, type Address } from '../../../net/address';
import { formatPrefix, prefixContains } from '../../../net/prefix';
import type { RuleContext } from '../context';
import type { HostView } from '../predict';
import { redirectState } from '../install';
import type { OpenVpnRule } from './types';

/** `local` and `autolocal` leave out the host route that keeps the tunnel's own packets off the tunnel. */
export const redirectGatewayLocal: OpenVpnRule = {
  code: 'redirect-gateway-local',
  check({ config, side, host }: RuleContext): Finding[] {
    const state = redirectState(side.options.redirects);
    if (!state.enabled) return [];
    const findings: Finding[] = [];
    const remotes = config.remotes.filter((r) => r.address?.family === 4).map((r) => r.address as Address);
    const local = state.flagSpans.get('local');
    if (local && state.flags.has('local')) {
      const offLan = host ? remotes.filter((a) => !host.connected.some((r) => prefixContains(r.prefix, a))) : [];
      if (host && offLan.length > 0 && state.ipv4) {
        findings.push(makeFinding('redirect-gateway-local', 'warning',
          `\`local\`: no host route to the server is added, but ${offLan.map(formatAddress).join(', ')} is not on a subnet this machine reaches directly (${host.name}${gatewayRef(host)}). Once the default routes move into the tunnel, the tunnel's own packets are routed into the tunnel and the connection stalls. Remove \`local\`.`,
          local));
      } else {
        findings.push(makeFinding('redirect-gateway-local', 'information',
          '`local`: OpenVPN adds no host route to the server, which is right only when the server is on a directly connected subnet (same LAN or Wi-Fi). Otherwise the tunnel\'s own packets follow the new default routes into the tunnel and the connection stalls.',
          local));
      }
    }
    const auto = state.flagSpans.get('autolocal');
    if (auto && state.flags.has('autolocal')) {
      const verdicts = host
        ? remotes.map((a) => {
          const lan = host.connected.find((r) => prefixContains(r.prefix, a));
          return lan ? `${formatAddress(a)} is on ${formatPrefix(lan.prefix)}, so no host route` : `${formatAddress(a)} is not local, so a host route via net_gateway${gatewayRef(host)}`;
        })
        : [];
      findings.push(makeFinding('redirect-gateway-local', 'information',
        `\`autolocal\`: OpenVPN decides when connecting whether the server is on a local subnet; if it is, no host route to the server is added, otherwise one goes via net_gateway.${verdicts.length > 0 ? ` With ${host?.name ?? 'the dump'}: ${verdicts.join('; ')}.` : ''}`,
        auto));
    }
    return findings;
  },
};

/** `: it leaves via 192.168.1.1 on wlan0, line 1 of routes.txt`: the dump's route towards the server. */
function gatewayRef(host: HostView): string {
  const gw = host.gateway4;
  if (!gw) return '';
  const via = [gw.address ? `via ${formatAddress(gw.address)}` : '', gw.device ? `on ${gw.device}` : ''].filter((w) => w !== '').join(' ');
  return `: it leaves ${via}, line ${gw.route.span.line + 1} of ${host.name}`;
}
