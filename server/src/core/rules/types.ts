import type { Finding, ParsedDocument } from '../model';
import type { RoutingTables } from '../routingTables';
import type { TunnelClassifier } from '../tunnels';

export interface RuleContext {
  readonly document: ParsedDocument;
  readonly tables: RoutingTables;
  readonly tunnels: TunnelClassifier;
  /** Results rules share within one analysis, keyed by the computing module. */
  readonly memo: Map<string, unknown>;
}

/** One check over an analysed document; each lives in its own file. */
export interface Rule {
  /** The stable diagnostic code. */
  readonly code: string;
  check(context: RuleContext): Finding[];
}
