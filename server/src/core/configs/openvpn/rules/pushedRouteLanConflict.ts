import { type Finding, type Span, makeFinding, spanOnLine } from '../../../model';
import { type Prefix, formatPrefix, parsePrefix, prefixesOverlap, samePrefix } from '../../../net/prefix';
import type { RuleContext } from '../context';
import type { TunnelNetwork } from '../install';
import type { OptionSet } from '../model';
import type { OpenVpnRule } from './types';

/** Subnets home routers hand out by default; OpenVPN itself warns about the first two. */
export const COMMON_HOME_LANS: readonly Prefix[] = ['192.168.0.0/24', '192.168.1.0/24', '192.168.2.0/24', '192.168.178.0/24', '10.0.0.0/24', '10.0.1.0/24']
  .map((t) => (parsePrefix(t) as { prefix: Prefix }).prefix);

interface Candidate {
  readonly prefix: Prefix;
  readonly span: Span;
  readonly what: string;
}

/** A VPN network that overlaps the LAN the machine sits on: one side of the overlap becomes unreachable. */
export const pushedRouteLanConflict: OpenVpnRule = {
  code: 'pushed-route-lan-conflict',
  check({ side, own, host }: RuleContext): Finding[] {
    // What a server pushes lands on its clients' machines: their LANs are unknown, whatever dump is open.
    const clients = side.who === 'clients';
    const candidates: Candidate[] = [...fromOptions(side.options, clients), ...side.networks.map(network)];
    const ownCandidates: Candidate[] = own === side ? [] : fromOptions(own.options, false);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const check = (c: Candidate, machine: boolean): void => {
      // Full-tunnel halves and wide aggregates are the point of a VPN, not a collision with one LAN.
      if (c.prefix.family !== 4 || c.prefix.len < 8 || c.prefix.len >= 32) return;
      const key = `${c.span.line}:${c.span.col}:${formatPrefix(c.prefix)}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (host && machine) {
        for (const lan of host.connected) {
          if (lan.family !== 4 || !prefixesOverlap(lan.prefix, c.prefix)) continue;
          const dev = lan.nexthops[0]?.device ?? 'its interface';
          const place = `${formatPrefix(lan.prefix)} on ${dev}, line ${lan.span.line + 1} of ${host.name}`;
          findings.push(makeFinding('pushed-route-lan-conflict', 'warning',
            `${c.what} ${formatPrefix(c.prefix)} overlaps this machine's LAN (${place}). ${capitalize(outcome(c.prefix, lan.prefix, dev))}`, c.span));
        }
        return;
      }
      // Without a dump only narrow networks are worth a guess: a /8 aggregate overlaps some home LAN anywhere.
      const home = c.prefix.len >= 16 ? COMMON_HOME_LANS.find((p) => prefixesOverlap(p, c.prefix)) : undefined;
      if (!home) return;
      findings.push(makeFinding('pushed-route-lan-conflict', 'information',
        `${c.what} ${formatPrefix(c.prefix)} overlaps ${formatPrefix(home)}, a common home-router subnet. If the LAN of ${clients ? 'a client' : 'this machine'} is ${formatPrefix(home)}, ${outcome(c.prefix, home, 'the LAN interface')}`,
        c.span));
    };
    for (const c of candidates) check(c, !clients);
    for (const c of ownCandidates) check(c, true);
    return findings;
  },
};

function network(n: TunnelNetwork): Candidate {
  return { prefix: n.prefix, span: n.span, what: 'The VPN subnet' };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fromOptions(options: OptionSet, pushed: boolean): Candidate[] {
  return options.routes.flatMap((r) => r.prefix
    ? [{ prefix: r.prefix, span: spanOnLine(r.directive.line, r.network.start, r.network.end), what: pushed ? 'The pushed route' : 'The route' }]
    : []);
}

/** Who wins the overlap, by longest prefix. */
function outcome(vpn: Prefix, lan: Prefix, dev: string): string {
  if (samePrefix(vpn, lan)) {
    return `both routes have the same prefix, so only the metric decides: either the VPN's hosts or the LAN's become unreachable (OpenVPN may also fail to add the route with "File exists").`;
  }
  if (vpn.len > lan.len) {
    return `the VPN's route is more specific, so LAN addresses in ${formatPrefix(vpn)} go into the tunnel and stop being reachable on ${dev}.`;
  }
  return `the LAN route is more specific and wins, so the VPN's hosts in ${formatPrefix(lan)} are reached on ${dev}, not through the tunnel.`;
}
