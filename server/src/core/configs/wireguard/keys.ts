import { editDistance } from '../editDistance';

/** Who reads a key: `wg setconf` itself, or wg-quick, which strips its own keys before calling `wg`. */
export type KeyOwner = 'wg' | 'wg-quick';

export interface KeyInfo {
  readonly name: string;
  readonly section: 'interface' | 'peer';
  readonly owner: KeyOwner;
  readonly secret: boolean;
  /** One sentence for hovers. */
  readonly doc: string;
}

const KEYS: readonly KeyInfo[] = [
  { name: 'PrivateKey', section: 'interface', owner: 'wg', secret: true, doc: 'The interface\'s private key: 32 bytes of base64 (`wg genkey`).' },
  { name: 'ListenPort', section: 'interface', owner: 'wg', secret: false, doc: 'The UDP port to listen on; unset or 0 picks a random port.' },
  { name: 'FwMark', section: 'interface', owner: 'wg', secret: false, doc: 'The mark set on the tunnel\'s own UDP packets (`off`, a number or `0x` hex); wg-quick uses it as the routing table for a /0.' },
  { name: 'Address', section: 'interface', owner: 'wg-quick', secret: false, doc: 'Addresses wg-quick assigns to the interface (`ip address add`); repeatable, comma-separated.' },
  { name: 'DNS', section: 'interface', owner: 'wg-quick', secret: false, doc: 'DNS servers (IP addresses) and search domains (anything else) wg-quick hands to resolvconf while the tunnel is up.' },
  { name: 'MTU', section: 'interface', owner: 'wg-quick', secret: false, doc: 'The interface MTU; unset, wg-quick uses the endpoint route\'s MTU minus 80 (1420 on a 1500 link).' },
  { name: 'Table', section: 'interface', owner: 'wg-quick', secret: false, doc: 'Where wg-quick installs routes for AllowedIPs: `auto` (default), `off`, or a table name or number.' },
  { name: 'PreUp', section: 'interface', owner: 'wg-quick', secret: false, doc: 'A bash command wg-quick runs before the interface is created (`%i` is the interface name).' },
  { name: 'PostUp', section: 'interface', owner: 'wg-quick', secret: false, doc: 'A bash command wg-quick runs after the interface, addresses and routes are up.' },
  { name: 'PreDown', section: 'interface', owner: 'wg-quick', secret: false, doc: 'A bash command wg-quick runs before the interface is removed.' },
  { name: 'PostDown', section: 'interface', owner: 'wg-quick', secret: false, doc: 'A bash command wg-quick runs after the interface is removed.' },
  { name: 'SaveConfig', section: 'interface', owner: 'wg-quick', secret: false, doc: '`true` makes wg-quick write the running configuration back to this file on `down`.' },
  { name: 'PublicKey', section: 'peer', owner: 'wg', secret: false, doc: 'The peer\'s public key, which identifies it: 32 bytes of base64.' },
  { name: 'PresharedKey', section: 'peer', owner: 'wg', secret: true, doc: 'An optional symmetric key mixed into the handshake (`wg genpsk`).' },
  { name: 'AllowedIPs', section: 'peer', owner: 'wg', secret: false, doc: 'Prefixes this peer receives (longest prefix over all peers) and may send from; repeatable, comma-separated.' },
  { name: 'Endpoint', section: 'peer', owner: 'wg', secret: false, doc: 'Where to send the peer\'s UDP packets: `host:port`, `IPv4:port` or `[IPv6]:port`; names are resolved once, when the config is loaded.' },
  { name: 'PersistentKeepalive', section: 'peer', owner: 'wg', secret: false, doc: 'Seconds between keepalive packets (`off` or 1-65535), to hold NAT mappings open.' },
];

const BY_LOWER = new Map(KEYS.map((k) => [k.name.toLowerCase(), k]));

/** Misspellings people actually write, beyond what edit distance catches. */
const ALIASES: Readonly<Record<string, string>> = {
  keepalive: 'PersistentKeepalive',
  psk: 'PresharedKey',
  privkey: 'PrivateKey',
  pubkey: 'PublicKey',
  port: 'ListenPort',
  allowedip: 'AllowedIPs',
  ips: 'AllowedIPs',
  addresses: 'Address',
  nameserver: 'DNS',
  dnsserver: 'DNS',
  mark: 'FwMark',
};

export function keyInfo(name: string): KeyInfo | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

/**
 * The key a line names in its section, matched as the tools do: case-insensitively; `wg` also drops every
 * space of the line, so `Allowed IPs` works, while wg-quick only trims around its own keys.
 */
export function lookupKey(written: string, section: 'interface' | 'peer'): KeyInfo | undefined {
  const info = BY_LOWER.get(written.toLowerCase()) ?? BY_LOWER.get(written.replace(/\s+/g, '').toLowerCase());
  if (!info || info.section !== section) return undefined;
  if (info.owner === 'wg-quick' && /\s/.test(written)) return undefined;
  return info;
}

export interface KeySuggestion {
  readonly info: KeyInfo;
  /** The key is right but sits in the other section. */
  readonly wrongSection: boolean;
}

/** The key the writer most likely meant, or undefined when nothing is close. */
export function suggestKey(written: string, section: 'interface' | 'peer'): KeySuggestion | undefined {
  const squeezed = written.replace(/\s+/g, '').toLowerCase().slice(0, 64);
  const exact = BY_LOWER.get(squeezed);
  if (exact) return { info: exact, wrongSection: exact.section !== section };
  const alias = ALIASES[squeezed];
  if (alias !== undefined) return nearest(keyInfo(alias), section);
  let best: KeyInfo | undefined;
  let bestDistance = Infinity;
  for (const info of KEYS) {
    const d = editDistance(squeezed, info.name.toLowerCase());
    // Keys of the current section win ties, so `Endpiont` in [Peer] suggests Endpoint.
    const score = d + (info.section === section ? 0 : 0.5);
    if (score < bestDistance) {
      best = info;
      bestDistance = score;
    }
  }
  const limit = Math.max(2, Math.floor(squeezed.length / 4));
  return best && bestDistance <= limit ? nearest(best, section) : undefined;
}

function nearest(info: KeyInfo | undefined, section: 'interface' | 'peer'): KeySuggestion | undefined {
  return info ? { info, wrongSection: info.section !== section } : undefined;
}

/** Keys whose values are treated as secrets even when misspelled. */
export function looksSecret(written: string): boolean {
  return /private|preshared|psk|secret|password/i.test(written);
}
