import { createHash } from 'node:crypto';
import type { Finding, Span } from '../core/model';
import { artifactLocation } from './files';
import { type CheckedFile, position } from './report';
import { KNOWN_RULES, type RuleInfo, type SarifLevel, ruleInfo, sarifLevel } from './ruleInfo';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of our fingerprint in partialFingerprints; the version changes if the hashed text ever does. */
export const FINGERPRINT_KEY = 'routeLensFingerprint/v1';

export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

interface SarifMessage {
  readonly text: string;
}

interface SarifPhysicalLocation {
  readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: string };
  readonly region: { readonly startLine: number; readonly startColumn: number; readonly endLine: number; readonly endColumn: number };
}

interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly { readonly physicalLocation: SarifPhysicalLocation }[];
  readonly relatedLocations?: readonly { readonly id: number; readonly message: SarifMessage; readonly physicalLocation: SarifPhysicalLocation }[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
}

interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly helpUri?: string;
  readonly properties: { readonly tags: readonly string[] };
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly [{
    readonly tool: { readonly driver: { readonly name: string; readonly version: string; readonly semanticVersion: string; readonly informationUri: string; readonly rules: readonly SarifRule[] } };
    readonly columnKind: 'utf16CodeUnits';
    readonly invocations: readonly { readonly executionSuccessful: boolean; readonly toolExecutionNotifications?: readonly { readonly level: 'error'; readonly message: SarifMessage }[] }[];
    readonly results: readonly SarifResult[];
  }];
}

/**
 * One run over every checked file, in the shape GitHub code scanning accepts. The rules list
 * always holds the known rules (stable ruleIndex values across runs) plus any other code that appears.
 */
export function buildSarif(files: readonly CheckedFile[], tool: ToolInfo, cwd: string, problems: readonly string[]): SarifLog {
  const rules: RuleInfo[] = [...KNOWN_RULES];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results: SarifResult[] = [];
  for (const file of files) {
    const location = artifactLocation(file.path, cwd);
    const occurrences = new Map<string, number>();
    file.findings.forEach((finding, i) => {
      let ruleIndex = index.get(finding.code);
      if (ruleIndex === undefined) {
        ruleIndex = rules.push(ruleInfo(finding.code, finding.severity)) - 1;
        index.set(finding.code, ruleIndex);
      }
      const hash = fingerprint(finding.code, file.sources[i] ?? '');
      // Identical lines in one file still need distinct fingerprints, so count repeats as GitHub does.
      const seen = (occurrences.get(hash) ?? 0) + 1;
      occurrences.set(hash, seen);
      results.push(result(finding, ruleIndex, location, `${hash}:${seen}`));
    });
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: tool.name,
          version: tool.version,
          semanticVersion: tool.version,
          informationUri: tool.informationUri,
          rules: rules.map(sarifRule),
        },
      },
      columnKind: 'utf16CodeUnits',
      invocations: [{
        executionSuccessful: problems.length === 0,
        ...(problems.length > 0
          ? { toolExecutionNotifications: problems.map((text) => ({ level: 'error' as const, message: { text } })) }
          : {}),
      }],
      results,
    }],
  };
}

function sarifRule(rule: RuleInfo): SarifRule {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.shortDescription },
    fullDescription: { text: rule.fullDescription },
    defaultConfiguration: { level: rule.level },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    properties: { tags: rule.tags },
  };
}

function result(finding: Finding, ruleIndex: number, location: SarifPhysicalLocation['artifactLocation'], print: string): SarifResult {
  const related = finding.related.map((r, id) => ({
    id,
    message: { text: r.message },
    physicalLocation: physical(location, r.span),
  }));
  return {
    ruleId: finding.code,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [{ physicalLocation: physical(location, finding.span) }],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: print },
  };
}

function physical(artifact: SarifPhysicalLocation['artifactLocation'], span: Span): SarifPhysicalLocation {
  const p = position(span);
  return {
    artifactLocation: artifact,
    region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
  };
}

/** Hashes what the finding is about, not where: moving a route up or down keeps its alert. */
function fingerprint(code: string, source: string): string {
  return createHash('sha256').update(`${code}\0${source}`).digest('hex').slice(0, 32);
}
