// Invariants every analysis must keep, whatever the text; each returns a problem or undefined.
import fc from 'fast-check';
import type { Finding, Span } from '../../server/src/core/model';

/** Lines the way an editor counts them: \r\n, \r and \n all end a line. */
export function editorLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** A span problem, or undefined when the span lies inside the document. */
export function spanProblem(span: Span, lines: readonly string[]): string | undefined {
  const { line, col, endLine, endCol } = span;
  if (![line, col, endLine, endCol].every(Number.isInteger)) return 'non-integer position';
  if (line < 0 || line >= lines.length) return `line ${line} outside 0..${lines.length - 1}`;
  if (endLine < line || endLine >= lines.length) return `endLine ${endLine} outside ${line}..${lines.length - 1}`;
  const first = lines[line]?.length ?? 0;
  if (col < 0 || col > first) return `col ${col} outside 0..${first}`;
  const last = lines[endLine]?.length ?? 0;
  if (endCol < 0 || endCol > last) return `endCol ${endCol} outside 0..${last}`;
  if (endLine === line && endCol < col) return `endCol ${endCol} before col ${col}`;
  return undefined;
}

/** Checks code, message and every span of the findings; returns the problems found. */
export function findingProblems(findings: readonly Finding[], lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of findings) {
    const where = `${f.code} at ${f.span.line}:${f.span.col}`;
    if (typeof f.code !== 'string' || f.code === '') out.push(`finding with empty code: ${where}`);
    if (typeof f.message !== 'string' || f.message.trim() === '') out.push(`finding with empty message: ${where}`);
    const span = spanProblem(f.span, lines);
    if (span) out.push(`${where}: ${span}`);
    for (const r of f.related) {
      const rel = spanProblem(r.span, lines);
      if (rel) out.push(`${where} related: ${rel}`);
      if (typeof r.message !== 'string') out.push(`${where} related without message`);
    }
  }
  return out;
}

/** Run count and seed: bounded in `npm test`, long under `npm run fuzz` (ROUTE_LENS_FUZZ_RUNS). */
export function fuzzParameters<T>(defaultRuns: number): fc.Parameters<T> {
  const runs = Number(process.env.ROUTE_LENS_FUZZ_RUNS);
  const seed = Number(process.env.ROUTE_LENS_FUZZ_SEED);
  const long = Number.isInteger(runs) && runs > 0;
  // The bounded run in npm test uses a fixed seed so it passes or fails the same way every time.
  const fixed = Number.isInteger(seed) ? seed : long ? undefined : 0x5eed;
  return {
    numRuns: long ? runs : defaultRuns,
    ...(fixed === undefined ? {} : { seed: fixed }),
  };
}

/** A printable stand-in for a long text in counterexamples: its length and both ends. */
export function preview(text: string): string {
  const head = JSON.stringify(text.slice(0, 200));
  return text.length <= 200 ? head : `${head}…(${text.length} chars)…${JSON.stringify(text.slice(-80))}`;
}

/** Throws with every problem listed, so the fast-check report carries them. */
export function expectNone(problems: readonly string[], text: string): void {
  if (problems.length > 0) throw new Error(`${problems.slice(0, 10).join('\n')}\ninput: ${preview(text)}`);
}

/** Runs a property and fails with the seed, the path, the shrunk counterexample and its error. */
export function checkProperty<T>(property: fc.IProperty<T>, params: fc.Parameters<T>): void {
  const details = fc.check(property, params);
  if (!details.failed) return;
  const error = details.errorInstance;
  const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  throw new Error([
    `property failed after ${details.numRuns} runs, shrunk ${details.numShrinks} times`,
    `replay: ROUTE_LENS_FUZZ_SEED=${details.seed} (path ${details.counterexamplePath ?? ''})`,
    `counterexample: ${fc.stringify(details.counterexample)}`,
    message,
  ].join('\n'));
}
