/**
 * The words Windows prints around its tables, in the display languages people paste most.
 * Lines are compared after `normalizeHeader`, so spacing, case, hyphens, apostrophes, dots and
 * colons do not matter; the parsers also recognise unknown languages by a line's position, and
 * read the Gateway column's On-link words (`Auf Verbindung`, `在链路上`, `연결됨`) by position alone.
 */

/** Lower case without spaces, hyphens, apostrophes, dots or colons: `Liste d'Interfaces` → `listedinterfaces`. */
export function normalizeHeader(text: string): string {
  // One character class, no quantifier to backtrack on.
  return text.toLowerCase().replace(SKIPPED, '');
}

const SKIPPED = /[\s\u3000\-'\u2019.:\uff1a=\ufeff]/g;

/** `Interface List` as `route print` and `netstat -r` title the adapter list. */
const INTERFACE_LIST = new Set([
  'interfacelist', 'schnittstellenliste', 'listedinterfaces', 'listadeinterfaces',
  'elencointerfacce', 'списокинтерфейсов', '인터페이스목록', 'インターフェイス一覧', 'インターフェイスリスト',
  '接口列表', '介面清單', 'interfacelijst', 'listainterfejsów', 'arabirimlistesi', 'seznamrozhraní',
  'gränssnittslista', 'grænsefladeliste', 'liitäntäluettelo',
]);

/** What follows `IPv4`/`IPv6` in a table title (`IPv4 Route Table`, `IPv4-Routentabelle`, `IPv4 路由表`). */
const ROUTE_TABLE = new Set([
  'routetable', 'routentabelle', 'tablederoutage', 'tabladeenrutamiento', 'tabladerutas', 'tabeladerotas',
  'tabeladeroteamento', 'tabellaroute', 'tabelladiroute', 'таблицамаршрута', 'таблицамаршрутов', '경로테이블',
  'ルートテーブル', '路由表', 'routetabel', 'routeringstabel', 'tabelatras', 'tabelaroutingu', 'yoltablosu',
  'směrovacítabulka', 'routingtabell', 'reitititaulukko',
]);

/** `Active Routes:` */
const ACTIVE_ROUTES = new Set([
  'activeroutes', 'aktiverouten', 'itinérairesactifs', 'rutasactivas', 'rotasativas', 'routeattive',
  'активныемаршруты', '활성경로', 'アクティブルート', '活动路由', '使用中的路由', 'actieveroutes', 'aktywnetrasy',
  'etkinyollar', 'aktivnítrasy', 'aktivaroutes', 'aktiivisetreitit',
]);

/** `Persistent Routes:` */
const PERSISTENT_ROUTES = new Set([
  'persistentroutes', 'ständigerouten', 'itinérairespersistants', 'rutaspersistentes', 'rotaspersistentes',
  'routepermanenti', 'постоянныемаршруты', '영구경로', '固定ルート', '永久路由', '持續路由', 'persistenteroutes',
  'trasytrwałe', 'kalıcıyollar', 'trvalétrasy', 'beständigaroutes', 'pysyvätreitit',
]);

/** The word `route print` writes under `Persistent Routes:` when there are none. */
const NONE_WORDS = new Set([
  'none', 'keine', 'aucun', 'aucune', 'ninguno', 'ninguna', 'nenhum', 'nenhuma', 'nessuna', 'nessuno', 'отсутствует',
  'нет', '없음', 'なし', '无', '無', 'geen', 'brak', 'yok', 'žádné', 'inga', 'eimitään',
]);

/** Column titles of the IPv4 and IPv6 tables, for pastes that start at them. */
const COLUMN_HEADERS = new Set([
  'networkdestinationnetmaskgatewayinterfacemetric', 'netzwerkzielnetzwerkmaskegatewayschnittstellemetrik',
  'destinationréseaumasqueréseauadrpasserelleadrinterfacemétrique', 'destinoderedmáscaraderedpuertadeenlaceinterfazmétrica',
  '네트워크대상네트워크마스크게이트웨이인터페이스메트릭', 'ネットワーク宛先ネットマスクゲートウェイインターフェイスメトリック',
  '网络目标网络掩码网关接口跃点数', 'networkaddressnetmaskgatewayaddressmetric', 'ifmetricnetworkdestinationgateway',
  'ifmetriknetzwerkzielgateway', 'ifmétriquedestinationréseaupasserelle', 'ifmétricadestinoderedpuertadeenlace',
]);

/** The Metric column of a persistent route added without one (`Default`). */
const DEFAULT_METRIC = new Set([
  'default', 'standard', 'pardéfaut', 'predeterminado', 'predeterminada', 'padrão', 'predefinito', 'поумолчанию',
  '기본값', '既定', '默认', '預設', 'standaard', 'domyślna', 'varsayılan', 'výchozí',
]);

/** `Windows IP Configuration` as `ipconfig` titles its output. */
const IPCONFIG_TITLE = new Set([
  'windowsipconfiguration', 'windowsipkonfiguration', 'configurationipdewindows', 'configuraciónipdewindows',
  'configuracionipdewindows', 'configuraçãodeipdowindows', 'configurazioneipdiwindows', 'настройкапротоколаipдляwindows',
  'windowsip구성', 'windowsip構成', 'windowsip配置', 'windowsipconfiguratie', 'konfiguracjaipsystemuwindows',
  'windowsipyapılandırması', 'konfiguraceprotokoluipsystémuwindows',
]);

/** What a `route print` title line is, normalizing it once; undefined for rows and other text. */
export type RoutePrintTitle = 'interfaces' | 'table4' | 'table6' | 'active' | 'persistent' | 'columns' | 'none';

export function routePrintTitle(line: string): RoutePrintTitle | undefined {
  if (line.length > 120 || hasDigitOtherThanIpv(line)) return undefined;
  const n = normalizeHeader(line);
  if (INTERFACE_LIST.has(n)) return 'interfaces';
  if (ACTIVE_ROUTES.has(n)) return 'active';
  if (PERSISTENT_ROUTES.has(n)) return 'persistent';
  if (COLUMN_HEADERS.has(n)) return 'columns';
  if (NONE_WORDS.has(n)) return 'none';
  const family = tableFamily(n);
  return family === 4 ? 'table4' : family === 6 ? 'table6' : undefined;
}

/** Titles have no digits but the 4 or 6 of `IPv4`/`IPv6`; rows always have some. */
export function hasDigitOtherThanIpv(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    const v = line.charCodeAt(i - 1) | 32;
    if ((c === 52 || c === 54) && v === 118 && (line.charCodeAt(i - 2) | 32) === 112) continue;
    return true;
  }
  return false;
}

