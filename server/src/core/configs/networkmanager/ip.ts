import { spanOnLine } from '../../model';
import type { Family } from '../../net/address';
import type { NmAddress, NmDns, NmIp, NmRoute, NmRoutingRule, NmSection, ValueProblem } from './model';
import { addressOfFamily, familyName, parseBool, parseInteger, pieces, prefixOfFamily } from './values';

const METHODS: Readonly<Record<Family, readonly string[]>> = {
  4: ['auto', 'manual', 'link-local', 'shared', 'disabled'],
  6: ['auto', 'dhcp', 'manual', 'link-local', 'shared', 'ignore', 'disabled'],
};
const ROUTE_TYPES = new Set(['unicast', 'local', 'blackhole', 'unreachable', 'prohibit', 'throw']);

/** Reads [ipv4] or [ipv6]; bad values are reported into `problems` and left out. */
export function readIp(section: NmSection | undefined, family: Family, problems: ValueProblem[]): NmIp {
  const entries = section?.entries ?? [];
  const entry = (key: string): ReturnType<NmIp['entry']> => {
    let found;
    for (const e of entries) if (e.key === key) found = e;
    return found;
  };
  const bool = (key: string): boolean => parseBool(entry(key)?.value ?? '') ?? false;
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const e = entry(key);
    return e ? parseInteger(e.value, min, max) ?? fallback : fallback;
  };
  const methodEntry = entry('method');
  const method = methodEntry && METHODS[family].includes(methodEntry.value) ? methodEntry.value : 'auto';
  const addresses: NmAddress[] = [];
  const routes: NmRoute[] = [];
  const rules: NmRoutingRule[] = [];
  const options = new Map<string, { table: number | undefined; type: string; tableSpan: ReturnType<typeof spanOnLine> | undefined }>();
  for (const e of entries) {
    const m = /^(routes?)(\d+)_options$/.exec(e.key);
    if (m) options.set(`${m[1]}${m[2]}`, readRouteOptions(e, problems));
  }
  for (const e of entries) {
    if (/^address(?:es)?\d*$/.test(e.key)) {
      for (const p of pieces(e, ';')) {
        const a = readAddress(p.text, family);
        if (a) addresses.push({ ...a, text: p.text, span: p.span });
        else problems.push({ code: 'invalid-address', span: p.span, message: `"${p.text}" is not an ${familyName(family)} address with a prefix length (ADDRESS/LEN or ADDRESS/LEN,GATEWAY): NetworkManager drops it.` });
      }
    } else if (/^routes?\d*$/.test(e.key)) {
      for (const p of pieces(e, ';')) {
        const r = readRoute(p.text, p.span, family, e.key, options.get(e.key), problems);
        if (r) routes.push(r);
      }
    } else if (/^routing-rules?\d*$/.test(e.key)) {
      const r = readRule(e.value, family, e.key, e.valueSpan, problems);
      if (r) rules.push(r);
    }
  }
  const dns: NmDns[] = [];
  const dnsEntry = entry('dns');
  for (const p of dnsEntry ? pieces(dnsEntry, ';') : []) {
    const address = addressOfFamily(p.text, family);
    if (address) dns.push({ address, text: p.text, span: p.span });
    else problems.push({ code: 'invalid-address', span: p.span, message: `"${p.text}" is not an ${familyName(family)} DNS server address.` });
  }
  const gatewayEntry = entry('gateway');
  let gateway: NmIp['gateway'];
  if (gatewayEntry && gatewayEntry.value !== '') {
    const address = addressOfFamily(gatewayEntry.value, family);
    if (address) gateway = { address, span: gatewayEntry.valueSpan };
    else problems.push({ code: 'invalid-address', span: gatewayEntry.valueSpan, message: `"${gatewayEntry.value}" is not an ${familyName(family)} gateway address.` });
  }
  if (!gateway) {
    const fromAddress = addresses.find((a) => a.gateway);
    if (fromAddress?.gateway) gateway = { address: fromAddress.gateway, span: fromAddress.span };
  }
  const searchEntry = entry('dns-search');
  return {
    family, section, method, addresses, gateway, dns,
    dnsSearch: searchEntry ? pieces(searchEntry, ';').map((p) => p.text) : [],
    dnsPriority: int('dns-priority', 0, -2147483648, 2147483647),
    neverDefault: bool('never-default'),
    ignoreAutoRoutes: bool('ignore-auto-routes'),
    ignoreAutoDns: bool('ignore-auto-dns'),
    routes,
    routeMetric: int('route-metric', -1, -1, 4294967295),
    routeTable: int('route-table', 0, 0, 4294967295),
    routingRules: rules,
    entry,
  };
}

/** `ADDR/LEN`, `ADDR/LEN,GW` or a bare `ADDR` (the keyfile reader then assumes /24 or /64). */
function readAddress(text: string, family: Family): Omit<NmAddress, 'text' | 'span'> | undefined {
  const [addrText = '', gwText, extra] = text.split(',');
  if (extra !== undefined) return undefined;
  const slash = addrText.indexOf('/');
  const address = addressOfFamily(slash < 0 ? addrText : addrText.slice(0, slash), family);
  const len = slash < 0 ? (family === 4 ? 24 : 64) : parseInteger(addrText.slice(slash + 1), 0, family === 4 ? 32 : 128);
  if (!address || len === undefined) return undefined;
  let gateway;
  if (gwText !== undefined && gwText !== '') {
    gateway = addressOfFamily(gwText, family);
    if (!gateway) return undefined;
  }
  return { address, len, gateway };
}

