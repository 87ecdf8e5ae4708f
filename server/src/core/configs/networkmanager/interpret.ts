import { spanOnLine } from '../../model';
import { parseAddress } from '../../net/address';
import { readIp } from './ip';
import type { ConnectionKind, NmConnection, NmPeer, NmSection, NmWireGuard, ValueProblem } from './model';
import { parseBool, parseInteger, pieces, prefixOfFamily } from './values';

const TYPE_ALIASES: Readonly<Record<string, string>> = { '802-3-ethernet': 'ethernet', '802-11-wireless': 'wifi' };
const SERVICE_PREFIX = 'org.freedesktop.NetworkManager.';
/** The [vpn] key each plugin names its server with. */
const SERVER_KEYS = ['gateway', 'remote', 'address', 'IPSec gateway'];

/** Builds the connection from its sections; bad values go to `problems`. */
export function interpret(sections: readonly NmSection[], problems: ValueProblem[]): NmConnection {
  const find = (setting: string): NmSection | undefined => sections.find((s) => s.setting === setting);
  const value = (section: NmSection | undefined, key: string): string | undefined => {
    let found: string | undefined;
    for (const e of section?.entries ?? []) if (e.key === key) found = e.value;
    return found;
  };
  const connection = find('connection');
  const rawType = value(connection, 'type');
  const type = rawType === undefined ? undefined : TYPE_ALIASES[rawType] ?? rawType;
  const kind: ConnectionKind = type === 'vpn' || type === 'wireguard' || type === 'ethernet' || type === 'wifi' ? type : 'other';
  const vpn = find('vpn');
  const serviceType = value(vpn, 'service-type');
  const plugin = serviceType?.startsWith(SERVICE_PREFIX) ? serviceType.slice(SERVICE_PREFIX.length) : serviceType;
  let server: NmConnection['server'];
  for (const e of vpn?.entries ?? []) {
    if (!SERVER_KEYS.includes(e.key) || e.value === '') continue;
    // OpenVPN's `remote` may list several servers with ports: the first one is tried first.
    const host = (e.value.split(/[,\s]/)[0] ?? '').replace(/:\d+$/, '');
    const col = e.valueSpan.col + e.value.indexOf(host);
    server = { host, address: parseAddress(host), span: spanOnLine(e.line, col, col + host.length) };
    break;
  }
  return {
    id: value(connection, 'id'),
    type,
    kind,
    interfaceName: value(connection, 'interface-name'),
    serviceType,
    plugin,
    server,
    ipv4: readIp(find('ipv4'), 4, problems),
    ipv6: readIp(find('ipv6'), 6, problems),
    wireguard: kind === 'wireguard' || find('wireguard') ? readWireGuard(sections, find('wireguard'), problems) : undefined,
  };
}

function readWireGuard(sections: readonly NmSection[], section: NmSection | undefined, problems: ValueProblem[]): NmWireGuard {
  const get = (key: string): string | undefined => section?.entries.filter((e) => e.key === key).pop()?.value;
  const ternary = (key: string): number => parseInteger(get(key) ?? '', -1, 1) ?? (parseBool(get(key) ?? '') === undefined ? -1 : parseBool(get(key) ?? '') ? 1 : 0);
  const peers: NmPeer[] = [];
  for (const s of sections) {
    if (s.setting !== 'wireguard-peer') continue;
    const key = s.peerKey ?? '';
    const allowedIps: NmPeer['allowedIps'][number][] = [];
    let endpoint: NmPeer['endpoint'];
    for (const e of s.entries) {
      if (e.key === 'allowed-ips') {
        for (const p of pieces(e, ';')) {
          const family = p.text.includes(':') ? 6 : 4;
          const parsed = prefixOfFamily(p.text, family);
          if (parsed) allowedIps.push({ prefix: parsed.prefix, text: p.text, span: p.span });
          else problems.push({ code: 'invalid-address', span: p.span, message: `"${p.text}" is not a prefix: NetworkManager refuses this peer's allowed-ips.` });
        }
      } else if (e.key === 'endpoint' && e.value !== '') {
        const m = /^\[([^\]]+)\]:(\d+)$/.exec(e.value) ?? /^([^:]+):(\d+)$/.exec(e.value);
        const port = m ? parseInteger(m[2] ?? '', 1, 65535) : undefined;
        if (!m || port === undefined) {
          problems.push({ code: 'invalid-address', span: e.valueSpan, message: `"${e.value}" is not an endpoint: write HOST:PORT or [IPv6]:PORT.` });
          continue;
        }
        const host = m[1] ?? '';
        endpoint = { host, address: parseAddress(host), port, span: e.valueSpan };
      }
    }
    peers.push({ section: s, name: key.length > 8 ? `${key.slice(0, 8)}…` : key || 'peer', endpoint, allowedIps });
  }
  const listen = get('listen-port');
  return {
    section,
    fwmark: parseInteger(get('fwmark') ?? '', 0, 4294967295) ?? 0,
    listenPort: listen === undefined ? undefined : parseInteger(listen, 0, 65535),
    peerRoutes: parseBool(get('peer-routes') ?? '') ?? true,
    autoDefault: { 4: ternary('ip4-auto-default-route'), 6: ternary('ip6-auto-default-route') },
    peers,
  };
}
