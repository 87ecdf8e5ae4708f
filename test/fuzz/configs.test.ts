// Property tests and mutation fuzzing of every config family: analyze, hover everywhere and symbols on any text.
import fc from 'fast-check';
import { describe, test } from 'node:test';
import type { ConfigAnalysis, ConfigSymbol } from '../../server/src/core/configs/types';
import { checkProperty, editorLines, expectNone, findingProblems, fuzzParameters, spanProblem } from './check';
import { configFamilies } from './families';
import { EDGE_TOKENS, applyAll, mutationsArb } from './mutations';
import { type Seed, allSeeds, isRouteDump } from './repo';
import { pickPosition, positionArb, seedArb } from './seeds';

function symbolProblems(symbols: readonly ConfigSymbol[], lines: readonly string[], depth = 0): string[] {
  const out: string[] = [];
  for (const s of symbols) {
    if (typeof s.name !== 'string' || s.name.trim() === '') out.push(`symbol with empty name at ${s.span.line}`);
    for (const [what, span] of [['span', s.span], ['selectionSpan', s.selectionSpan]] as const) {
      const p = spanProblem(span, lines);
      if (p) out.push(`symbol ${s.name} ${what}: ${p}`);
    }
    if (depth < 20) out.push(...symbolProblems(s.children, lines, depth + 1));
  }
  return out;
}

/** Every invariant of one config analysis; hovers at the given positions, or at every position. */
export function configProblems(text: string, analysis: ConfigAnalysis, positions?: readonly { line: number; character: number }[]): string[] {
  const lines = editorLines(text);
  const problems = findingProblems(analysis.findings, lines);
  for (const span of analysis.secrets) {
    const p = spanProblem(span, lines);
    if (p) problems.push(`secret span: ${p}`);
  }
  problems.push(...symbolProblems(analysis.symbols, lines));
  const points = positions ?? lines.flatMap((l, line) => Array.from({ length: Math.min(l.length, 2000) + 1 }, (_, character) => ({ line, character })));
  for (const { line, character } of points) {
    const hover = analysis.hoverAt(lines[line] ?? '', line, character);
    if (hover && typeof hover.markdown !== 'string') problems.push(`hover at ${line}:${character} without markdown`);
    const p = hover && line < lines.length ? spanProblem(hover.span, lines) : undefined;
    if (p) problems.push(`hover span at ${line}:${character}: ${p}`);
  }
  return problems;
}

describe('config families: fuzzing seeded from every fixture', { timeout: 120_000 }, async () => {
  const families = await configFamilies();
  const seeds = allSeeds();

  for (const { dir, family } of families) {
    // A family's own fixtures first; every other fixture is hostile input for it too.
    const own = seeds.filter((s) => s.group === dir && !isRouteDump(s) && !s.name.endsWith('README.md'));
    const pool: readonly Seed[] = [...own, ...own, ...seeds];
    const context = (name: string) => ({ fileName: name.replace(/^.*\//, '') });

    test(`${family.languageId}: analyze, hover and symbols never throw and stay inside the document`, () => {
      checkProperty(
        fc.property(seedArb(pool), mutationsArb, fc.array(positionArb, { maxLength: 20 }), (seed, mutations, points) => {
          const text = applyAll(seed.text, mutations);
          const analysis = family.analyze(text, context(seed.name));
          const lines = editorLines(text);
          const problems = configProblems(text, analysis, points.map((p) => pickPosition(lines, p)));
          const again = family.analyze(text, context(seed.name));
          if (JSON.stringify(again.findings) !== JSON.stringify(analysis.findings)) problems.push('two analyses of the same text differ');
          expectNone(problems, text);
        }),
        fuzzParameters(200),
      );
    });

    test(`${family.languageId}: every fixture, hovered at every position, with edge tokens`, () => {
      for (const seed of own) {
        expectNone(configProblems(seed.text, family.analyze(seed.text, context(seed.name))), seed.text);
      }
      checkProperty(
        fc.property(seedArb(own.length > 0 ? own : seeds), fc.array(fc.record({ index: fc.nat(), token: fc.constantFrom(...EDGE_TOKENS) }), { minLength: 1, maxLength: 3 }),
          (seed, words) => {
            const text = applyAll(seed.text, words.map((w) => ({ op: 'word' as const, ...w })));
            expectNone(configProblems(text, family.analyze(text, context(seed.name))), text);
          }),
        fuzzParameters(40),
      );
    });

    test(`${family.languageId}: a 1 MB single line, 100k identical lines and NULs`, () => {
      const line = own[0]?.text.split('\n').find((l) => l.includes('=') || l.includes(' ')) ?? 'remote 192.0.2.1 1194';
      const big = [`${line} `.repeat(Math.ceil(1_048_576 / (line.length + 1))), `${line}\n`.repeat(100_000), '\0'.repeat(1_048_576)];
      for (const text of big) {
        const analysis = family.analyze(text, {});
        expectNone(configProblems(text, analysis, [{ line: 0, character: 10 }, { line: 99_999, character: 3 }]), `${family.languageId} ${text.slice(0, 60)}`);
      }
    });
  }
});
