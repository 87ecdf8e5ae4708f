// NetworkManager connection profiles: keyfiles (`*.nmconnection`).
import type { Finding } from '../../model';
import type { ConfigAnalysis, ConfigContext, ConfigFamily } from '../types';
import { hoverAt } from './hover';
import type { InstallPlan } from './install';
import { NM_RULES } from './rules';
import { type NmState, type Sibling, createState, readDocument } from './state';
import { simulateNetworkManager } from './simulate';
import { symbols } from './symbols';

export type { InstallPlan, PlannedRoute, PlannedRule } from './install';
export type { Prediction } from './predict';
import { predict } from './predict';
import { createTunnelClassifier } from '../../tunnels';

const TUNNELS = createTunnelClassifier();

export interface NetworkManagerAnalysis extends ConfigAnalysis {
  readonly format: 'networkmanager';
  readonly state: NmState;
  /** The routes and rules NetworkManager adds when this profile comes up. */
  readonly plan: InstallPlan;
}

export interface NetworkManagerOptions {
  /** The other profiles of the same folder (name and text), for rules that need the VPN and the physical side. */
  readonly siblings?: readonly { readonly name: string; readonly text: string }[];
}

export function analyzeNetworkManager(text: string, context: ConfigContext = {}, options: NetworkManagerOptions = {}): NetworkManagerAnalysis {
  const doc = readDocument(text);
  const siblings: Sibling[] = (options.siblings ?? []).map((s) => ({ name: s.name, connection: readDocument(s.text).connection }));
  const state = createState(doc, context, siblings);
  const findings: Finding[] = [];
  for (const rule of NM_RULES) findings.push(...rule.check(state));
  findings.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
  return {
    format: 'networkmanager',
    findings,
    secrets: doc.secrets,
    symbols: symbols(state),
    state,
    plan: state.plan,
    simulate: () => simulateNetworkManager(state, context),
    hoverAt: (lineText, line, character) => hoverAt(state, lineText, line, character),
    explainAddress(address) {
      const prediction = predict(state.plan, address, context.dump, context.dumpName ?? 'the dump');
      // Only a VPN or WireGuard profile's device is a tunnel; an Ethernet or Wi-Fi profile is the physical path.
      const tunnel = prediction.viaConnection && TUNNELS.isTunnel(prediction.route?.device);
      return { tunnel, summary: `goes ${prediction.sentence}` };
    },
  };
}

/** Share of meaningful lines that read as a keyfile; 0 without a [connection] group. */
export function scoreNetworkManager(sample: readonly string[]): number {
  let lines = 0;
  let evidence = 0;
  let anchored = false;
  for (const raw of sample) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    lines++;
    if (line === '[connection]') anchored = true;
    if (/^\[(?:connection|ipv4|ipv6|vpn|vpn-secrets|wireguard|wireguard-peer\.\S+|ethernet|wifi|wifi-security|proxy|802-3-ethernet|802-11-wireless)\]$/.test(line)) evidence++;
    else if (/^[\w -]+=/.test(line) && !/\s=|=\s/.test(line)) evidence++;
  }
  return anchored && lines > 0 ? evidence / lines : 0;
}

export const networkmanagerFamily: ConfigFamily = {
  languageId: 'networkmanager',
  label: 'NetworkManager',
  score: scoreNetworkManager,
  analyze: (text, context) => analyzeNetworkManager(text, context, context.related?.siblings ? { siblings: context.related.siblings } : {}),
  siblingPattern: /\.nmconnection$/i,
};
