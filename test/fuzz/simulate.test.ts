// Mutation fuzzing of "Simulate Connecting": on any text and any dump, every family's predicted table
// is built without throwing and reads back as a dump without parse errors.
import fc from 'fast-check';
import { describe, test } from 'node:test';
import { type Analysis, analyze } from '../../server/src/core/analyze';
import { analyzeDocument } from '../../server/src/core/analyzeDocument';
import { RULES } from '../../server/src/core/rules';
import { checkProperty, expectNone, fuzzParameters } from './check';
import { configFamilies } from './families';
import { applyAll, mutationsArb } from './mutations';
import { allSeeds, isRouteDump } from './repo';
import { seedArb } from './seeds';

describe('simulated tables: fuzzing seeded from every fixture', { timeout: 120_000 }, async () => {
  const families = await configFamilies();
  const seeds = allSeeds();
  const quiet = { disabledRules: RULES.map((r) => r.code) };
  const dumps: (Analysis | undefined)[] = [undefined, ...seeds.filter(isRouteDump).map((s) => analyze(s.text, quiet))];

  for (const { dir, family } of families) {
    const own = seeds.filter((s) => s.group === dir && !isRouteDump(s) && !s.name.endsWith('README.md'));
    test(`${family.languageId}: simulate never throws and its text re-parses`, () => {
      checkProperty(
        fc.property(seedArb([...own, ...own, ...seeds]), mutationsArb, fc.nat(dumps.length - 1), (seed, mutations, which) => {
          const text = applyAll(seed.text, mutations);
          const dump = dumps[which];
          const analysis = family.analyze(text, { fileName: seed.name.replace(/^.*\//, ''), ...(dump ? { dump, dumpName: 'routes.txt' } : {}) });
          const table = analysis.simulate();
          if (!table) return;
          const reread = analyzeDocument(table.text, { languageId: 'route-table' });
          const problems = reread.findings.filter((f) => f.code === 'parse-error' || f.code === 'invalid-prefix').map((f) => `line ${f.span.line + 1}: ${f.message}`);
          if (table.lines.length !== table.text.split('\n').length - 1) problems.push('lines do not match the text');
          expectNone(problems, `${table.text}\n--- from ---\n${text}`);
        }),
        fuzzParameters(60),
      );
    });
  }
});
