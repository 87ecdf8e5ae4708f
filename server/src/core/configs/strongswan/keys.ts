import { editDistance } from '../editDistance';

// Key lists from strongSwan 5.9 (Debian bookworm): ipsec.conf(5), swanctl.conf(5) and the starter's keyword table.

const SIDE = [
  'allowany', 'auth', 'auth2', 'ca', 'ca2', 'cert', 'cert2', 'certpolicy', 'dns', 'firewall', 'groups', 'groups2',
  'hostaccess', 'id', 'id2', 'ikeport', 'protoport', 'sendcert', 'sigkey', 'rsasigkey', 'sourceip', 'subnet', 'updown', '',
];

const CONN = [
  'aaa_identity', 'aggressive', 'ah', 'also', 'authby', 'auto', 'closeaction', 'compress', 'dpdaction', 'dpddelay',
  'dpdtimeout', 'eap_identity', 'esp', 'forceencaps', 'fragmentation', 'ike', 'ikedscp', 'ikelifetime', 'inactivity',
  'installpolicy', 'keyexchange', 'keyingtries', 'keylife', 'lifebytes', 'lifepackets', 'lifetime', 'marginbytes',
  'marginpackets', 'margintime', 'rekeymargin', 'mark', 'mark_in', 'mark_out', 'me_peerid', 'mediated_by', 'mediation',
  'mobike', 'modeconfig', 'reauth', 'rekey', 'rekeyfuzz', 'replay_window', 'reqid', 'sha256_96', 'tfc', 'type', 'xauth',
  'xauth_identity', 'ikelifetime', 'keyexchange', 'hidetos', 'leftnexthop', 'rightnexthop',
  ...SIDE.flatMap((s) => [`left${s}`, `right${s}`]),
];

const SETUP = ['cachecrls', 'charondebug', 'strictcrlpolicy', 'uniqueids', 'charonstart', 'plutostart', 'plutodebug', 'nat_traversal', 'virtual_private', 'interfaces', 'crlcheckinterval'];
const CA = ['also', 'auto', 'cacert', 'crluri', 'crluri1', 'crluri2', 'ocspuri', 'ocspuri1', 'ocspuri2', 'certuribase'];

/** Keys the starter still reads but charon ignores: reported as information only by their own hover. */
export const OBSOLETE: ReadonlySet<string> = new Set(['charonstart', 'plutostart', 'plutodebug', 'nat_traversal', 'virtual_private', 'interfaces', 'crlcheckinterval', 'hidetos', 'leftnexthop', 'rightnexthop']);

export const IPSEC_KEYS: Readonly<Record<'config' | 'conn' | 'ca', ReadonlySet<string>>> = {
  config: new Set(SETUP),
  conn: new Set(CONN),
  ca: new Set(CA),
};

const SW_CONN = [
  'version', 'local_addrs', 'remote_addrs', 'local_port', 'remote_port', 'proposals', 'vips', 'aggressive', 'pull', 'dscp',
  'encap', 'mobike', 'dpd_delay', 'dpd_timeout', 'fragmentation', 'childless', 'send_certreq', 'send_cert', 'ppk_id',
  'ppk_required', 'keyingtries', 'unique', 'reauth_time', 'rekey_time', 'over_time', 'rand_time', 'pools', 'if_id_in',
  'if_id_out', 'mediation', 'mediated_by', 'mediation_peer',
];
const SW_END = ['round', 'certs', 'pubkeys', 'auth', 'id', 'eap_id', 'aaa_id', 'xauth_id', 'groups', 'cert_policy', 'ca_id', 'cacerts', 'revocation'];
const SW_CHILD = [
  'ah_proposals', 'esp_proposals', 'sha256_96', 'local_ts', 'remote_ts', 'rekey_time', 'life_time', 'rand_time', 'rekey_bytes',
  'life_bytes', 'rand_bytes', 'rekey_packets', 'life_packets', 'rand_packets', 'updown', 'hostaccess', 'mode', 'policies',
  'policies_fwd_out', 'dpd_action', 'ipcomp', 'inactivity', 'reqid', 'priority', 'interface', 'mark_in', 'mark_in_sa',
  'mark_out', 'set_mark_in', 'set_mark_out', 'if_id_in', 'if_id_out', 'label', 'label_mode', 'tfc_padding', 'replay_window',
  'hw_offload', 'copy_df', 'copy_ecn', 'copy_dscp', 'start_action', 'close_action',
];
const SW_AUTHORITY = ['cacert', 'file', 'handle', 'slot', 'module', 'crl_uris', 'ocsp_uris', 'cert_uri_base'];

