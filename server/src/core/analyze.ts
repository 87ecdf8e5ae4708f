import { parseDocument } from './formats/parseDocument';
import { type Finding, type ParsedDocument, makeFinding, spanOnLine } from './model';
import { RoutingTables } from './routingTables';
import { RULES, type RuleContext } from './rules';
import { type TunnelClassifier, createTunnelClassifier } from './tunnels';

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

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const binary = binaryFinding(text);
  const document: ParsedDocument = binary
    ? { format: 'binary', os: 'linux', routes: [], findings: [binary], sections: [], interfaces: [], rules: [] }
    : parseDocument(text, options.format ? { format: options.format } : {});
  const tunnels = createTunnelClassifier(options.tunnelInterfaces, interfaceDescriptions(document));
  const tables = new RoutingTables(document.routes, document.os);
  const context: RuleContext = { document, tables, tunnels, memo: new Map() };
  const disabled = new Set(options.disabledRules ?? []);
  const findings: Finding[] = document.findings.slice();
  for (const rule of RULES) {
    if (disabled.has(rule.code)) continue;
    // A loop, not a spread: a million findings would overflow the call stack.
    for (const finding of rule.check(context)) findings.push(finding);
  }
  findings.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
  return { document, tables, tunnels, findings };
}

function interfaceDescriptions(document: ParsedDocument): Map<string, string> {
  const map = new Map<string, string>();
  for (const info of document.interfaces) {
    if (info.description === undefined) continue;
    for (const name of [info.name, ...info.aliases]) map.set(name, info.description);
  }
  return map;
}

/** Binary files get one finding instead of one per line of garbage. */
function binaryFinding(text: string): Finding | undefined {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return binary();
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    if (c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1 ? binary() : undefined;
}

function binary(): Finding {
  return makeFinding('binary-file', 'error', 'This looks like a binary file, not a routing-table dump; nothing was analysed.',
    spanOnLine(0, 0, 0));
}
