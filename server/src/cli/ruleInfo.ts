import { type SeverityLevel, SEVERITY_LEVELS, isSeverityLevel } from '../core/findingPolicy';
import type { Severity } from '../core/model';
import { FAMILY_TITLES, RULE_CATALOGUE, type RuleEntry, catalogueEntry } from '../core/ruleCatalogue';
import { closestCode } from '../core/suppressions';
import { ruleDocUrl } from '../ruleDocs';
import { CliError } from './errors';

export type SarifLevel = 'error' | 'warning' | 'note';

/** What reports say about a diagnostic code, beyond each finding's own message. */
export interface RuleInfo {
  readonly id: string;
  /** PascalCase, as SARIF viewers show rule names. */
  readonly name: string;
  readonly shortDescription: string;
  readonly fullDescription: string;
  readonly level: SarifLevel;
  readonly tags: readonly string[];
  /** The code's page under docs/rules, for codes Route Lens knows. */
  readonly helpUri?: string;
}

// Longer descriptions than the catalogue's titles, for the codes people meet most.
const FULL_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'shadowed-route': 'Another route always wins over this one: a route for the same prefix with a lower metric, '
    + 'one listed first, one in a table searched earlier, or more specific routes that together cover the whole '
    + 'prefix (as OpenVPN\'s 0.0.0.0/1 and 128.0.0.0/1 do to the default route). The route has no effect.',
  'split-tunnel-exception': 'A tunnel interface carries a covering route, often the default, while a more specific route '
    + 'sends part of that range out of a physical interface, so that traffic is not protected by the VPN. '
    + 'A host route to the VPN server itself is expected and reported as a note.',
  'parse-error': 'The text could not be read: an unknown destination, a malformed address, a keyword without its '
    + 'value, or a config line the VPN software refuses. The line is left out of the analysis.',
  'unknown-keyword': 'The keyword is not one iproute2 prints. It is kept as an attribute but does not take part '
    + 'in route selection; check it for a typo.',
  'invalid-prefix': 'The destination has host bits set (such as 10.0.0.1/8). The kernel rejects such a prefix '
    + 'with "Invalid prefix for given prefix length"; the analysis reads it with those bits cleared.',
  'binary-file': 'The file holds binary data, not the text `ip route` prints, so nothing in it was analysed.',
};

const TAGS: Readonly<Record<string, readonly string[]>> = {
  'shadowed-route': ['routing', 'correctness'],
  'split-tunnel-exception': ['routing', 'vpn'],
  'invalid-prefix': ['syntax', 'correctness'],
  'binary-file': ['input'],
};

function pascal(code: string): string {
  return code.replace(/(^|[-_])([a-z0-9])/g, (_, _sep: string, ch: string) => ch.toUpperCase());
}

function fromCatalogue(entry: RuleEntry): RuleInfo {
  const families = entry.families.map((family) => FAMILY_TITLES[family]).join(', ');
  const helpUri = ruleDocUrl(entry.code);
  return {
    id: entry.code,
    name: pascal(entry.code),
    shortDescription: `${entry.title}.`,
    fullDescription: FULL_DESCRIPTIONS[entry.code] ?? `${entry.title} (${families}).${helpUri ? ` See ${helpUri}` : ''}`,
    level: sarifLevel(entry.severity),
    tags: TAGS[entry.code] ?? (entry.code.includes('parse') || entry.code.startsWith('unknown-') ? ['syntax'] : entry.families),
    ...(helpUri ? { helpUri } : {}),
  };
}

/** Every code in the rule catalogue, in its order, so ruleIndex values stay stable across runs. */
export const KNOWN_RULES: readonly RuleInfo[] = RULE_CATALOGUE.map(fromCatalogue);

export function ruleInfo(code: string, severity: Severity): RuleInfo {
  const entry = catalogueEntry(code);
  return entry ? fromCatalogue(entry) : {
    id: code,
    name: pascal(code),
    shortDescription: `Route Lens check ${code}.`,
    fullDescription: `Findings of the Route Lens check ${code}.`,
    level: sarifLevel(severity),
    tags: [],
  };
}

/**
 * `--severity CODE=LEVEL`, repeatable and comma-separated (`--severity a=off,b=error`); a later value for a
 * code wins. Unknown codes and levels stop the run, with the nearest code when one is close.
 */
export function severityOptions(values: readonly string[]): Record<string, SeverityLevel> {
  const out: Record<string, SeverityLevel> = {};
  for (const item of values.flatMap((value) => value.split(','))) {
    const pair = item.trim();
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const code = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    const level = eq < 0 ? '' : pair.slice(eq + 1).trim().toLowerCase();
    if (eq < 0 || code === '') throw new CliError(`--severity takes CODE=LEVEL, not '${clip(pair)}'`);
    if (!catalogueEntry(code)) {
      const guess = closestCode(code);
      throw new CliError(`--severity: unknown code '${clip(code)}'${guess ? `; did you mean '${guess}'?` : ''} (codes: docs/rules/README.md)`);
    }
    const normal = level === 'info' ? 'information' : level;
    if (!isSeverityLevel(normal)) throw new CliError(`--severity ${code}: the level must be one of ${SEVERITY_LEVELS.join(', ')}, not '${clip(level)}'`);
    out[code] = normal;
  }
  return out;
}

function clip(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 59)}…`;
}

/** SARIF has no information or hint level: both become notes. */
export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}
