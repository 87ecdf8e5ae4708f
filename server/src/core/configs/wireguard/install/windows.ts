import { formatAddress } from '../../../net/address';
import { formatPrefix, prefixKey } from '../../../net/prefix';
import type { WgConfig } from '../model';
import {
  type InstallInput, type InstallPlan, type InstallStep, type PlannedRoute, action, connectedPrefix, hookText, route,
} from './types';

/**
 * WireGuard for Windows turns on its kill-switch firewall when the config has exactly one peer and that peer
 * lists an all-zero /0 (tunnel/addressconfig.go, `enableFirewall`); Table = off turns it off.
 */
export function windowsKillSwitch(config: WgConfig): boolean {
  if (config.peers.length !== 1 || config.interface.table.kind === 'off') return false;
  return config.peers[0]?.allowedIps.some((a) => a.prefix.len === 0 && !a.hostBitsSet) ?? false;
}

/** What the WireGuard for Windows tunnel service sets up: routes on the adapter, DNS, and its firewall. */
export function windowsPlan({ config, routing, options }: InstallInput): InstallPlan {
  const dev = options.device ?? config.name ?? 'wg0';
  const iface = config.interface;
  const steps: InstallStep[] = [];
  const routes: PlannedRoute[] = [];
  steps.push(action('link', `Creates a WireGuard adapter named after the tunnel (${dev}) and loads the config.`));
  for (const a of iface.addresses) {
    steps.push(action('address', `Assigns ${a.text}.`));
    const connected = connectedPrefix(a.address, a.len);
    if (!connected) continue;
    const r = route({ family: a.address.family, prefix: connected, table: 'main', device: dev, metric: 0, why: 'address', sources: [a.span], command: `On-link route ${formatPrefix(connected)} on ${dev}` });
    steps.push(r);
    routes.push(r);
  }
  const off = iface.table.kind === 'off';
  if (off) steps.push(action('note', 'Table = off: the tunnel service adds no routes and no kill-switch.'));
  const seen = new Set<string>();
  let hasDefault = false;
  for (const claim of off ? [] : routing.claims) {
    const { prefix, span } = claim.allowed;
    // The service deduplicates the AllowedIPs of all peers before adding routes.
    if (seen.has(prefixKey(prefix))) continue;
    seen.add(prefixKey(prefix));
    if (prefix.len === 0) hasDefault = true;
    const r = route({ family: prefix.family, prefix, table: 'main', device: dev, metric: 0, why: 'allowed-ips', sources: [span], command: `Route ${formatPrefix(prefix)} on ${dev}, metric 0` });
    steps.push(r);
    routes.push(r);
  }
  if (hasDefault) steps.push(action('note', `With a /0 the adapter's interface metric is set to 0, so its default route wins over the physical one.`));
  if (iface.dns.length > 0) {
    steps.push(action('dns', `Sets DNS ${iface.dns.map((d) => formatAddress(d.address)).join(', ')} on the adapter${iface.searchDomains.length > 0 ? `, search ${iface.searchDomains.join(', ')}` : ''}.`));
  }
  const killSwitch = windowsKillSwitch(config);
  steps.push(killSwitch
    ? action('firewall', `Kill-switch: the only peer has a /0, so the firewall blocks everything outside the tunnel except loopback, DHCP, NDP and the tunnel's own UDP${iface.dns.length > 0 ? '; port 53 only to the DNS servers listed' : ''}. 0.0.0.0/1 + 128.0.0.0/1 (and ::/1 + 8000::/1) instead of /0 avoid it.`)
    : action('firewall', 'One firewall rule lets the tunnel service send and receive its own UDP; no kill-switch (that needs exactly one peer with a /0).'));
  steps.push(action('note', 'Endpoints need no host route: the driver sends each packet by the best route that does not loop back into the tunnel.'));
  const hooks = hookText(config, ['PreUp', 'PostUp']);
  if (hooks) steps.push(action('hooks', `${hooks} Windows runs them only when the DangerousScriptExecution registry value is set.`));
  return {
    os: 'windows', device: dev, steps, routes, rules: [], policyTable: undefined, autoDefault: [], killSwitch,
    routesInactive: off ? 'off' : undefined,
    summary: off ? 'Table = off: no routes and no kill-switch.'
      : killSwitch ? `Routes for every AllowedIPs prefix on ${dev}, and the kill-switch firewall blocks all traffic outside the tunnel.`
        : `Routes for every AllowedIPs prefix on ${dev}; no kill-switch.`,
  };
}
