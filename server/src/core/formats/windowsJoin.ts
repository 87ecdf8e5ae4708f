import { formatAddress, parseIPv4 } from '../net/address';
import type { Finding, NextHop, ParsedDocument, Route, Section } from '../model';
import { GET_NET_ROUTE_FORMAT } from './getNetRoute';
import { IPCONFIG_FORMAT } from './ipconfig';
import { WINDOWS_ROUTE_PRINT_FORMAT } from './windowsRoutePrint';
import { UNKNOWN_ADAPTER, routesWithUnknownAdapter, unknownAdapterMessage } from './windowsRoutes';

const ROUTE_FORMATS: ReadonlySet<string> = new Set([WINDOWS_ROUTE_PRINT_FORMAT, GET_NET_ROUTE_FORMAT]);

/**
 * Names the interfaces of Windows routes after the adapters the same paste describes.
 * `route print` names IPv4 interfaces by address and IPv6 ones by index; `ipconfig` gives each
 * adapter's addresses, description and (through link-local zones) index, and Get-NetRoute gives
 * index and alias. Routes then use the adapter's name (`Ethernet`, `Corp VPN`), the same for both
 * families, and the `unknown-adapter` findings keep only the addresses still unnamed.
 * Pure and idempotent: a document without Windows sections comes back as it was.
 */
export function joinWindowsInterfaces(doc: ParsedDocument): ParsedDocument {
  const routeSections = doc.sections.filter((s) => ROUTE_FORMATS.has(s.format));
  if (routeSections.length === 0) return doc;
  const names = adapterNames(doc);
  if (names.size === 0) return doc;
  let changed = false;
  const routes = doc.routes.map((route) => {
    if (!inSections(route.span.line, routeSections)) return route;
    let hopsChanged = false;
    const nexthops = route.nexthops.map((hop): NextHop => {
      const name = hop.device !== undefined ? names.get(hop.device) : undefined;
      if (name === undefined || name === hop.device) return hop;
      hopsChanged = true;
      return { ...hop, device: name };
    });
    if (!hopsChanged) return route;
    changed = true;
    return { ...route, nexthops };
  });
  if (!changed) return doc;
  return { ...doc, routes, findings: updateFindings(doc.findings, routes) };
}

/** Every device string a Windows route may carry, mapped to the adapter name it stands for. */
function adapterNames(doc: ParsedDocument): Map<string, string> {
  const ipconfig = doc.interfaces.filter((i) => formatAt(doc.sections, i.span.line) === IPCONFIG_FORMAT);
  const byAddress = new Map<string, string>();
  const byDescription = new Map<string, string>();
  const byIndex = new Map<number, string>();
  for (const info of ipconfig) {
    for (const address of info.addresses) byAddress.set(formatAddress(address), info.name);
    for (const alias of info.aliases) if (!isAddress(alias)) byDescription.set(alias, info.name);
    if (info.index !== undefined) byIndex.set(info.index, info.name);
  }
  const listed = doc.interfaces.filter((i) => {
    const format = formatAt(doc.sections, i.span.line);
    return format !== undefined && ROUTE_FORMATS.has(format);
  });
  // Get-NetRoute aliases are the adapters' names too, for indexes ipconfig did not reveal.
  for (const info of listed) {
    if (formatAt(doc.sections, info.span.line) === GET_NET_ROUTE_FORMAT && info.index !== undefined && info.description === info.name) {
      if (!byIndex.has(info.index)) byIndex.set(info.index, info.name);
    }
  }
  const names = new Map<string, string>();
  for (const [address, name] of byAddress) names.set(address, name);
  for (const info of listed) {
    const name = (info.description !== undefined ? byDescription.get(info.description) : undefined)
      ?? (info.index !== undefined ? byIndex.get(info.index) : undefined);
    if (name === undefined) continue;
    for (const device of [info.name, ...info.aliases]) if (!names.has(device)) names.set(device, name);
  }
  return names;
}

/** Keeps each `unknown-adapter` finding's list to the addresses no adapter claimed, or drops it. */
function updateFindings(findings: readonly Finding[], routes: readonly Route[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.code !== UNKNOWN_ADAPTER || !f.routeIds) {
      out.push(f);
      continue;
    }
    const still = routesWithUnknownAdapter(f.routeIds.map((id) => routes[id]).filter((r): r is Route => r !== undefined));
    if (still.length === 0) continue;
    out.push({ ...f, message: unknownAdapterMessage(still.map((r) => r.nexthops[0]?.device ?? '')), routeIds: still.map((r) => r.id) });
  }
  return out;
}

function formatAt(sections: readonly Section[], line: number): string | undefined {
  return sections.find((s) => line >= s.startLine && line <= s.endLine)?.format;
}

function inSections(line: number, sections: readonly Section[]): boolean {
  return sections.some((s) => line >= s.startLine && line <= s.endLine);
}

function isAddress(text: string): boolean {
  return parseIPv4(text) !== undefined || text.includes(':');
}
