import type { Device, WgState } from '../configs/wireguard/state';
import type { WgPeer } from '../configs/wireguard/model';
import type { Finding, Span } from '../model';
import { type Address, type Family, bitLength, formatAddress } from '../net/address';
import { type Prefix, formatPrefix, hostPrefix, parsePrefix, prefixOf } from '../net/prefix';
import { addToPeer, allowedEntries, excludeFromPeers, rewriteEntry } from './allowedIps';
import { excludePrefixes, prefixesOf, setOf, subtract, union } from './prefixSet';
import type { DocText } from './text';
import type { Fix, TextEdit } from './types';

function prefixes(texts: readonly string[]): Prefix[] {
  return texts.map((t) => parsePrefix(t, t.includes(':') ? 6 : 4)?.prefix).filter((p) => p !== undefined);
}

/**
 * What "Exclude private ranges" leaves out, as the WireGuard Android app's "Exclude private IPs" does for IPv4
 * (RFC 1918 and 224.0.0.0/3: multicast and reserved), plus IPv4 link-local, which no router forwards.
 * CGNAT (100.64.0.0/10) stays in: those are the carrier's addresses, not the LAN's. For IPv6: unique local
 * (fc00::/7), link-local (fe80::/10) and multicast (ff00::/8).
 */
export const PRIVATE_RANGES: readonly Prefix[] = prefixes([
  '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '224.0.0.0/3', 'fc00::/7', 'fe80::/10', 'ff00::/8',
]);

/** More prefixes than this in one fix would bury the line; the calculator command still allows them. */
const MAX_NEW_ITEMS = 160;

/** True for a `wireguard` config analysis (not `wg show` output, which is not edited). */
export function isEditableWireGuard(state: WgState): boolean {
  return state.doc.format === 'wireguard';
}

function peerAtLine(state: WgState, line: number): { device: Device; peer: WgPeer } | undefined {
  for (const device of state.devices) {
    for (const peer of device.config.peers) {
      if (allowedEntries(peer).some((e) => e.line === line)) return { device, peer };
    }
  }
  return undefined;
}

function sameSpan(a: Span, b: Span): boolean {
  return a.line === b.line && a.col === b.col && a.endLine === b.endLine && a.endCol === b.endCol;
}

/** Fixes for one WireGuard finding. */
export function wireguardFixes(state: WgState, doc: DocText, finding: Finding): Fix[] {
  if (!isEditableWireGuard(state)) return [];
  switch (finding.code) {
    case 'ipv6-leak': return [...addDefaultV6(state, doc, finding), ...excludePrivateAt(state, doc, finding.span.line, finding)];
    case 'endpoint-in-tunnel': return excludeEndpoint(state, doc, finding);
    case 'dns-outside-tunnel': return dnsIntoTunnel(state, doc, finding);
    case 'overlapping-allowed-ips': return [...removeDeadItem(state, doc, finding), ...excludePrivateAt(state, doc, finding.span.line, finding)];
    default: return [];
  }
}

/** Refactors offered wherever the cursor is on an AllowedIPs line. */
export function wireguardRefactors(state: WgState, doc: DocText, first: number, last: number): Fix[] {
  if (!isEditableWireGuard(state)) return [];
  const out: Fix[] = [];
  for (let line = first; line <= last && line <= first + 50; line++) {
    if (!peerAtLine(state, line)) continue;
    out.push(...excludePrivateAt(state, doc, line));
    out.push({ title: 'Exclude an address or prefix from AllowedIPs…', kind: 'refactor.rewrite', edits: [], command: { id: 'excludeFromAllowedIps', line } });
  }
  return out;
}

/** An AllowedIPs item that receives nothing (a later peer lists it, or longer prefixes take all of it): removing it changes nothing. */
function removeDeadItem(state: WgState, doc: DocText, finding: Finding): Fix[] {
  if (finding.severity !== 'warning') return [];
  for (const device of state.devices) {
    for (const peer of device.config.peers) {
      const item = peer.allowedIps.find((a) => sameSpan(a.span, finding.span));
      if (!item) continue;
      const entry = allowedEntries(peer).find((e) => e.line === item.span.line);
      if (!entry) return [];
      const { edit } = rewriteEntry(doc, entry, (_prefix, span) => (sameSpan(span, item.span) ? [] : undefined));
      return edit ? [{ title: `Remove ${formatPrefix(item.prefix)} from peer "${peer.name}" (it receives none of it)`, kind: 'quickfix', preferred: true, finding, edits: [edit] }] : [];
    }
  }
  return [];
}

function addDefaultV6(state: WgState, doc: DocText, finding: Finding): Fix[] {
  const owner = peerAtLine(state, finding.span.line);
  if (!owner) return [];
  return [{ title: 'Add ::/0 to AllowedIPs (IPv6 goes into the tunnel too)', kind: 'quickfix', preferred: true, finding, edits: [addToPeer(doc, owner.peer, ['::/0'])] }];
}

