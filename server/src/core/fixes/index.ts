// Quick fixes and refactors: pure edits computed from an analysis and its text, never applied here.
import type { DocumentAnalysis } from '../analyzeDocument';
import type { WgState } from '../configs/wireguard/state';
import type { RuleContext as OpenVpnContext } from '../configs/openvpn/context';
import type { Finding } from '../model';
import { openvpnFixes } from './openvpn';
import { routeTableFixes } from './routeTable';
import { DocText } from './text';
import type { Fix } from './types';
import { excludeOnLine, wireguardFixes, wireguardRefactors } from './wireguard';

export type { Fix, FixCommand, FixKind, TextEdit } from './types';
export { applyEdits } from './text';

function wireguardState(analysis: DocumentAnalysis): WgState | undefined {
  if (analysis.kind !== 'config' || analysis.format !== 'wireguard') return undefined;
  const config: object = analysis.config;
  return 'state' in config ? (config.state as WgState) : undefined;
}

function openvpnContext(analysis: DocumentAnalysis): OpenVpnContext | undefined {
  if (analysis.kind !== 'config' || analysis.format !== 'openvpn') return undefined;
  const config: object = analysis.config;
  return 'rules' in config ? (config.rules as OpenVpnContext) : undefined;
}

/** The fixes for one finding of the analysis of `text`. */
export function fixesFor(analysis: DocumentAnalysis, text: string, finding: Finding): Fix[] {
  const doc = new DocText(text);
  const wg = wireguardState(analysis);
  if (wg) return wireguardFixes(wg, doc, finding);
  const ovpn = openvpnContext(analysis);
  if (ovpn) return openvpnFixes(ovpn, doc, finding);
  if (analysis.kind === 'routes') return routeTableFixes(analysis.analysis, doc, finding);
  return [];
}

/** Refactors for the lines `first` to `last`, offered whatever the findings. */
export function refactorsAt(analysis: DocumentAnalysis, text: string, first: number, last: number): Fix[] {
  const wg = wireguardState(analysis);
  return wg ? wireguardRefactors(wg, new DocText(text), first, last) : [];
}

/** The "Exclude an address or prefix from AllowedIPs" command: its edits, or why there are none. */
export function excludeFromAllowedIps(analysis: DocumentAnalysis, text: string, line: number, input: string): ReturnType<typeof excludeOnLine> {
  const wg = wireguardState(analysis);
  return wg ? excludeOnLine(wg, new DocText(text), line, input) : 'Only WireGuard config files have AllowedIPs.';
}