/** `DEST/LEN`, `DEST/LEN,NEXTHOP` or `DEST/LEN,NEXTHOP,METRIC` (NEXTHOP may be empty). */
function readRoute(text: string, span: NmRoute['span'], family: Family, name: string, options: { table: number | undefined; type: string; tableSpan: NmRoute['tableSpan'] } | undefined, problems: ValueProblem[]): NmRoute | undefined {
  const parts = text.split(',');
  const bad = (why: string): undefined => {
    problems.push({ code: 'invalid-route', span, message: `${name}: ${why} NetworkManager drops this route.` });
    return undefined;
  };
  if (parts.length > 3) return bad('expected DEST/LEN,NEXTHOP,METRIC.');
  const dest = prefixOfFamily(parts[0] ?? '', family);
  if (!dest) return bad(`"${parts[0] ?? ''}" is not an ${familyName(family)} destination prefix.`);
  if (dest.hostBitsSet) return bad(`"${parts[0] ?? ''}" has host bits set past the prefix length.`);
  const hopText = parts[1] ?? '';
  const nexthop = hopText === '' ? undefined : addressOfFamily(hopText, family);
  if (hopText !== '' && !nexthop) return bad(`"${hopText}" is not an ${familyName(family)} next hop.`);
  const metricText = parts[2];
  const metric = metricText === undefined || metricText === '' ? undefined : parseInteger(metricText, 0, 4294967295);
  if (metricText !== undefined && metricText !== '' && metric === undefined) return bad(`"${metricText}" is not a metric (0 to 4294967295).`);
  // An all-zero next hop means "no gateway", as nmcli writes it.
  const gateway = nexthop && nexthop.words.every((w) => w === 0) ? undefined : nexthop;
  return { prefix: dest.prefix, nexthop: gateway, metric, table: options?.table, type: options?.type ?? 'unicast', name, span, tableSpan: options?.tableSpan };
}

function readRouteOptions(entry: Parameters<typeof pieces>[0], problems: ValueProblem[]): { table: number | undefined; type: string; tableSpan: NmRoute['tableSpan'] } {
  let table: number | undefined;
  let type = 'unicast';
  let tableSpan;
  for (const p of pieces(entry, ',')) {
    const eq = p.text.indexOf('=');
    const key = eq < 0 ? p.text : p.text.slice(0, eq);
    const value = eq < 0 ? '' : p.text.slice(eq + 1);
    if (key === 'table') {
      table = parseInteger(value, 0, 4294967295);
      tableSpan = p.span;
      if (table === undefined) problems.push({ code: 'invalid-route', span: p.span, message: `"${p.text}": the table must be a number (0 to 4294967295).` });
    } else if (key === 'type') {
      if (ROUTE_TYPES.has(value)) type = value;
      else problems.push({ code: 'invalid-route', span: p.span, message: `"${value}" is not a route type NetworkManager supports (unicast, local, blackhole, unreachable, prohibit, throw).` });
    }
  }
  return { table, type, tableSpan };
}

/** `priority 100 [not] from A to B fwmark M table T`, the syntax of `ip rule`. */
function readRule(text: string, family: Family, name: string, span: NmRoute['span'], problems: ValueProblem[]): NmRoutingRule | undefined {
  const words = text.split(/\s+/).filter((w) => w !== '');
  let priority: number | undefined;
  let not = false;
  let from;
  let to;
  let fwmark: number | undefined;
  let table: number | undefined;
  let suppress: number | undefined;
  let action: string | undefined;
  const bad = (why: string): undefined => {
    problems.push({ code: 'invalid-route', span, message: `${name}: ${why}` });
    return undefined;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const arg = words[i + 1];
    const takes = (): string | undefined => { i++; return arg; };
    if (w === 'not') {not = true;}
    else if (w === 'priority' || w === 'pref' || w === 'preference') {priority = parseInteger(takes() ?? '', 0, 4294967295);}
    else if (w === 'from' || w === 'to') {
      const value = takes() ?? '';
      const p = value === 'all' ? { prefix: { family, words: family === 4 ? [0] : [0, 0, 0, 0], len: 0 }, hostBitsSet: false } : prefixOfFamily(value, family);
      if (!p) return bad(`"${value}" is not an ${familyName(family)} prefix for "${w}".`);
      if (w === 'from') from = p.prefix;
      else to = p.prefix;
    } else if (w === 'table' || w === 'lookup') {
      const value = takes() ?? '';
      table = value === 'main' ? 254 : value === 'local' ? 255 : value === 'default' ? 253 : parseInteger(value, 1, 4294967295);
      if (table === undefined) return bad(`"${value}" is not a table.`);
    } else if (w === 'fwmark') {fwmark = parseInteger((takes() ?? '').split('/')[0] ?? '', 0, 4294967295);}
    else if (w === 'suppress_prefixlength') {suppress = parseInteger(takes() ?? '', 0, 128);}
    else if (w === 'blackhole' || w === 'unreachable' || w === 'prohibit') {action = w;}
    else if (w === 'type') {action = takes();}
    else if (['iif', 'oif', 'ipproto', 'sport', 'dport', 'tos', 'dsfield', 'uidrange', 'suppress_ifgroup', 'family', 'goto', 'realms'].includes(w)) {i++;}
    else {return bad(`"${w}" is not a routing-rule word NetworkManager reads.`);}
  }
  if (priority === undefined) return bad('a routing rule needs "priority N": NetworkManager refuses it without one.');
  if (table === undefined && action === undefined) return bad('the rule names no table ("table N") and no action, so it does nothing.');
  return { family, priority, not, from, to, fwmark, table, suppressPrefixLength: suppress, action, text, name, span };
}
