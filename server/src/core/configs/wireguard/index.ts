// WireGuard: wg-quick configs, `wg showconf` output (same syntax) and `wg show` output.
import type { Finding } from '../../model';
import { type Address, parseAddress } from '../../net/address';
import { formatPrefix } from '../../net/prefix';
import { configName } from '../simulated';
import type { ConfigAnalysis, ConfigContext, ConfigFamily } from '../types';
import { buildConfigs } from './build';
import { hoverAt } from './hover';
import type { InstallOs, InstallPlan } from './install';
import { lookupKey } from './keys';
import type { WgDocument, WgFormat } from './model';
import { parseConf, splitLines } from './parse';
import type { Prediction } from './predict';
import { WG_RULES } from './rules';
import { looksLikeShow, parseShow } from './show';
import { type WgState, createState } from './state';
import { simulateWireGuard } from './simulate';
import { symbols } from './symbols';

export type { InstallOs, InstallPlan, InstallStep, PlannedAction, PlannedRoute, PlannedRule } from './install';
export type { Prediction } from './predict';
export { INSTALL_OSES } from './install';

/** The answer to "where does this address go": the receiving peer, and with a dump, the path once connected. */
export interface WireGuardResolution {
  readonly address: Address;
  /** The receiving peer's name and the AllowedIPs entry that won, or undefined when no peer receives it. */
  readonly peer: { readonly name: string; readonly prefix: string; readonly line: number } | undefined;
  readonly prediction: Prediction | undefined;
}

/** The family's analysis, plus what the CLI and a "Simulate Connecting" command need. */
export interface WireGuardAnalysis extends ConfigAnalysis {
  readonly format: WgFormat;
  readonly state: WgState;
  /** What bringing each device up installs on `os` (one plan per device; a config file has one). */
  installPlans(os: InstallOs): InstallPlan[];
  resolveAddress(address: string): WireGuardResolution | undefined;
}

const SHOW_LABEL = /^(?:public key|private key|listening port|fwmark|preshared key|endpoint|allowed ips|latest handshake|transfer|persistent keepalive):/;

/** `options.device` names the interface (wg-quick uses the file name: `wg0.conf` → wg0). */
export function analyzeWireGuard(text: string, context: ConfigContext = {}, options: { device?: string } = {}): WireGuardAnalysis {
  const lines = splitLines(text);
  const format: WgFormat = looksLikeShow(lines.slice(0, 50)) ? 'wireguard-show' : 'wireguard';
  const parsed = format === 'wireguard-show' ? parseShow(text) : parseConf(text);
  const doc: WgDocument = { format, ...parsed, configs: buildConfigs(parsed.sections, format) };
  const state = createState(doc, context, options.device);
  const findings: Finding[] = [];
  for (const rule of WG_RULES) {
    for (const finding of rule.check(state)) findings.push(finding);
  }
  findings.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
  return {
    format,
    findings,
    secrets: doc.secrets,
    symbols: symbols(state),
    state,
    hoverAt: (lineText, line, character) => hoverAt(state, lineText, line, character),
    installPlans: (os) => state.devices.map((d) => d.plan(os)),
    simulate: () => simulateWireGuard(state, configName(context.fileName, 'the WireGuard config')),
    resolveAddress(input) {
      const address = parseAddress(input);
      const device = state.devices[0];
      if (!address || !device) return undefined;
      const claim = device.routing.peerFor(address);
      const peer = claim ? { name: claim.peer.name, prefix: formatPrefix(claim.allowed.prefix), line: claim.allowed.span.line } : undefined;
      return { address, peer, prediction: state.predict(device, address) };
    },
    explainAddress(address) {
      const device = state.devices[0];
      if (!device) return undefined;
      const claim = device.routing.peerFor(address);
      const prediction = state.predict(device, address);
      const receiver = claim ? `peer ${claim.peer.name}` : undefined;
      const byPeer = claim
        ? `peer ${claim.peer.name} receives it by AllowedIPs ${formatPrefix(claim.allowed.prefix)} (line ${claim.allowed.span.line + 1})`
        : 'no peer\'s AllowedIPs contain it, so WireGuard would not send it';
      return {
        tunnel: prediction?.tunnel ?? claim !== undefined,
        ...(receiver ? { receiver } : {}),
        summary: prediction ? `${byPeer}; once connected it goes ${prediction.sentence}` : `${byPeer}.`,
      };
    },
  };
}

/** Share of meaningful lines that read as WireGuard; 0 without a section header or `interface:`/`peer:` line. */
export function scoreWireGuard(sample: readonly string[]): number {
  let lines = 0;
  let evidence = 0;
  let anchored = false;
  let section: 'interface' | 'peer' = 'interface';
  for (const raw of sample) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    lines++;
    const squeezed = line.replace(/\s+/g, '').toLowerCase();
    if (squeezed === '[interface]' || squeezed === '[peer]') {
      section = squeezed === '[peer]' ? 'peer' : 'interface';
      anchored = true;
      evidence++;
    } else if (/^(?:interface|peer):\s+\S+$/.test(line)) {
      anchored = true;
      evidence++;
    } else if (SHOW_LABEL.test(line)) {
      evidence++;
    } else {
      const eq = line.indexOf('=');
      if (eq > 0 && lookupKey(line.slice(0, eq).trim(), section)) evidence++;
    }
  }
  return anchored && lines > 0 ? evidence / lines : 0;
}

export const wireguardFamily: ConfigFamily = {
  languageId: 'wireguard',
  label: 'WireGuard',
  score: scoreWireGuard,
  // wg-quick names the interface after the file: wg0.conf brings up wg0.
  analyze: (text, context) => analyzeWireGuard(text, context, deviceFromFile(context.fileName)),
};

function deviceFromFile(fileName: string | undefined): { device?: string } {
  const base = (fileName ?? '').replace(/^.*[/\\]/, '').replace(/\.conf$/, '');
  return /^[a-zA-Z0-9_=+.-]{1,15}$/.test(base) && fileName?.endsWith('.conf') ? { device: base } : {};
}
