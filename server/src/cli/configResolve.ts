import type { ConfigDocument } from '../core/analyzeDocument';
import { parseAddress } from '../core/net/address';
import type { Palette } from './textOutput';

/** One address answered from a VPN config: who receives it and where it goes once connected. */
export interface ConfigResolveEntry {
  readonly address: string;
  /** The config's format: `wireguard`, `openvpn`... */
  readonly format: string;
  readonly tunnel: boolean;
  /** The peer or connection that receives it inside the VPN, when the family can say. */
  readonly receiver: string | null;
  readonly error: string | null;
  readonly explanation: readonly string[];
}

export function resolveInConfig(doc: ConfigDocument, text: string, invalid: string): ConfigResolveEntry {
  const address = parseAddress(text);
  if (!address) return { address: text, format: doc.format, tunnel: false, receiver: null, error: invalid, explanation: [] };
  const answer = doc.config.explainAddress?.(address);
  if (!answer) {
    return {
      address: text, format: doc.format, tunnel: false, receiver: null,
      error: `the ${doc.family.label} analysis cannot say where addresses go`, explanation: [],
    };
  }
  return {
    address: text,
    format: doc.format,
    tunnel: answer.tunnel,
    receiver: answer.receiver ?? null,
    error: null,
    explanation: [plain(answer.summary)],
  };
}

export function renderConfigResolution(entry: ConfigResolveEntry, p: Palette): string {
  if (entry.error) return `${p.bold(entry.address)}: ${entry.error}\n`;
  const where = entry.tunnel ? 'through the tunnel' : 'outside the tunnel';
  return `${p.bold(entry.address)} → ${where}${entry.receiver ? ` (${entry.receiver})` : ''}\n${entry.explanation.map((e) => `    ${e}\n`).join('')}`;
}

/** Terminal and JSON text without markdown emphasis. */
function plain(markdown: string): string {
  return markdown.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}
