import { type Address, parseIPv4, parseIPv6 } from '../../net/address';
import { type Prefix, parsePrefix, prefixOf } from '../../net/prefix';
import { CONNECTION_OPTIONS, DIRECTIVES } from './directives';
import type {
  Directive, DnsServer, OpenVpnConfig, OptionSet, ParsedConfig, PullFilter, Redirect, RedirectFlag, Remote, Role,
  Route6Option, RouteOption,
} from './model';
import { gatewayKind, ipv4Network, ipv6Network, isDefault, maskLength } from './values';

const FLAGS: ReadonlySet<string> = new Set<RedirectFlag>(['local', 'autolocal', 'def1', 'bypass-dhcp', 'bypass-dns', 'block-local', 'ipv6', '!ipv4']);

/** Turns parsed directives into what they mean for routing, for this machine and for pushed clients. */
export function interpret(parsed: ParsedConfig): OpenVpnConfig {
  const all = parsed.directives;
  // Inside <connection> only connection settings count; anything else stops OpenVPN (a parse error).
  const own = all.filter((d) => !d.push && (d.connection === undefined || CONNECTION_OPTIONS.has(d.name)));
  const pushed = all.filter((d) => d.push);
  const has = (name: string): Directive | undefined => own.find((d) => d.name === name);
  const role: Role = has('server') || has('server-ipv6') || has('server-bridge') || own.some((d) => d.name === 'mode' && d.args[0]?.text === 'server')
    ? 'server'
    : has('client') || has('pull') || has('tls-client') ? 'client' : 'peer';
  const devDirective = last(own, 'dev');
  const devText = devDirective?.args[0]?.text ?? 'tun';
  const devType = last(own, 'dev-type')?.args[0]?.text ?? (devText.startsWith('tap') ? 'tap' : devText === 'null' ? 'null' : 'tun');
  const local = optionSet(own);
  const server = serverNetwork(has('server'));
  const server6 = has('server-ipv6')?.args[0] ? parsePrefix(has('server-ipv6')?.args[0]?.text ?? '', 6)?.prefix : undefined;
  const dnsScript = own.find((d) => d.name === 'up' || d.name === 'dns-updown');
  return {
    parsed,
    role,
    device: devText === 'tun' || devText === 'tap' ? `${devText}0` : devText,
    deviceType: devType === 'tap' ? 'tap' : devType === 'null' ? 'null' : 'tun',
    remotes: own.filter((d) => d.name === 'remote' && d.args[0]).map(remote),
    local,
    pushed: optionSet(pushed),
    pullFilters: own.filter((d) => d.name === 'pull-filter').flatMap(pullFilter),
    ...(has('route-nopull') ? { routeNopull: has('route-nopull') } : {}),
    ...(has('route-noexec') ? { routeNoexec: has('route-noexec') } : {}),
    ...optional('vpnGateway', vpnGateway(local, devType)),
    ...optional('serverNetwork', server),
    ...optional('serverNetwork6', server6),
    windowsHints: own.filter(isWindowsHint),
    ...(dnsScript ? { dnsScript } : {}),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function last(list: readonly Directive[], name: string): Directive | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]?.name === name) return list[i];
  return undefined;
}

/** The routing options among `list`: redirects, routes, DNS servers and tunnel addresses. */
export function optionSet(list: readonly Directive[]): OptionSet {
  const topology = last(list, 'topology')?.args[0]?.text;
  const routeGateway = parseIPv4(last(list, 'route-gateway')?.args[0]?.text ?? '');
  const ifconfig = last(list, 'ifconfig');
  const ifconfigIpv6 = last(list, 'ifconfig-ipv6');
  const blockOutsideDns = list.find((d) => d.name === 'block-outside-dns');
  const blockIpv6 = list.find((d) => d.name === 'block-ipv6');
  return {
    redirects: list.filter((d) => d.name === 'redirect-gateway' || d.name === 'redirect-private').map(redirect),
    routes: list.filter((d) => d.name === 'route' && d.args[0]).map(route),
    routes6: list.filter((d) => d.name === 'route-ipv6' && d.args[0]).map(route6),
    dns: list.flatMap(dnsServers),
    ...(blockOutsideDns ? { blockOutsideDns } : {}),
    ...(blockIpv6 ? { blockIpv6 } : {}),
    ...(routeGateway ? { routeGateway } : {}),
    ...(ifconfig ? { ifconfig } : {}),
    ...(ifconfigIpv6 ? { ifconfigIpv6 } : {}),
    ...(topology ? { topology } : {}),
  };
}

