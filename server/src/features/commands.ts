import { type CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import { addressHover } from '../core/explain/addressHover';
import { effectiveRoutesMarkdown, resolutionSummary, tunnelShare } from '../core/explain/effectiveRoutes';
import { type Address, formatAddress, parseAddress } from '../core/net/address';
import { type Flow, flowFamilyError, flowWords, isPlainFlow, parseFlowText } from '../core/policy/flow';
import { resolve } from '../core/resolver';
import type { DocumentCache } from '../documentCache';
import type { Logger } from '../logger';
import type {
  EffectiveRoutesParams,
  EffectiveRoutesResult,
  ResolveAddressParams,
  ResolveAddressResult,
} from '../protocol';
import type { SettingsCache } from '../settings';
import { toRange } from './diagnostics';

/** Longer input is not an address, and echoing it back whole would only fill the notification. */
const MAX_ECHO = 64;

/** Reads the address a user typed: surrounding space and a zone (`%eth0`) are allowed, a prefix is not. */
export function readAddress(input: string): Address | string {
  const text = input.trim().replace(/%[\w.@+-]*$/, '');
  const address = parseAddress(text);
  if (address) return address;
  if (text === '') return 'No address given.';
  const shown = clip(text);
  const slash = text.indexOf('/');
  if (slash >= 0 && parseAddress(text.slice(0, slash))) return `'${shown}' is a prefix; give one address, such as ${text.slice(0, slash)}.`;
  return `'${shown}' is not an IPv4 or IPv6 address.`;
}

/** `ADDRESS [KEY VALUE]...` plus optional separate flow keys: the address and the flow, or what is wrong. */
export function readAddressAndFlow(input: string, flowText = ''): { address: Address; flow: Flow | undefined } | string {
  const trimmed = input.trim();
  const space = trimmed.search(/\s/);
  const address = readAddress(space < 0 ? trimmed : trimmed.slice(0, space));
  if (typeof address === 'string') return address;
  const keys = `${space < 0 ? '' : trimmed.slice(space)} ${flowText}`.trim();
  const flow = keys === '' ? {} : parseFlowText(keys);
  if (typeof flow === 'string') return flow;
  const family = flowFamilyError(flow, address.family);
  if (family) return family;
  return { address, flow: isPlainFlow(flow) ? undefined : flow };
}

function clip(text: string): string {
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO - 1)}…` : text;
}

/** The server side of the client's commands: resolve an address, and list the effective routes. */
export class CommandsFeature {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
  ) {}

  async resolveAddress(params: ResolveAddressParams, token: CancellationToken): Promise<ResolveAddressResult> {
    const read = readAddressAndFlow(params.address, params.flow);
    if (typeof read === 'string') {
      return { address: clip(params.address), invalid: read, outcome: 'invalid', error: null, tunnel: false, summary: read, markdown: read, range: null, nexthops: [] };
    }
    const { address, flow } = read;
    const analysis = await this.analysis(params.uri, token);
    const resolution = resolve(analysis.tables, address, { rules: analysis.document.rules, ...(flow ? { flow } : {}) });
    const hops = resolution.nexthops;
    return {
      address: formatAddress(address),
      outcome: resolution.outcome,
      error: resolution.error ?? null,
      tunnel: hops.length > 0 && tunnelShare(analysis, hops) === 'all',
      summary: resolutionSummary(analysis, resolution),
      markdown: addressHover(analysis, address, flow),
      range: resolution.route ? toRange(resolution.route.prefixSpan) : null,
      nexthops: hops.map((hop) => ({
        interface: hop.device ?? null,
        gateway: hop.gateway ? formatAddress(hop.gateway) : null,
        tunnel: analysis.tunnels.isTunnel(hop.device),
      })),
      ...(flow ? { flow: flowWords(flow) } : {}),
    };
  }

  async effectiveRoutes(params: EffectiveRoutesParams, token: CancellationToken): Promise<EffectiveRoutesResult> {
    return { markdown: effectiveRoutesMarkdown(await this.analysis(params.uri, token)) };
  }

  /** The open document's analysis; a closed or unknown document is the caller's error, not an empty answer. */
  private async analysis(uri: string, token: CancellationToken): Promise<Analysis> {
    if (!this.documents.get(uri)) throw notOpen(uri);
    const settings = await this.settings.get(uri);
    const document = this.documents.get(uri);
    if (!document) throw notOpen(uri);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    let analysis: Analysis | undefined;
    try {
      // Waits for the stepped analysis of a large document instead of blocking every other request.
      analysis = await this.cache.settled(document, settings, token);
    } catch (error) {
      this.logger.error(`Could not analyse ${uri}`, error);
      throw new ResponseError(ErrorCodes.InternalError, 'Route Lens could not analyse the document; see its output channel.');
    }
    if (!analysis) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    return analysis;
  }
}

function notOpen(uri: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `The document is not open in the server: ${uri}`);
}
