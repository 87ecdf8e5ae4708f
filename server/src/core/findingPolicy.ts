import type { TextLines } from './formats/textLines';
import type { Finding, Section, Severity } from './model';
import { type CommentSyntax, applySuppressions, commentSyntaxFor } from './suppressions';

/** What a user may set a code to: one of the four severities, or `off` to drop its findings. */
export type SeverityLevel = Severity | 'off';

export const SEVERITY_LEVELS: readonly SeverityLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

export function isSeverityLevel(value: unknown): value is SeverityLevel {
  return typeof value === 'string' && (SEVERITY_LEVELS as readonly string[]).includes(value);
}

/** The user's say over findings: severities per code, and codes not reported at all. */
export interface FindingPolicy {
  readonly severity?: Readonly<Record<string, SeverityLevel>>;
  /** Codes whose findings are dropped, as `off` does; `severity` wins for a code named in both. */
  readonly disabled?: readonly string[];
}

/**
 * The findings a user sees: suppression comments first (they speak about the default codes), then the
 * severity each code is set to. A dump's `sections` give each line its own format's comment syntax.
 * Returns `findings` itself when nothing applies.
 */
export function reviewFindings(text: string | TextLines, format: string, findings: readonly Finding[], policy: FindingPolicy,
  sections: readonly Section[] = []): readonly Finding[] {
  const kept = applySuppressions(text, findings, sections.length > 1 ? syntaxBySection(format, sections) : commentSyntaxFor(sections[0]?.format ?? format));
  return applySeverities(kept, policy);
}

/** Lines between sections (prompts, stray text) take the syntax of the document's format. */
function syntaxBySection(format: string, sections: readonly Section[]): (line: number) => CommentSyntax {
  const fallback = commentSyntaxFor(format);
  const sorted = [...sections].sort((a, b) => a.startLine - b.startLine);
  return (line) => {
    // The last section starting at or before the line, by binary search: a dump may hold thousands.
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((sorted[mid] as Section).startLine <= line) lo = mid;
      else hi = mid - 1;
    }
    const section = sorted[lo];
    return section && section.startLine <= line && line <= section.endLine ? commentSyntaxFor(section.format) : fallback;
  };
}

export function applySeverities(findings: readonly Finding[], policy: FindingPolicy): readonly Finding[] {
  const levels = new Map<string, SeverityLevel>();
  for (const code of policy.disabled ?? []) levels.set(code, 'off');
  for (const [code, level] of Object.entries(policy.severity ?? {})) if (isSeverityLevel(level)) levels.set(code, level);
  if (levels.size === 0) return findings;
  let changed = false;
  const out: Finding[] = [];
  for (const finding of findings) {
    const level = levels.get(finding.code);
    if (level === undefined || level === finding.severity) {
      out.push(finding);
    } else {
      changed = true;
      if (level !== 'off') out.push({ ...finding, severity: level });
    }
  }
  return changed ? out : findings;
}
