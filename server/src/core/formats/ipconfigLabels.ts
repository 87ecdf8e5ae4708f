import { normalizeHeader } from './windowsHeaders';

/** What an `ipconfig` line's label says, as far as routing cares. */
export type LabelKind = 'description' | 'ipv4' | 'ipv6' | 'other';

const DESCRIPTION = new Set([
  'description', 'beschreibung', 'descripción', 'descripcion', 'descrição', 'descrizione', 'описание', '설명', '説明', '描述', 'beschrijving', 'opis',
]);

/** Labels that mention an address family but hold servers, gateways, masks or DHCP data. */
const NOT_OWN_ADDRESS = [
  'dhcp', 'dns', 'wins', 'server', 'serveur', 'servidor', 'gateway', 'passerelle', 'puerta', 'mask', 'masque', 'máscara',
  'maske', 'netbios', 'class', 'klasse', 'classe', 'clase', 'duid', 'iaid', '서버', 'サーバー', '服务器', '게이트웨이',
  'ゲートウェイ', '网关', 'шлюз', 'сервер', 'маска',
];

/** `IP Address` (Windows XP) and its translations, which name no family. */
const PLAIN_IP = new Set([
  'ipaddress', 'autoconfigurationipaddress', 'ipadresse', 'autokonfigurationipadresse', 'adresseip', 'direcciónip',
  'direccionip', 'endereçoip', 'indirizzoip',
]);

export function labelKind(label: string): LabelKind {
  const n = normalizeHeader(label);
  if (DESCRIPTION.has(n)) return 'description';
  if (NOT_OWN_ADDRESS.some((w) => n.includes(w))) return 'other';
  if (n.includes('ipv4') || PLAIN_IP.has(n)) return 'ipv4';
  if (n.includes('ipv6')) return 'ipv6';
  return 'other';
}

/** Words that name an adapter block (`Ethernet adapter Ethernet:`, `Carte Ethernet Ethernet :`). */
const ADAPTER_WORDS = ['adapter ', 'adaptador ', 'scheda ', 'адаптер ', '어댑터 ', 'アダプター ', '适配器 ', '介面卡 '];

/** The type words French and Spanish write between the adapter word and the name. */
const KIND_PREFIXES = [
  'réseau sans fil ', 'ethernet ', 'inconnue ', 'ppp ', 'tunnel ', 'de tunnel ', 'de ethernet ', 'de lan inalámbrica ',
  'desconocido ', 'de túnel ', 'lan wireless ', 'sconosciuta ', 'de rede sem fio ', 'de túnel ', 'desconhecido ',
];

export interface AdapterHeader {
  /** The connection name routes and Get-NetRoute use: `Ethernet`, `Wi-Fi`, `Corp VPN`. */
  readonly name: string;
  /** The adapter type as written: `Ethernet`, `Wireless LAN`, `PPP`, `Unknown`. */
  readonly kind: string;
  /** The whole title without its colon: `PPP adapter Corp VPN`. */
  readonly title: string;
}

/** Reads `<kind> adapter <name>:` in the languages above; undefined for other lines. */
export function readAdapterHeader(line: string): AdapterHeader | undefined {
  if (line.length > 300 || line.length === 0 || line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9) return undefined;
  let t = line.trimEnd();
  const last = t.charAt(t.length - 1);
  if (last !== ':' && last !== '\uff1a') return undefined;
  t = t.slice(0, -1).trimEnd();
  if (t.includes(' . ') || t.includes('. .') || t.includes(':')) return undefined;
  const lower = t.toLowerCase();
  if (lower.startsWith('carte ')) return splitKind(t.slice(6), t);
  // The first adapter word ends the type: the name itself may contain one (`VMware Network Adapter VMnet8`).
  let at = -1;
  let word = '';
  for (const w of ADAPTER_WORDS) {
    const i = lower.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) {
      at = i;
      word = w;
    }
  }
  if (at < 0) return undefined;
  // `Ethernet-Adapter`, `Tunneladapter` and `Ethernet adapter` all end in the word.
  const kind = trimKind(t.slice(0, at));
  const rest = t.slice(at + word.length).trim();
  if (rest === '') return undefined;
  return kind === '' ? splitKind(rest, t) : { name: rest, kind, title: t };
}

function splitKind(rest: string, title: string): AdapterHeader | undefined {
  const lower = rest.toLowerCase();
  for (const prefix of KIND_PREFIXES) {
    if (lower.startsWith(prefix) && rest.length > prefix.length) {
      return { kind: rest.slice(0, prefix.length).trim(), name: rest.slice(prefix.length).trim(), title };
    }
  }
  return rest === '' ? undefined : { kind: '', name: rest, title };
}

/** Drops the spaces and hyphen that join a type word to the adapter word. */
function trimKind(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 45)) end--;
  return text.slice(0, end);
}
