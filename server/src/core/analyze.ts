import { analysisSteps, drain } from './analysisSteps';
import type { TextLines } from './formats/textLines';
import type { Finding, ParsedDocument } from './model';
import type { RoutingTables } from './routingTables';
import type { TunnelClassifier } from './tunnels';

export interface AnalyzeOptions {
  /** Extra interface-name patterns (`*`, `?`) to treat as tunnels. */
  readonly tunnelInterfaces?: readonly string[];
  /** Rule codes to leave out. */
  readonly disabledRules?: readonly string[];
  /** A format id to force instead of detecting one. */
  readonly format?: string;
}

/** Everything one analysis of a document produced; shared by diagnostics, hover and the CLI. */
export interface Analysis {
  readonly document: ParsedDocument;
  readonly tables: RoutingTables;
  readonly tunnels: TunnelClassifier;
  readonly findings: readonly Finding[];
}

export function analyze(text: string | TextLines, options: AnalyzeOptions = {}): Analysis {
  return drain(analysisSteps(text, options)).analysis;
}
