import { type Span, spanOnLine } from '../../../model';
import { splitLines } from '../../../formats/tokens';
import { type Address, parseIPv4, parseIPv6 } from '../../../net/address';
import { type Prefix, hostPrefix, parsePrefix, prefixOf } from '../../../net/prefix';
import { lexLine } from '../lexer';
import type { Directive } from '../model';
import { maskLength } from '../values';
import type { ConflictWarning, FilterEvent, LogGateway, LogRoute, ParsedLog, PushReply } from './model';
import { messageStart } from './prefix';
import { parseRouteCommand } from './routeCommands';

interface State {
  readonly lines: readonly string[];
  routes: LogRoute[];
  pushes: PushReply[];
  filters: FilterEvent[];
  gateway4?: LogGateway;
  gateway6?: LogGateway;
  device?: { name: string; span: Span };
  tunnelNetworks: { prefix: Prefix; span: Span; session: number }[];
  conflicts: ConflictWarning[];
  servers: { address: Address; span: Span }[];
  secrets: Span[];
  initialized: boolean;
  session: number;
  /** Routes logged since the session began, so a restart knows whether to open a new one. */
  sessionRoutes: number;
}

const FAILURE = /^(?:ERROR: .*route|RTNETLINK answers: |sitnl_send: rtnl: generic error|Route addition via service failed|ROUTE: route addition failed)/;

/** Reads an OpenVPN log into the routes it installed, the options it was pushed and the machine's gateway. */
export function parseLog(text: string): ParsedLog {
  const lines = splitLines(text);
  const state: State = { lines, routes: [], pushes: [], filters: [], tunnelNetworks: [], conflicts: [], servers: [], secrets: [], initialized: false, session: 0, sessionRoutes: 0 };
  for (let i = 0; i < lines.length; i++) readLine(state, i, lines[i] ?? '');
  return state;
}

/** Session tokens and management passwords; OpenVPN redacts them in new versions, older logs show them. */
const CREDENTIAL = /\bauth-token(?:-user)? ([^\s,']+)|\bpassword "[^"]*" "([^"]*)"/g;

function hideCredentials(state: State, line: number, raw: string): void {
  if (!raw.includes('auth-token') && !raw.includes('password "')) return;
  for (const m of raw.matchAll(CREDENTIAL)) {
    const value = m[1] ?? m[2] ?? '';
    if (value === '' || value === '[REDACTED]') continue;
    const start = (m.index ?? 0) + m[0].length - value.length - (m[2] !== undefined ? 1 : 0);
    state.secrets.push(spanOnLine(line, start, start + value.length));
  }
}

function readLine(state: State, line: number, raw: string): void {
  hideCredentials(state, line, raw);
  const at = messageStart(raw);
  const message = raw.slice(at);
  const span = spanOnLine(line, at, raw.length);
  if (/^OpenVPN \d+\.\d+|process restarting|^Restart pause/.test(message)) {
    // A restart tears the old routes down (unless persist-tun); the routes that follow replace them.
    state.initialized = false;
    if (state.sessionRoutes > 0) {
      state.session++;
      state.sessionRoutes = 0;
    }
    return;
  }
  if (message.startsWith('Initialization Sequence Completed')) {
    state.initialized = true;
    return;
  }
  const route = parseRouteCommand(message, at, line);
  if (route) {
    const previous = state.routes[state.routes.length - 1];
    // Linux logs IPv6 routes twice (add_route_ipv6 and the netlink call); keep the fuller one.
    if (previous && previous.action === route.action && previous.span.line >= line - 2 && samePrefixText(previous.prefix, route.prefix)) {
      const device = route.device ?? previous.device;
      state.routes[state.routes.length - 1] = { ...previous, ...route, ...(device ? { device } : {}), afterInit: state.initialized, session: state.session };
      return;
    }
    state.routes.push({ ...route, afterInit: state.initialized, session: state.session });
    state.sessionRoutes++;
    return;
  }
  if (FAILURE.test(message)) {
    const last = state.routes[state.routes.length - 1];
    if (last && last.span.line >= line - 3 && last.failed === undefined) {
      const reason = /File exists|Network is unreachable|No such process|Invalid argument|Operation not permitted|Permission denied/.exec(message)?.[0] ?? 'the command failed';
      state.routes[state.routes.length - 1] = { ...last, failed: reason };
    }
    return;
  }
  if (message.startsWith('PUSH: Received control message:')) return readPush(state, line, raw, at);
  const filter = /^Pushed option (removed|rejected|accepted) by filter: '([^']*)'/.exec(message);
  if (filter) {
    state.filters.push({ action: filter[1] as FilterEvent['action'], option: filter[2] ?? '', span });
    return;
  }
  if (message.startsWith('ROUTE_GATEWAY ') || message.startsWith('ROUTE6_GATEWAY ')) return readGateway(state, message, span);
  const device = /^(?:TUN\/TAP|DCO) device (\S+) opened|^Opened utun device (\S+)|^\S+ device \[([^\]]{1,80})\] opened/.exec(message);
  if (device) {
    state.device = { name: device[1] ?? device[2] ?? device[3] ?? 'tun', span };
    return;
  }
  const conflict = /^WARNING: potential \w+ subnet conflict between local LAN \[([\d.]+)\/([\d.]+)\] and remote VPN \[([\d.]+)\/([\d.]+)\]/.exec(message);
  if (conflict) {
    const lan = network(conflict[1], conflict[2]);
    const vpn = network(conflict[3], conflict[4]);
    if (lan && vpn) state.conflicts.push({ lan, vpn, span });
    return;
  }
  const address = /^net_addr_v[46]_add: (\S+)\/(\d+) dev|^(?:\S*\/)?ip (?:-6 )?addr add (?:dev \S+ )?([0-9a-fA-F.:]+)\/(\d+)/.exec(message);
  if (address) {
    const parsed = parsePrefix(`${address[1] ?? address[3] ?? ''}/${address[2] ?? address[4] ?? ''}`);
    if (parsed) state.tunnelNetworks.push({ prefix: parsed.prefix, span, session: state.session });
    return;
  }
  const peer = /^net_addr_ptp_v4_add: \S+ peer (\S+) dev|^(?:\S*\/)?ip addr add dev \S+ local \S+ peer (\S+)/.exec(message);
  const peerAddress = peer ? parseIPv4((peer[1] ?? peer[2] ?? '').replace(/\/\d+$/, '')) : undefined;
  if (peerAddress) {
    state.tunnelNetworks.push({ prefix: hostPrefix(peerAddress), span, session: state.session });
    return;
  }
  const server = /^(?:(?:\[[^\]]{0,64}\] )?Peer Connection Initiated with|(?:TCP|UDP)v?[46]? link remote:|TCP connection established with|TCP\/UDP: Preserving recently used remote address:) \[AF_INET6?\]([0-9A-Fa-f.:]+)/.exec(message);
  if (server?.[1]) {
    const text = server[1];
    const address4 = parseIPv4(text.replace(/:\d+$/, ''));
    const address6 = address4 ? undefined : parseIPv6(text) ?? parseIPv6(text.replace(/:\d+$/, ''));
    const found = address4 ?? address6;
    if (found && state.servers[state.servers.length - 1]?.span.line !== line) state.servers.push({ address: found, span });
  }
}

