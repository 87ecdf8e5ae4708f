import { type Finding, makeFinding, spanOnLine } from '../../../model';
import { parseIPv4 } from '../../../net/address';
import type { RuleContext } from '../context';
import type { Directive } from '../model';
import { ipv4Network, ipv6Network, isDefault } from '../values';
import type { OpenVpnRule } from './types';

/**
 * Routes OpenVPN accepts in the file but cannot install: a bad or non-contiguous mask, host bits past the
 * mask, a negative metric. The tunnel comes up without them, after an error in the log.
 */
export const invalidRoute: OpenVpnRule = {
  code: 'invalid-route',
  check({ config }: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const d of config.parsed.directives) {
      if (d.name === 'route') findings.push(...checkRoute(d));
      if (d.name === 'route-ipv6') findings.push(...checkRoute6(d));
      if (d.name === 'server' && d.args[1] && parseIPv4(d.args[0]?.text ?? '')) {
        const value = ipv4Network(d.args[0]?.text ?? '', d.args[1].text);
        if (value.problem?.on === 'mask') {
          findings.push(makeFinding('invalid-route', 'warning', value.problem.message, spanOnLine(d.line, d.args[1].start, d.args[1].end)));
        }
      }
    }
    return findings;
  },
};

function checkRoute(d: Directive): Finding[] {
  const [network, mask, , metric] = d.args;
  const findings: Finding[] = [];
  if (!network) return findings;
  if (parseIPv4(network.text)) {
    const value = ipv4Network(network.text, isDefault(mask) ? undefined : mask?.text);
    const problem = value.problem;
    if (problem) {
      const param = problem.on === 'mask' && mask ? mask : network;
      findings.push(makeFinding('invalid-route', 'warning', problem.message, spanOnLine(d.line, param.start, param.end)));
    }
  }
  if (metric && !isDefault(metric) && !/^\d+$/.test(metric.text)) {
    findings.push(makeFinding('invalid-route', 'warning',
      `The metric \`${clip(metric.text)}\` must be a number of 0 or more; OpenVPN skips the route ("route metric … must be >= 0").`,
      spanOnLine(d.line, metric.start, metric.end)));
  }
  return findings;
}

function checkRoute6(d: Directive): Finding[] {
  const [network, gateway] = d.args;
  const findings: Finding[] = [];
  if (!network) return findings;
  const problem = ipv6Network(network.text).problem;
  if (problem) findings.push(makeFinding('invalid-route', 'warning', problem.message, spanOnLine(d.line, network.start, network.end)));
  if (gateway && /^(net_gateway|vpn_gateway|remote_host)$/.test(gateway.text)) {
    findings.push(makeFinding('invalid-route', 'warning', d.push
      ? `Clients reject this pushed route: \`${gateway.text}\` is not an IPv6 address, and OpenVPN 2.6 knows it only for IPv4 routes.`
      : `OpenVPN 2.6 understands \`${gateway.text}\` only for IPv4 routes: it logs "cannot parse gateway spec" and the IPv6 route still goes into the tunnel.`,
      spanOnLine(d.line, gateway.start, gateway.end)));
  }
  return findings;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
