import { type Family, formatAddress } from '../../../net/address';
import { type Prefix, defaultPrefix, formatPrefix, hostPrefix, splitPrefix } from '../../../net/prefix';
import {
  type InstallInput, type InstallPlan, type InstallStep, type PlannedRoute, action, hookText, route, sortedClaims,
} from './types';

/** What wg-quick/darwin.bash runs: a /0 becomes two halves, and endpoints get host routes around the tunnel. */
export function macosPlan({ config, routing, options }: InstallInput): InstallPlan {
  const dev = options.device ?? 'utunN';
  const iface = config.interface;
  const steps: InstallStep[] = [];
  const routes: PlannedRoute[] = [];
  const inet = (family: Family): string => (family === 4 ? '-inet' : '-inet6');
  steps.push(action('link', `Starts wireguard-go, which creates the next free utun device (${dev}).`, 'wireguard-go utun'));
  const pre = hookText(config, ['PreUp']);
  if (pre) steps.push(action('hooks', pre));
  steps.push(action('config', 'Loads keys, peers and AllowedIPs.', `wg setconf ${dev} /dev/fd/63`));
  for (const a of iface.addresses) {
    const command = a.address.family === 4
      ? `ifconfig ${dev} inet ${a.text} ${formatAddress(a.address)} alias`
      : `ifconfig ${dev} inet6 ${a.text} alias`;
    steps.push(action('address', `Assigns ${a.text}.`, command));
  }
  steps.push(action('mtu', iface.mtu !== undefined ? `Sets MTU ${iface.mtu}.` : 'Sets the MTU to the default route interface\'s MTU minus 80.', `ifconfig ${dev} mtu ${iface.mtu ?? 1420}`));
  steps.push(action('link', 'Brings the interface up.', `ifconfig ${dev} up`));
  const table = iface.table;
  const autoDefault: Family[] = [];
  if (table.kind === 'off') steps.push(action('note', 'Table = off: wg-quick adds no routes.'));
  const supported = table.kind !== 'table' || table.name === 'main';
  if (!supported) steps.push(action('note', `Table = ${table.kind === 'table' ? table.name : ''}: wg-quick on macOS stops with "Darwin only supports TABLE=auto|main|off".`));
  const add = (family: Family, prefix: Prefix, sources: PlannedRoute['sources']): void => {
    const r = route({ family, prefix, table: 'main', device: dev, metric: 0, why: 'allowed-ips', sources, command: `route -q -n add ${inet(family)} ${formatPrefix(prefix)} -interface ${dev}` });
    steps.push(r);
    routes.push(r);
  };
  for (const claim of table.kind === 'off' || !supported ? [] : sortedClaims(routing)) {
    const { prefix, span } = claim.allowed;
    if (prefix.len === 0 && table.kind === 'auto') {
      // Two halves beat the existing default by prefix length without replacing it.
      autoDefault.push(prefix.family);
      for (const half of splitPrefix(defaultPrefix(prefix.family))) add(prefix.family, half, [span]);
      continue;
    }
    add(prefix.family, prefix, [span]);
  }
  for (const family of autoDefault) {
    const gateway = options.gateways?.[family];
    for (const peer of config.peers) {
      const endpoint = peer.endpoint;
      if (!endpoint) continue;
      if (!endpoint.address) {
        if (family === autoDefault[0]) steps.push(action('note', `Endpoint ${endpoint.host} gets the same host route once wg has resolved it.`));
        continue;
      }
      if (endpoint.address.family !== family) continue;
      const ep = formatAddress(endpoint.address);
      const via = gateway ? formatAddress(gateway) : '<default gateway>';
      const r = route({
        family, prefix: hostPrefix(endpoint.address), table: 'main', device: undefined, gateway, viaDefaultGateway: true, metric: 0,
        why: 'endpoint', sources: [endpoint.hostSpan],
        command: `route -q -n add ${inet(family)} ${ep} -gateway ${via}`,
      });
      steps.push(r);
      routes.push(r);
    }
  }
  if (autoDefault.length > 0) {
    steps.push(action('note', 'Without a default gateway the endpoint route is a blackhole instead, to avoid a routing loop.'));
  }
  if (iface.dns.length > 0) {
    steps.push(action('dns', `Sets DNS ${iface.dns.map((d) => formatAddress(d.address)).join(', ')} on every network service.`, 'networksetup -setdnsservers <service> ...'));
  }
  steps.push(action('note', `A background route monitor keeps the MTU${autoDefault.length > 0 ? ', the endpoint routes' : ''} and DNS up to date when the network changes.`));
  const post = hookText(config, ['PostUp']);
  if (post) steps.push(action('hooks', post));
  const routesInactive = table.kind === 'off' ? 'off' : undefined;
  return {
    os: 'macos', device: dev, steps, routes, rules: [], policyTable: undefined, autoDefault, killSwitch: false, routesInactive,
    summary: routesInactive ? 'Table = off: no routes.'
      : autoDefault.length > 0
        ? `A /0 becomes ${autoDefault.map((f) => (f === 4 ? '0.0.0.0/1 + 128.0.0.0/1' : '::/1 + 8000::/1')).join(' and ')} via ${dev}, and each endpoint gets a host route via the current default gateway.`
        : `One route per AllowedIPs prefix via ${dev}; no endpoint routes, since there is no /0.`,
  };
}