/** Flags as OpenVPN applies them, in order: `!ipv4` clears what came before it. */
export function redirect(directive: Directive): Redirect {
  const isPrivate = directive.name === 'redirect-private';
  const flags = new Set<RedirectFlag>();
  let ipv4 = !isPrivate;
  let enabled = true;
  let ipv6 = false;
  for (const arg of directive.args) {
    if (!FLAGS.has(arg.text)) continue;
    const flag = arg.text as RedirectFlag;
    flags.add(flag);
    if (flag === 'ipv6') ipv6 = true;
    if (flag === '!ipv4') {
      ipv4 = false;
      enabled = false;
    }
  }
  return { directive, private: isPrivate, flags, ipv4, enabled, ipv6 };
}

function route(directive: Directive): RouteOption {
  const [network, mask, gateway, metric] = directive.args as [RouteOption['network'], ...(RouteOption['network'] | undefined)[]];
  const maskText = isDefault(mask) ? undefined : mask?.text;
  const value = ipv4Network(network.text, maskText);
  const gw = gatewayKind(gateway);
  const metricValue = isDefault(metric) ? undefined : Number(metric?.text);
  return {
    directive,
    network,
    ...(value.prefix && !value.problem ? { prefix: value.prefix } : {}),
    networkIsRemote: network.text === 'remote_host',
    gateway: gw.kind,
    ...(gw.address ? { gatewayAddress: gw.address } : {}),
    ...(gateway && !isDefault(gateway) ? { gatewayParam: gateway } : {}),
    ...(metricValue !== undefined && Number.isInteger(metricValue) ? { metric: metricValue } : {}),
  };
}

function route6(directive: Directive): Route6Option {
  const [network, gateway, metric] = directive.args as [Route6Option['network'], ...(Route6Option['network'] | undefined)[]];
  const value = ipv6Network(network.text);
  const gw = gatewayKind(gateway);
  const metricValue = isDefault(metric) ? undefined : Number(metric?.text);
  return {
    directive,
    network,
    ...(value.prefix && !value.problem ? { prefix: value.prefix } : {}),
    gateway: gw.kind,
    ...(gw.address ? { gatewayAddress: gw.address } : {}),
    ...(metricValue !== undefined && Number.isInteger(metricValue) ? { metric: metricValue } : {}),
  };
}

/** `dhcp-option DNS a`, `dhcp-option DNS6 a` and the 2.6 `dns server N address a b…`. */
function dnsServers(directive: Directive): DnsServer[] {
  const args = directive.args;
  if (directive.name === 'dhcp-option' && (args[0]?.text === 'DNS' || args[0]?.text === 'DNS6') && args[1]) {
    const address = parseIPv4(args[1].text) ?? parseIPv6(args[1].text);
    return [{ directive, param: args[1], ...(address ? { address } : {}) }];
  }
  if (directive.name === 'dns' && args[0]?.text === 'server' && args[2]?.text === 'address') {
    return args.slice(3).map((param) => {
      // Addresses may carry a port: `10.8.0.1:53`, `[2001:db8::1]:53`.
      const host = param.text.replace(/^\[(.*)\](?::\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1');
      const address = parseIPv4(host) ?? parseIPv6(host);
      return { directive, param, ...(address ? { address } : {}) };
    });
  }
  return [];
}

function remote(directive: Directive): Remote {
  const [host, port, proto] = directive.args as [Remote['host'], ...(Remote['host'] | undefined)[]];
  const address = parseIPv4(host.text) ?? parseIPv6(host.text);
  return {
    directive, host,
    ...(address ? { address } : {}),
    ...(port ? { port: port.text } : {}),
    ...(proto ? { proto: proto.text } : {}),
  };
}

function pullFilter(directive: Directive): PullFilter[] {
  const [action, pattern] = directive.args;
  if (!action || !pattern || !['accept', 'ignore', 'reject'].includes(action.text)) return [];
  return [{ directive, action: action.text as PullFilter['action'], pattern }];
}

/** net30 and p2p give the peer address as the second `ifconfig` parameter; subnet topologies need `route-gateway`. */
function vpnGateway(set: OptionSet, devType: string): Address | undefined {
  if (set.routeGateway) return set.routeGateway;
  const second = parseIPv4(set.ifconfig?.args[1]?.text ?? '');
  if (!second || devType === 'tap' || set.topology === 'subnet') return undefined;
  // A mask in the second slot means topology subnet even when the option is not written.
  return second.words[0] !== undefined && (second.words[0] >>> 24) === 255 ? undefined : second;
}

function serverNetwork(directive: Directive | undefined): Prefix | undefined {
  const network = parseIPv4(directive?.args[0]?.text ?? '');
  const mask = parseIPv4(directive?.args[1]?.text ?? '');
  const len = mask ? maskLength(mask) : undefined;
  return network && len !== undefined ? prefixOf(network, len) : undefined;
}

/** Options only Windows builds know, Windows paths, and `dev-node` point at Windows clients. */
function isWindowsHint(d: Directive): boolean {
  if (DIRECTIVES.get(d.name)?.windowsOnly || d.name === 'dev-node' || d.name === 'route-method') return true;
  return d.args.some((a) => /^[A-Za-z]:[\\/]/.test(a.text));
}