function samePrefixText(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && a.len === b.len && a.words.every((w, i) => w === b.words[i]);
}

function network(address: string | undefined, mask: string | undefined): Prefix | undefined {
  const a = parseIPv4(address ?? '');
  const m = parseIPv4(mask ?? '');
  const len = m ? maskLength(m) : undefined;
  return a && len !== undefined ? prefixOf(a, len) : undefined;
}

/** `PUSH_REPLY,opt,opt,…`: each option between commas is an option line of its own. */
function readPush(state: State, line: number, raw: string, at: number): void {
  const start = raw.indexOf('PUSH_REPLY', at);
  if (start < 0) return;
  let end = raw.lastIndexOf('\'');
  if (end <= start) end = raw.length;
  const options: Directive[] = [];
  let from = start + 'PUSH_REPLY'.length + 1;
  while (from < end) {
    let to = raw.indexOf(',', from);
    if (to < 0 || to > end) to = end;
    const lexed = lexLine(raw, from, to);
    const [first, ...args] = lexed.params;
    if (first && !lexed.error) {
      const last = args[args.length - 1] ?? first;
      const d: Directive = { name: first.text, nameParam: first, args, line, span: spanOnLine(line, first.start, last.end) };
      options.push(d);
    }
    from = to + 1;
  }
  state.pushes.push({ line, options });
}

/** `ROUTE_GATEWAY 192.168.1.1/255.255.255.0 IFACE=eth0 HWADDR=…`, `ROUTE6_GATEWAY fe80::1 IFACE=eth0`. */
function readGateway(state: State, message: string, span: Span): void {
  const v6 = message.startsWith('ROUTE6_GATEWAY ');
  const words = message.split(' ').slice(1);
  const device = words.find((w) => w.startsWith('IFACE=') || w.startsWith('I='))?.replace(/^I(?:FACE)?=/, '');
  const first = words[0] ?? '';
  const [addressText = '', maskText] = first.split('/');
  const address = v6 ? parseIPv6(addressText) : parseIPv4(addressText);
  let lan: Prefix | undefined;
  if (address && maskText !== undefined) {
    lan = v6 ? parsePrefix(`${addressText}/${maskText}`, 6)?.prefix : network(addressText, maskText);
  }
  const gateway: LogGateway = { ...(address ? { address } : {}), ...(lan ? { lan } : {}), ...(device ? { device } : {}), span };
  if (v6) state.gateway6 = gateway;
  else state.gateway4 = gateway;
}
