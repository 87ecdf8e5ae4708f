// Property tests and mutation fuzzing of the route-table path: analyze, resolve and hover on any text.
import fc from 'fast-check';
import { describe, test } from 'node:test';
import { type Analysis, analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/explain/hover';
import type { Address } from '../../server/src/core/net/address';
import { resolve } from '../../server/src/core/resolver';
import { PARSERS } from '../../server/src/core/formats/registry';
import { checkProperty, editorLines, expectNone, findingProblems, fuzzParameters, spanProblem } from './check';
import { EDGE_TOKENS, applyAll, mutationsArb } from './mutations';
import { allSeeds } from './repo';
import { pickPosition, positionArb, seedArb } from './seeds';

const addressArb: fc.Arbitrary<Address> = fc.oneof(
  fc.nat({ max: 0xffffffff }).map((w) => ({ family: 4 as const, words: [w >>> 0] })),
  fc.array(fc.nat({ max: 0xffffffff }), { minLength: 4, maxLength: 4 }).map((words) => ({ family: 6 as const, words })),
  fc.constantFrom<Address>({ family: 4, words: [0] }, { family: 4, words: [0xffffffff] }, { family: 6, words: [0, 0, 0, 0] },
    { family: 6, words: [0, 0, 0xffff, 0x01020304] }, { family: 6, words: [0xfe800000, 0, 0, 1] }),
);

/** Every invariant of one analysis of `text`; resolve and hover are exercised at the given points. */
export function routeProblems(text: string, analysis: Analysis, addresses: readonly Address[], positions: readonly { line: number; character: number }[]): string[] {
  const lines = editorLines(text);
  const problems = findingProblems(analysis.findings, lines);
  for (const route of analysis.document.routes) {
    for (const [what, span] of [['span', route.span], ['prefixSpan', route.prefixSpan]] as const) {
      const p = spanProblem(span, lines);
      if (p) problems.push(`route ${route.id} ${what}: ${p}`);
    }
  }
  // Addresses inside the routes' own prefixes reach the interesting paths of the resolver.
  const own = analysis.document.routes.slice(0, 20).map((r) => ({ family: r.family, words: r.prefix.words }));
  for (const address of [...addresses, ...own]) resolve(analysis.tables, address);
  for (const { line, character } of positions) {
    const hover = hoverAt(analysis, lines[line] ?? '', line, character);
    if (hover && typeof hover.markdown !== 'string') problems.push(`hover at ${line}:${character} without markdown`);
    if (hover && line < lines.length) {
      const p = spanProblem(hover.span, lines);
      if (p) problems.push(`hover span at ${line}:${character}: ${p}`);
    }
  }
  return problems;
}

function deterministic(text: string, first: Analysis, options: Parameters<typeof analyze>[1]): string[] {
  const again = analyze(text, options);
  return JSON.stringify(again.findings) === JSON.stringify(first.findings) ? [] : ['two analyses of the same text differ'];
}

const FORMATS = [undefined, ...PARSERS.map((p) => p.id)];

describe('route tables: fuzzing seeded from every fixture', { timeout: 120_000 }, () => {
  const seeds = allSeeds();

  test('analyze, resolve and hover never throw and keep spans inside the document', () => {
    checkProperty(
      fc.property(seedArb(seeds), mutationsArb, fc.constantFrom(...FORMATS), fc.array(addressArb, { maxLength: 8 }), fc.array(positionArb, { maxLength: 12 }),
        (seed, mutations, format, addresses, points) => {
          const text = applyAll(seed.text, mutations);
          const options = format === undefined ? {} : { format };
          const analysis = analyze(text, options);
          const lines = editorLines(text);
          const problems = routeProblems(text, analysis, addresses, points.map((p) => pickPosition(lines, p)));
          expectNone([...problems, ...deterministic(text, analysis, options)], text);
        }),
      fuzzParameters(250),
    );
  });

  test('edge tokens in every position of a route line', () => {
    const templates = ['T via 10.0.0.1 dev eth0', 'default via T dev eth0', 'T dev eth0 src T', 'T\tT\tT', '$ ip -6 route\nT dev wg0 metric T'];
    checkProperty(
      fc.property(fc.constantFrom(...templates), fc.array(fc.constantFrom(...EDGE_TOKENS), { minLength: 1, maxLength: 4 }), fc.constantFrom(...FORMATS),
        (template, tokens, format) => {
          let i = 0;
          const text = template.replace(/T/g, () => tokens[i++ % tokens.length] ?? '');
          const analysis = analyze(text, format === undefined ? {} : { format });
          const lines = editorLines(text);
          const everywhere = lines.flatMap((l, line) => Array.from({ length: l.length + 1 }, (_, character) => ({ line, character })));
          expectNone(routeProblems(text, analysis, [], everywhere), text);
        }),
      fuzzParameters(300),
    );
  });

  test('a 1 MB single line and 100k identical lines, in every format', () => {
    const line = seeds.find((s) => s.name.endsWith('table-all.routes'))?.text.split('\n')[1] ?? '10.0.0.0/8 via 10.0.0.1 dev eth0';
    const big = [`${line} `.repeat(Math.ceil(1_048_576 / (line.length + 1))), `${line}\n`.repeat(100_000), '\0'.repeat(1_048_576)];
    for (const text of big) {
      for (const format of FORMATS) {
        const analysis = analyze(text, format === undefined ? {} : { format });
        expectNone(routeProblems(text, analysis, [{ family: 4, words: [0x0a000001] }], [{ line: 0, character: 5 }, { line: 99_999, character: 3 }]), text);
      }
    }
  });
});