/** "Exclude private ranges" for the peer whose AllowedIPs line is `line`, when it has a /0 item. */
function excludePrivateAt(state: WgState, doc: DocText, line: number, finding?: Finding): Fix[] {
  const owner = peerAtLine(state, line);
  if (!owner || !owner.peer.allowedIps.some((a) => a.prefix.len === 0)) return [];
  const edits = excludeFromPeers(doc, [owner.peer], privateExclusion(owner.device), (p) => p.len === 0);
  if (edits.length === 0 || edits.some((e) => e.newText.split(',').length > MAX_NEW_ITEMS)) return [];
  return [{ title: 'Exclude private ranges from AllowedIPs', kind: finding ? 'quickfix' : 'refactor.rewrite', edits, ...(finding ? { finding } : {}) }];
}

/**
 * Private ranges, less what must stay in the tunnel: its DNS servers and its own subnets. The peers' literal
 * endpoints are excluded too: without a /0, wg-quick no longer keeps the tunnel's own packets out of it.
 */
export function privateExclusion(device: Device): Prefix[] {
  const iface = device.config.interface;
  const keep = [
    ...iface.dns.map((d) => hostPrefix(d.address)),
    ...iface.addresses.filter((a) => a.len < bitLength(a.address.family)).map((a) => prefixOf(a.address, a.len)),
  ];
  const endpoints = device.config.peers.flatMap((p) => (p.endpoint?.address ? [hostPrefix(p.endpoint.address)] : []));
  return ([4, 6] as const).flatMap((family: Family) =>
    prefixesOf(union(subtract(setOf(family, PRIVATE_RANGES), setOf(family, keep)), setOf(family, endpoints)), family));
}

function excludeEndpoint(state: WgState, doc: DocText, finding: Finding): Fix[] {
  for (const device of state.devices) {
    for (const peer of device.config.peers) {
      const endpoint = peer.endpoint;
      if (!endpoint?.address || !sameSpan(endpoint.hostSpan, finding.span) || !device.routing.peerFor(endpoint.address)) continue;
      return excludeAddressFix(device, doc, endpoint.address, `Exclude endpoint ${formatAddress(endpoint.address)} from AllowedIPs`, finding);
    }
  }
  return [];
}

function excludeAddressFix(device: Device, doc: DocText, address: Address, title: string, finding: Finding): Fix[] {
  const edits = excludeFromPeers(doc, device.config.peers, [hostPrefix(address)]);
  return edits.length === 0 ? [] : [{ title, kind: 'quickfix', preferred: true, finding, edits }];
}

/** A DNS server outside every AllowedIPs: route it into the tunnel through a peer. */
function dnsIntoTunnel(state: WgState, doc: DocText, finding: Finding): Fix[] {
  for (const device of state.devices) {
    if (device.config.interface.table.kind === 'off') continue;
    const server = device.config.interface.dns.find((d) => sameSpan(d.span, finding.span));
    if (!server || device.routing.peerFor(server.address)) continue;
    const text = formatPrefix(hostPrefix(server.address));
    const peers = device.config.peers.slice(0, 4);
    return peers.map((peer) => ({
      title: `Send DNS server ${formatAddress(server.address)} through the tunnel: add ${text} to the AllowedIPs of ${peers.length > 1 ? `peer "${peer.name}"` : 'the peer'}`,
      kind: 'quickfix' as const,
      preferred: peers.length === 1 && finding.severity === 'warning',
      finding,
      edits: [addToPeer(doc, peer, [text])],
    }));
  }
  return [];
}

/** Reads what the "Exclude an address or prefix" command was given: addresses or prefixes, by commas or spaces. */
export function readExclusion(input: string): Prefix[] | string {
  const words = input.split(/[\s,]+/).filter((w) => w !== '');
  if (words.length === 0) return 'No address or prefix given.';
  const out: Prefix[] = [];
  for (const word of words) {
    const parsed = parsePrefix(word, word.includes(':') ? 6 : 4);
    if (!parsed || word === 'default' || word === 'all' || word === 'any') {
      return `"${word.length > 50 ? `${word.slice(0, 49)}…` : word}" is not an IPv4 or IPv6 address or prefix.`;
    }
    out.push(parsed.prefix);
  }
  return out;
}

/** The edits of the "Exclude an address or prefix" command on an AllowedIPs line, or why there are none. */
export function excludeOnLine(state: WgState, doc: DocText, line: number, input: string): { edits: TextEdit[]; title: string } | string {
  if (!isEditableWireGuard(state)) return 'Only WireGuard config files can be edited.';
  const owner = peerAtLine(state, line);
  if (!owner) return `Line ${line + 1} is not an AllowedIPs line.`;
  const exclude = readExclusion(input);
  if (typeof exclude === 'string') return exclude;
  const shown = exclude.map(formatPrefix).join(', ');
  const remaining = excludePrefixes(owner.peer.allowedIps.map((a) => a.prefix), exclude);
  if (remaining.length === 0 && owner.peer.allowedIps.length > 0) return `Excluding ${shown} would leave peer "${owner.peer.name}" with no AllowedIPs.`;
  const edits = excludeFromPeers(doc, [owner.peer], exclude);
  if (edits.length === 0) return `${shown} is not inside the AllowedIPs of peer "${owner.peer.name}".`;
  return { edits, title: `Exclude ${shown} from AllowedIPs` };
}
