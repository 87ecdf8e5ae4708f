import type { Analysis } from '../analyze';
import { type Address, formatAddress } from '../net/address';
import type { Flow } from '../policy/flow';
import { ruleText } from '../policy/ruleText';
import { type Resolution, resolve } from '../resolver';
import { describeHops } from '../rules/routeText';
import { bullets, code, numbered, routeLine } from './markdown';

const MAX_LOST = 8;

/** Whether the resolved traffic enters a tunnel, in words. */
export function tunnelVerdict(analysis: Analysis, resolution: Resolution): string {
  const hops = resolution.nexthops;
  if (hops.length === 0) return '';
  const tunnelled = hops.filter((h) => analysis.tunnels.isTunnel(h.device));
  if (tunnelled.length === hops.length) {
    const dev = hops[0]?.device ?? '';
    const pattern = analysis.tunnels.matchingPattern(dev);
    return `**through the tunnel** (${code(dev)}${pattern && pattern !== dev ? `, a tunnel name: ${code(pattern)}` : ''})`;
  }
  if (tunnelled.length > 0) return '**partly through the tunnel**: some next hops are tunnels, some are not';
  const anyTunnel = analysis.document.routes.some((r) => r.nexthops.some((h) => analysis.tunnels.isTunnel(h.device)));
  return anyTunnel ? '**outside the tunnel**' : 'not through a tunnel (no tunnel interface in this table)';
}

/** One line: where the address goes. */
export function headline(analysis: Analysis, resolution: Resolution): string {
  const target = `**${formatAddress(resolution.address)}**`;
  const route = resolution.route;
  if (!route && resolution.rule && resolution.error) {
    return `${target} is refused by rule ${resolution.rule.priority} (\`${resolution.rule.action}\`): the kernel answers "${resolution.error}".`;
  }
  if (!route && resolution.error) return `${target}: no route; the kernel answers "${resolution.error}".`;
  if (!route) return `${target} → ${code(describeHops(resolution.nexthops))}`;
  switch (resolution.outcome) {
    case 'blackhole':
    case 'unreachable':
    case 'prohibit':
      return `${target} is refused by a \`${route.type}\` route: the kernel answers "${resolution.error ?? ''}".`;
    case 'local':
      return `${target} is this host's own address: delivered locally.`;
    case 'broadcast':
      return `${target} is a broadcast address on ${code(route.nexthops[0]?.device ?? '?')}.`;
    default: {
      const verdict = tunnelVerdict(analysis, resolution);
      return `${target} → ${code(describeHops(resolution.nexthops))}${verdict ? ` · ${verdict}` : ''}`;
    }
  }
}

/**
 * The hover for an address: the answer, the winning route, the chain of decisions and the losers.
 * The document's rules are walked for the plain flow, or for `flow` when a command asked for one.
 */
export function addressHover(analysis: Analysis, address: Address, flow?: Flow): string {
  const resolution = resolve(analysis.tables, address, { rules: analysis.document.rules, ...(flow ? { flow } : {}) });
  const parts = [headline(analysis, resolution)];
  if (resolution.route) parts.push(`Route: ${routeLine(resolution.route)} (table ${resolution.route.table})`);
  if (resolution.rule) parts.push(`Rule: ${code(`${resolution.rule.priority}: ${ruleText(resolution.rule)}`)} (line ${resolution.rule.span.line + 1})`);
  parts.push(`**Why**\n\n${numbered(resolution.steps)}`);
  if (resolution.lost.length > 0) {
    const shown = resolution.lost.slice(0, MAX_LOST).map((l) => `${routeLine(l.route)}: ${l.reason}`);
    if (resolution.lost.length > MAX_LOST) shown.push(`…and ${resolution.lost.length - MAX_LOST} more`);
    parts.push(`**Candidates that lost**\n\n${bullets(shown)}`);
  }
  return parts.join('\n\n');
}
