// strongSwan: ipsec.conf (starter), swanctl.conf and ipsec.secrets.
import type { Finding } from '../../model';
import { parseAddress } from '../../net/address';
import type { ConfigAnalysis, ConfigContext, ConfigFamily } from '../types';
import { hoverAt } from './hover';
import { type InstallPlan, installPlan } from './install';
import { buildIpsecTunnels } from './ipsecTunnels';
import { buildSwanctlTunnels as buildSwanctlTunnelsOf } from './swanctlTunnels';
import type { SwanDocument, SwanFormat, Tunnel } from './model';
import { parseIpsec } from './parseIpsec';
import { parseSecrets } from './parseSecrets';
import { parseSwanctl } from './parseSwanctl';
import { type Protection, protectionFor } from './policy';
import { SWAN_RULES } from './rules';
import { type SwanState, createState } from './state';
import { simulateStrongSwan } from './simulate';
import { symbols } from './symbols';
import { splitLines } from './lines';

export type { InstallPlan, PlannedPolicy, PlannedRoute } from './install';
export type { SwanFormat, Tunnel } from './model';
export { installPlan };

export interface StrongSwanAnalysis extends ConfigAnalysis {
  readonly format: SwanFormat;
  readonly state: SwanState;
  /** The policies and table-220 routes of each conn or child. */
  installPlans(): { tunnel: Tunnel; plan: InstallPlan }[];
  /** The policy that takes traffic to `address`, if any. */
  resolveAddress(address: string): Protection | undefined;
}

const SECRET_LINE = /^\s*[^#\s]?[^#]*:\s+(?:PSK|RSA|ECDSA|BLISS|PKCS8|P12|EAP|XAUTH|NTLM|PIN|PPK)\b/;
const IPSEC_HEADER = /^(?:conn\s+\S+|config\s+setup|ca\s+\S+)\s*(?:#.*)?$/;
const SWANCTL_HEADER = /^\s*(?:connections|secrets|pools|authorities)\s*\{/;

/** Which strongSwan format the text is; `hint` (a file name) wins when it says. */
export function detectFormat(lines: readonly string[], hint?: string): SwanFormat {
  if (hint !== undefined) {
    if (/swanctl/i.test(hint)) return 'swanctl';
    if (/\.secrets$/i.test(hint)) return 'ipsec.secrets';
    if (/ipsec\.conf$/i.test(hint)) return 'ipsec.conf';
  }
  let braces = 0;
  let secrets = 0;
  let headers = 0;
  for (const line of lines.slice(0, 200)) {
    if (SWANCTL_HEADER.test(line) || /\{\s*(?:#.*)?$/.test(line)) braces++;
    if (SECRET_LINE.test(line)) secrets++;
    if (IPSEC_HEADER.test(line)) headers++;
  }
  if (braces > 0 && braces >= headers) return 'swanctl';
  if (secrets > headers) return 'ipsec.secrets';
  return 'ipsec.conf';
}

export function analyzeStrongSwan(text: string, context: ConfigContext = {}, options: { fileName?: string } = {}): StrongSwanAnalysis {
  const lines = splitLines(text);
  const format = detectFormat(lines, options.fileName);
  const doc = buildDocument(text, format);
  const state = createState(doc, context);
  const findings: Finding[] = [];
  for (const rule of SWAN_RULES) findings.push(...rule.check(state));
  findings.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
  return {
    format,
    findings,
    secrets: doc.secrets,
    symbols: symbols(state),
    state,
    hoverAt: (lineText, line, character) => hoverAt(state, lineText, line, character),
    installPlans: () => doc.tunnels.map((tunnel) => ({ tunnel, plan: state.plan(tunnel) })),
    simulate: () => simulateStrongSwan(state, context),
    resolveAddress(input) {
      const address = parseAddress(input);
      return address ? protectionFor(doc.tunnels, address) : undefined;
    },
    explainAddress(address) {
      const hit = protectionFor(doc.tunnels, address);
      if (!hit) return { tunnel: false, summary: 'no IPsec policy covers it: it leaves unencrypted by the normal routes' };
      const where = `${hit.tunnel.kind} ${hit.tunnel.name}, selector ${hit.selector.text} (line ${hit.selector.span.line + 1})`;
      switch (hit.tunnel.mode) {
        case 'pass':
          return { tunnel: false, receiver: hit.tunnel.name, summary: `passes outside IPsec by the passthrough policy of ${where}` };
        case 'drop':
          return { tunnel: false, receiver: hit.tunnel.name, summary: `is dropped by the policy of ${where}` };
        default:
          return { tunnel: true, receiver: hit.tunnel.name, summary: `is protected by IPsec (${hit.tunnel.mode} mode) by ${where}` };
      }
    },
  };
}

function buildDocument(text: string, format: SwanFormat): SwanDocument {
  const empty = { sections: [], nodes: [], secretEntries: [], tunnels: [], missingAlso: [], badSelectors: [], unknown: [] };
  if (format === 'ipsec.secrets') {
    const parsed = parseSecrets(text);
    return { ...empty, format, problems: parsed.problems, secrets: parsed.secrets, secretEntries: parsed.entries };
  }
  if (format === 'swanctl') {
    const parsed = parseSwanctl(text);
    const built = buildSwanctlTunnelsOf(parsed.nodes);
    return { ...empty, format, problems: parsed.problems, secrets: parsed.secrets, unknown: parsed.unknown, nodes: parsed.nodes, ...built };
  }
  const parsed = parseIpsec(text);
  const built = buildIpsecTunnels(parsed.sections);
  return { ...empty, format, problems: parsed.problems, secrets: parsed.secrets, unknown: parsed.unknown, sections: parsed.sections, ...built };
}

/** Share of meaningful lines that read as strongSwan; 0 without a conn/config header, a swanctl section or a secret line. */
export function scoreStrongSwan(sample: readonly string[]): number {
  let lines = 0;
  let evidence = 0;
  let anchored = false;
  for (const raw of sample) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    lines++;
    if (IPSEC_HEADER.test(raw) || SWANCTL_HEADER.test(raw) || SECRET_LINE.test(raw)) {
      anchored = true;
      evidence++;
    } else if (/^\s+(?:left|right|auto|type|keyexchange|ike|esp|also|authby|dpdaction|closeaction|keyingtries|fragmentation|installpolicy|mark|reqid)\w*\s*=/.test(raw)
      || /^(?:local_addrs|remote_addrs|local_ts|remote_ts|children|local|remote|vips|pools|mode|start_action|dpd_action|auth|id|certs|secret|proposals|esp_proposals|version|addrs|updown)\b/.test(line)
      || line === '}' || /^[\w.-]+\s*\{$/.test(line)) {
      evidence++;
    }
  }
  return anchored && lines > 0 ? evidence / lines : 0;
}

export const strongswanFamily: ConfigFamily = {
  languageId: 'strongswan',
  label: 'strongSwan',
  score: scoreStrongSwan,
  // The file name tells ipsec.conf, swanctl.conf and ipsec.secrets apart before the content has to.
  analyze: (text, context) => analyzeStrongSwan(text, context, context.fileName ? { fileName: context.fileName.replace(/^.*[/\\]/, '') } : {}),
};
