import { type Finding, type Route, makeFinding } from '../model';
import { type Address, formatAddress } from '../net/address';
import { prefixContains } from '../net/prefix';
import { type IncrementalForm, type RouteChange, type RouteIndex, carriedIndex, keptIndex } from './routeIndex';
import type { Rule, RuleContext } from './types';

export const GATEWAY_NOT_ON_LINK = 'gateway-not-on-link';

const CONNECTED_MEMO_KEY = 'gatewayNotOnLink.connected';

/** The device whose connected subnet `route` is: a single next hop without a gateway. */
function connectedDevice(route: Route): string | undefined {
  const hop = route.nexthops[0];
  if (route.type !== 'unicast' || route.nexthops.length !== 1 || !hop?.device || hop.gateway) return undefined;
  return hop.device;
}

const SEVERAL_DEVICES = '';

/** The device of a route's gateways, or SEVERAL_DEVICES when they are on more than one: where a subnet change reaches it. */
function gatewayDevice(route: Route): string | undefined {
  let device: string | undefined;
  for (const hop of route.nexthops) {
    if (!hop.gateway || !hop.device) continue;
    if (device !== undefined && device !== hop.device) return SEVERAL_DEVICES;
    device = hop.device;
  }
  return device;
}

/**
 * A gateway must sit on a subnet connected to the route's interface, or the kernel refuses the route
 * ("Nexthop has invalid gateway") unless it carries `onlink`. Reported only when the dump shows that
 * interface's connected subnets, so a partial paste does not raise false alarms.
 * The connected subnets are kept by device across versions: an edit re-checks the routes it changed, and when
 * it changed a connected subnet, the routes with a gateway on that device.
 */
export const gatewayNotOnLink: Rule & IncrementalForm = {
  code: GATEWAY_NOT_ON_LINK,
  check(context: RuleContext): Finding[] {
    if (context.tables.os !== 'linux') return [];
    const connected = keptIndex(context, CONNECTED_MEMO_KEY, connectedDevice);
    const findings: Finding[] = [];
    if (connected.size === 0) return findings;
    const onLink = onLinkMemo(connected);
    for (const route of context.document.routes) findingsOf(route, connected, findings, onLink);
    return findings;
  },
  update(change: RouteChange): { dropped: ReadonlySet<number>; findings: Finding[] } | undefined {
    const { context, removed, added } = change;
    if (context.tables.os !== 'linux') return { dropped: new Set(), findings: [] };
    const connected = carriedIndex(change, CONNECTED_MEMO_KEY, connectedDevice);
    if (!connected) return undefined;
    const owners = new Set(added.map((r) => r.id));
    // A changed subnet (or its line, which findings cite) reaches every gateway on its device.
    const devices = new Set<string>();
    for (const route of [...removed, ...added]) {
      const device = connectedDevice(route);
      if (device !== undefined) devices.add(device);
    }
    if (devices.size > 0) {
      // Editing a connected subnet is rare; one walk then is cheaper than keeping every gatewayed route by device.
      for (const route of context.document.routes) {
        const device = gatewayDevice(route);
        if (device !== undefined && (device === SEVERAL_DEVICES || devices.has(device))) owners.add(route.id);
      }
    }
    const findings: Finding[] = [];
    const onLink = onLinkMemo(connected);
    for (const id of [...owners].sort((a, b) => a - b)) {
      const route = context.document.routes[id];
      if (route) findingsOf(route, connected, findings, onLink);
    }
    return { dropped: owners, findings };
  },
};

/** Whether a gateway is on a subnet connected to a device, asked once per device and gateway. */
type OnLink = (device: string, gateway: Address) => boolean;

/** A dump has a million routes through a handful of gateways, whose addresses the parsers share. */
function onLinkMemo(connected: RouteIndex): OnLink {
  const byDevice = new Map<string, Map<Address, boolean>>();
  return (device, gateway) => {
    let known = byDevice.get(device);
    if (!known) {
      known = new Map();
      byDevice.set(device, known);
    }
    let on = known.get(gateway);
    if (on === undefined) {
      on = (connected.get(device) ?? []).some((s) => prefixContains(s.prefix, gateway));
      // A hostile dump may have a million distinct gateways: the memo stays small.
      if (known.size < 4096) known.set(gateway, on);
    }
    return on;
  };
}

function findingsOf(route: Route, connected: RouteIndex, out: Finding[], onLink: OnLink): void {
  if (route.type !== 'unicast' || route.flags.includes('onlink')) return;
  for (const hop of route.nexthops) {
    if (!hop.gateway || !hop.device || hop.flags.includes('onlink') || hop.gateway.family !== route.family) continue;
    const subnets = connected.get(hop.device);
    if (!subnets || onLink(hop.device, hop.gateway)) continue;
    out.push(makeFinding(GATEWAY_NOT_ON_LINK, 'warning',
      `Gateway ${formatAddress(hop.gateway)} is not on any subnet connected to ${hop.device}; the kernel refuses such a route ("Nexthop has invalid gateway") unless it has \`onlink\`. This table was probably edited, or the address of ${hop.device} changed after the route was added.`,
      hop.span.line === route.span.line ? route.span : hop.span, {
        related: subnets.slice(0, 4).map((s) => ({ span: s.span, message: `A subnet connected to ${hop.device}.` })),
        routeIds: [route.id],
      }));
  }
}
