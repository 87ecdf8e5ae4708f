// Fixture seeds as fast-check values that print as their file name in counterexamples.
import fc from 'fast-check';
import { type Seed } from './repo';

/** Seeds print as their path, so a counterexample names the fixture rather than dumping it. */
export function seedArb(seeds: readonly Seed[]): fc.Arbitrary<Seed> {
  const named = seeds.map((s) => Object.assign(Object.create(null) as object, s, { [fc.toStringMethod]: () => s.name }) as Seed);
  return fc.constantFrom(...named);
}

/** A position anywhere in a document, including one past the end of a line and lines past the end. */
export const positionArb = fc.record({ line: fc.nat({ max: 100_000 }), character: fc.nat({ max: 400 }), clamp: fc.boolean() });

export function pickPosition(lines: readonly string[], p: { line: number; character: number; clamp: boolean }): { line: number; character: number } {
  if (!p.clamp) return p;
  const line = p.line % Math.max(lines.length, 1);
  return { line, character: p.character % ((lines[line]?.length ?? 0) + 2) };
}
