import { type Finding, makeFinding, spanOnLine } from '../../../model';
import type { RuleContext } from '../context';
import { DIRECTIVES, REMOVED } from '../directives';
import type { Directive } from '../model';
import type { OpenVpnRule } from './types';
import { editDistance } from '../../editDistance';

/** Options OpenVPN does not know stop it at startup; pushed ones are dropped by clients with a warning. */
export const unknownDirective: OpenVpnRule = {
  code: 'unknown-directive',
  check({ config }: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const tolerated = toleratedNames(config.parsed.directives);
    for (const d of config.parsed.directives) {
      const span = spanOnLine(d.line, d.nameParam.start, d.nameParam.end);
      const removed = REMOVED.get(d.name);
      if (removed !== undefined) {
        const ignored = d.name === 'max-routes';
        findings.push(makeFinding('unknown-directive', ignored ? 'information' : 'warning', `\`${d.name}\` is ${removed}.`, span));
        continue;
      }
      if (DIRECTIVES.has(d.name) || isTolerated(tolerated, d)) continue;
      const shown = d.name.length > 40 ? `${d.name.slice(0, 39)}…` : d.name;
      const guess = suggest(d.name);
      const hint = guess ? ` Did you mean \`${guess}\`?` : '';
      const effect = d.push
        ? 'Clients drop it with "Unrecognized option or missing or extra parameter(s)".'
        : d.block
          ? 'OpenVPN stops with "Unrecognized option"; inline blocks exist only for options such as <ca>, <cert>, <key>, <tls-crypt> and <connection>.'
          : 'OpenVPN stops with "Unrecognized option or missing or extra parameter(s)".';
      findings.push(makeFinding('unknown-directive', 'warning', `Unknown option \`${shown}\`.${hint} ${effect}`, span));
    }
    return findings;
  },
};

/**
 * `ignore-unknown-option a b` makes OpenVPN only warn about those names on later lines.
 * (`setenv opt NAME …` carries the option on its own line, so it never reaches this rule.)
 */
export function toleratedNames(directives: readonly Directive[]): Map<string, number> {
  const names = new Map<string, number>();
  for (const d of directives) {
    if (d.push || d.name !== 'ignore-unknown-option') continue;
    for (const a of d.args) if (!names.has(a.text)) names.set(a.text, d.line);
  }
  return names;
}

export function isTolerated(tolerated: ReadonlyMap<string, number>, d: Directive): boolean {
  const from = tolerated.get(d.name);
  return from !== undefined && from < d.line && !d.push;
}

const SUGGESTIONS = new Map<string, string | undefined>();

/** The closest known option: same spelling in another case, or at most two edits away (three for long names). */
export function suggest(name: string): string | undefined {
  // Files repeat their mistakes; each distinct name is looked up once.
  if (SUGGESTIONS.has(name)) return SUGGESTIONS.get(name);
  const found = closest(name);
  if (SUGGESTIONS.size < 10000) SUGGESTIONS.set(name, found);
  return found;
}

function closest(name: string): string | undefined {
  const lower = name.toLowerCase().replace(/_/g, '-');
  if (DIRECTIVES.has(lower)) return lower;
  const limit = lower.length > 12 ? 3 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const known of DIRECTIVES.keys()) {
    if (Math.abs(known.length - lower.length) > limit) continue;
    const d = editDistance(lower, known, limit);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}
