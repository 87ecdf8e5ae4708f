import { spanOnLine } from '../../model';
import { parseAddress } from '../../net/address';
import type {
  AllowedIp, DnsServer, Endpoint, InterfaceAddress, TableSetting, WgConfig, WgEntry, WgFormat, WgInterface, WgPeer, WgSection,
} from './model';
import {
  endpointHost, isDnsServerText, keyProblem, parseAllowedIp, parseFwMark, parseInterfaceAddress, parseKeepalive, parseMtu,
  parsePort, parseTable, pieces, splitEndpoint,
} from './values';

/** Groups sections into devices: one per config file, one per `interface:` block of `wg show all`. */
export function buildConfigs(sections: readonly WgSection[], format: WgFormat): WgConfig[] {
  const groups: { interfaces: WgSection[]; peers: WgSection[] }[] = [];
  for (const section of sections) {
    let group = groups[groups.length - 1];
    if (!group || (format === 'wireguard-show' && section.kind === 'interface')) {
      group = { interfaces: [], peers: [] };
      groups.push(group);
    }
    (section.kind === 'interface' ? group.interfaces : group.peers).push(section);
  }
  if (groups.length === 0) groups.push({ interfaces: [], peers: [] });
  return groups.map((g) => ({
    name: g.interfaces[0]?.showName,
    interface: buildInterface(g.interfaces, format),
    peers: g.peers.map((section, index) => buildPeer(section, index, format)),
  }));
}

function entriesNamed(sections: readonly WgSection[], name: string): WgEntry[] {
  return sections.flatMap((s) => s.entries.filter((e) => e.name === name));
}

/** The last well-formed value of a key: later lines override earlier ones in both wg and wg-quick. */
function lastValue<T>(entries: readonly WgEntry[], read: (e: WgEntry) => { ok: true; value: T } | { ok: false }): T | undefined {
  let value: T | undefined;
  for (const entry of entries) {
    const checked = read(entry);
    if (checked.ok) value = checked.value;
  }
  return value;
}

function buildInterface(sections: readonly WgSection[], format: WgFormat): WgInterface {
  const addresses: InterfaceAddress[] = [];
  for (const entry of entriesNamed(sections, 'Address')) {
    for (const piece of pieces(entry, 'words')) {
      const parsed = parseInterfaceAddress(piece.text);
      if (parsed.ok) addresses.push({ ...parsed.value, text: piece.text, span: piece.span });
    }
  }
  const dns: DnsServer[] = [];
  const searchDomains: string[] = [];
  for (const entry of entriesNamed(sections, 'DNS')) {
    for (const piece of pieces(entry, 'words')) {
      if (!isDnsServerText(piece.text)) {
        searchDomains.push(piece.text);
        continue;
      }
      const address = parseAddress(piece.text);
      if (address) dns.push({ address, text: piece.text, span: piece.span });
    }
  }
  const privateKeys = entriesNamed(sections, 'PrivateKey');
  return {
    section: sections[0],
    addresses,
    dns,
    searchDomains,
    mtu: lastValue(entriesNamed(sections, 'MTU'), (e) => parseMtu(e.value)),
    table: lastValue<TableSetting>(entriesNamed(sections, 'Table'), (e) => parseTable(e.value)) ?? { kind: 'auto' },
    fwmark: lastValue(entriesNamed(sections, 'FwMark'), (e) => parseFwMark(e.value)) ?? 0,
    listenPort: lastValue(entriesNamed(sections, 'ListenPort'), (e) => parsePort(e.value, true)),
    // `wg show` prints "(hidden)" in place of a key that is set.
    hasPrivateKey: privateKeys.some((e) => (format === 'wireguard-show' ? e.value !== '' : keyProblem(e.value) === undefined)),
    hooks: sections.flatMap((s) => s.entries.filter((e) => e.name !== undefined && /^(?:Pre|Post)(?:Up|Down)$/.test(e.name))),
  };
}

function buildPeer(section: WgSection, index: number, format: WgFormat): WgPeer {
  const entries = section.entries;
  let publicKeyEntry: WgEntry | undefined;
  for (const entry of entries) {
    if (entry.name === 'PublicKey' && keyProblem(entry.value) === undefined) publicKeyEntry = entry;
  }
  const allowedIps: AllowedIp[] = [];
  for (const entry of entries) {
    if (entry.name !== 'AllowedIPs' || entry.value === '(none)') continue;
    for (const piece of pieces(entry, 'comma')) {
      const parsed = parseAllowedIp(piece.text);
      if (parsed.ok) allowedIps.push({ ...parsed.value, text: piece.text, span: piece.span });
    }
  }
  const publicKey = publicKeyEntry?.value;
  return {
    index,
    section,
    name: section.label ?? (publicKey !== undefined ? `${publicKey.slice(0, 8)}…` : `peer ${index + 1}`),
    publicKey,
    publicKeyEntry,
    allowedIps,
    endpoint: lastValue(entries.filter((e) => e.name === 'Endpoint'), readEndpoint),
    keepalive: lastValue(entries.filter((e) => e.name === 'PersistentKeepalive'), (e) => readKeepalive(e.value, format)),
    hasPresharedKey: entries.some((e) => e.name === 'PresharedKey' && e.value !== ''),
  };
}

export function readEndpoint(entry: WgEntry): { ok: true; value: Endpoint } | { ok: false } {
  const parts = splitEndpoint(entry.value);
  if (!parts.ok) return { ok: false };
  const host = endpointHost(parts.value.host);
  const port = parsePort(parts.value.portText, false);
  if (!host.ok || !port.ok) return { ok: false };
  const col = entry.valueSpan.col + parts.value.hostStart;
  return {
    ok: true,
    value: {
      host: parts.value.host,
      address: host.value,
      port: port.value,
      span: entry.valueSpan,
      hostSpan: spanOnLine(entry.line, col, col + parts.value.host.length),
    },
  };
}

function readKeepalive(value: string, format: WgFormat): { ok: true; value: number } | { ok: false } {
  if (format === 'wireguard') return parseKeepalive(value);
  const match = /^every (\d+) seconds?$/.exec(value);
  return match?.[1] !== undefined ? { ok: true, value: Number(match[1]) } : { ok: false };
}