/** What a swanctl section is, from its path: `connections.NAME.children.CHILD` is a child. */
export type SwanKind = 'root' | 'connections' | 'conn' | 'end' | 'cert' | 'children' | 'child' | 'secrets' | 'secret' | 'pools' | 'pool' | 'authorities' | 'authority' | 'unknown';

export function swanKind(path: readonly string[]): SwanKind {
  const [top, name, sub, leaf] = path;
  if (top === undefined) return 'root';
  if (top === 'connections') {
    if (name === undefined) return 'connections';
    if (sub === undefined) return 'conn';
    if (sub === 'children') return leaf === undefined ? 'children' : path.length === 4 ? 'child' : 'unknown';
    if (/^(?:local|remote)/.test(sub)) return path.length === 3 ? 'end' : path.length === 4 && /^(?:cert|cacert)/.test(leaf ?? '') ? 'cert' : 'unknown';
    return 'unknown';
  }
  if (top === 'secrets') return name === undefined ? 'secrets' : path.length === 2 ? 'secret' : 'unknown';
  if (top === 'pools') return name === undefined ? 'pools' : path.length === 2 ? 'pool' : 'unknown';
  if (top === 'authorities') return name === undefined ? 'authorities' : path.length === 2 ? 'authority' : 'unknown';
  return 'unknown';
}

const SECRET_TYPES = /^(?:ike|eap|xauth|ntlm|rsa|ecdsa|pkcs8|pkcs12|private|ppk|token)/;

/** Sections that may appear inside a section of `kind`; undefined when any name is fine. */
export function sectionAllowed(kind: SwanKind, name: string): boolean {
  switch (kind) {
    case 'root': return ['connections', 'secrets', 'pools', 'authorities'].includes(name);
    case 'connections': case 'children': case 'pools': case 'authorities': return true;
    case 'conn': return name === 'children' || /^(?:local|remote)/.test(name);
    case 'end': return /^(?:cert|cacert)/.test(name);
    case 'secrets': return SECRET_TYPES.test(name);
    default: return false;
  }
}

/** Keys known in a section of `kind`; undefined when any key is fine (pool attributes). */
export function swanKeys(kind: SwanKind, sectionName: string): readonly string[] | undefined {
  switch (kind) {
    case 'conn': return SW_CONN;
    case 'end': return SW_END;
    case 'cert': return ['file', 'handle', 'slot', 'module'];
    case 'child': return SW_CHILD;
    case 'authority': return SW_AUTHORITY;
    case 'pool': return undefined;
    case 'secret': return sectionName.startsWith('token') ? ['handle', 'slot', 'module', 'pin'] : /^(?:rsa|ecdsa|pkcs8|pkcs12|private)/.test(sectionName) ? ['file', 'secret'] : ['secret'];
    default: return [];
  }
}

/** swanctl keys with a suffix: `id-1`, `id_alice` in secrets. */
export function swanKeyKnown(kind: SwanKind, sectionName: string, key: string): boolean {
  const keys = swanKeys(kind, sectionName);
  if (keys === undefined) return true;
  if (keys.includes(key)) return true;
  return kind === 'secret' && key.startsWith('id');
}

export function isSecretKey(key: string): boolean {
  return key === 'secret' || key === 'pin' || /psk|password|passphrase/i.test(key);
}

/** The closest known key, when it is close enough to be a typo. */
export function suggest(key: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = key.toLowerCase();
  for (const candidate of known) {
    const d = editDistance(lower.slice(0, 64), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}
