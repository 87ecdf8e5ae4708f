import { type CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SimulatedTable } from '../core/configs/types';
import { type ConfigDocuments, isConfigLanguage } from '../configDocuments';
import type { Logger } from '../logger';
import type { SimulateConnectingParams, SimulateConnectingResult } from '../protocol';
import type { SettingsCache } from '../settings';

/** Answers `routeLens/simulateConnecting`: the table an open VPN config predicts once it is up. */
export async function simulateConnecting(
  params: SimulateConnectingParams,
  token: CancellationToken,
  documents: TextDocuments<TextDocument>,
  configs: ConfigDocuments,
  settings: SettingsCache,
  logger: Logger,
): Promise<SimulateConnectingResult> {
  if (!documents.get(params.uri)) throw notOpen(params.uri);
  const resolved = await settings.get(params.uri);
  const document = documents.get(params.uri);
  if (!document) throw notOpen(params.uri);
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
  if (!isConfigLanguage(document.languageId)) {
    return empty(`${document.languageId} is not a VPN config language: open a WireGuard, OpenVPN, strongSwan, xl2tpd, pppd or NetworkManager file.`);
  }
  let table: SimulatedTable | undefined;
  try {
    table = configs.get(document, resolved).config.simulate();
  } catch (error) {
    // Never the document text: a config may hold secrets.
    logger.error(`Could not simulate connecting ${params.uri}`, error);
    throw new ResponseError(ErrorCodes.InternalError, 'Route Lens could not predict the table; see its output channel.');
  }
  if (!table) return empty('This file brings nothing up (it holds secrets for another config), so there is no table to predict.');
  return {
    text: table.text,
    reason: null,
    notes: table.notes,
    dumpName: table.dumpName ?? null,
    addedLines: table.lines.flatMap((line, i) => (line.origin === 'vpn' ? [i] : [])),
    removed: table.removed.map((r) => r.text),
  };
}

function empty(reason: string): SimulateConnectingResult {
  return { text: null, reason, notes: [], dumpName: null, addedLines: [], removed: [] };
}

function notOpen(uri: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `The document is not open in the server: ${uri}`);
}
