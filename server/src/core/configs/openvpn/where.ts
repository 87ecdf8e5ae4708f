import { type Address, formatAddress } from '../../net/address';
import { formatPrefix } from '../../net/prefix';
import { type Resolution, resolve } from '../../resolver';
import { describeHops } from '../../rules/routeText';
import { code } from '../../explain/markdown';
import type { Side } from './context';
import { type InstalledRoute, matchInstalled } from './install';

/** Where one address goes once the side is connected. */
export interface Whereabouts {
  readonly tunnel: boolean;
  /** One sentence without the address: "goes through the tunnel (tun0): …". */
  readonly summary: string;
  readonly installed?: InstalledRoute;
  readonly resolution?: Resolution;
}

/** With a dump, the lookup runs on the predicted table; without one, on the config's own routes. */
export function whereabouts(side: Side, address: Address, device: string, source = 'this config'): Whereabouts {
  const prediction = side.prediction;
  if (prediction) {
    const resolution = resolve(prediction.tables, address);
    const route = resolution.route;
    if (!route) return { tunnel: false, summary: 'has no route once connected: "Network is unreachable".', resolution };
    const installed = prediction.vpn.get(route.id);
    const hops = describeHops(resolution.nexthops);
    const tunnel = installed ? installed.target === 'tunnel' : resolution.nexthops.some((h) => h.device === device);
    if (installed) {
      return {
        tunnel, installed, resolution,
        summary: `${tunnel ? 'goes **through the tunnel**' : 'stays **outside the tunnel**'} (${code(hops)}) by ${describeInstalled(installed)}.`,
      };
    }
    const name = prediction.view.name;
    return {
      tunnel, resolution,
      summary: `${tunnel ? 'goes **through the tunnel**' : 'stays **outside the tunnel**'} (${code(hops)}) by ${code(formatPrefix(route.prefix))} on line ${route.span.line + 1} of ${name}, which the VPN's routes do not override.`,
    };
  }
  const installed = matchInstalled(side.plan.routes, address);
  if (!installed) {
    return { tunnel: false, summary: `is not covered by ${source}: it keeps following the machine's own routes, **outside the tunnel**.` };
  }
  const tunnel = installed.target === 'tunnel';
  const target = tunnel ? `goes **through the tunnel**${installed.device ? ` (${code(installed.device)})` : ''}` : installed.target === 'net_gateway'
    ? 'stays **outside the tunnel** via the machine\'s default gateway (net_gateway)'
    : `goes to ${code(installed.via)}`;
  return { tunnel, installed, summary: `${target} by ${describeInstalled(installed)}.` };
}

/** `0.0.0.0/1 (\`redirect-gateway def1\`: lower half of IPv4, line 7)`. */
export function describeInstalled(route: InstalledRoute): string {
  const condition = route.condition ? `, ${route.condition}` : '';
  return `${code(formatPrefix(route.prefix))} (${route.why}, line ${route.span.line + 1}${condition})`;
}

/** `0.0.0.0/1 via 10.8.0.5 dev tun0`, as `ip route` would show the route. */
export function installedText(route: InstalledRoute): string {
  const via = route.gateway ? ` via ${formatAddress(route.gateway)}` : route.target === 'tunnel' ? '' : ` via ${route.via}`;
  const dev = route.device ? ` dev ${route.device}` : '';
  const metric = route.metric !== undefined ? ` metric ${route.metric}` : '';
  return `${formatPrefix(route.prefix)}${via}${dev}${metric}`;
}