function tableFamily(n: string): 4 | 6 | undefined {
  const at = n.indexOf('ipv');
  if (at < 0) return undefined;
  const digit = n.charAt(at + 3);
  if (digit !== '4' && digit !== '6') return undefined;
  return ROUTE_TABLE.has(n.slice(0, at) + n.slice(at + 4)) ? (digit === '4' ? 4 : 6) : undefined;
}

export function isDefaultMetricWord(word: string): boolean {
  return DEFAULT_METRIC.has(normalizeHeader(word));
}

export function isIpconfigTitle(line: string): boolean {
  if (line.length > 80 || hasDigitOtherThanIpv(line)) return false;
  return IPCONFIG_TITLE.has(normalizeHeader(line));
}

/** The `=====` rule `route print` draws between its parts (75 characters). */
export function isRuleLine(line: string, min = 3): boolean {
  const t = line.trim();
  if (t.length < min) return false;
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) !== 61) return false;
  return true;
}

/** Longer lines cannot be rows of these formats; they are reported without being split into words. */
export const MAX_ROW_LENGTH = 16_384;

/** The span of a line's text without its surrounding blanks, found without tokenizing it. */
export function trimmedSpan(line: string, n: number): { line: number; col: number; endLine: number; endCol: number } {
  const end = line.trimEnd().length;
  let start = 0;
  while (start < end && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
  return { line: n, col: start, endLine: n, endCol: end };
}
