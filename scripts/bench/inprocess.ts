// In-process figures on one table: analysis phases, fast-path lookups and explained lookups.
// The benchmark bundles this file with esbuild and runs it in a fresh process.
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/core/analyze';
import { FastResolver } from '../../server/src/core/fastLookup';
import { resolve } from '../../server/src/core/resolver';

const file = process.argv[2] ?? '';
const lookups = Number(process.argv[3] ?? 2_000_000);
const text = readFileSync(file, 'utf8');
let t = performance.now();
const analysis = analyze(text);
const analyzeMs = performance.now() - t;

// Deterministic addresses spread over the whole space, most of them inside the table's /24s.
const words = new Uint32Array(lookups);
let x = 0x2545f491;
for (let i = 0; i < words.length; i++) {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  words[i] = x >>> 0;
}
const fast = new FastResolver(analysis.tables);
t = performance.now();
fast.lookup4(0);
const flattenMs = performance.now() - t;
let checksum = 0;
t = performance.now();
for (let i = 0; i < words.length; i++) checksum += fast.lookup4(words[i] as number);
const fastMs = performance.now() - t;
const explained = Math.min(20_000, lookups);
t = performance.now();
for (let i = 0; i < explained; i++) resolve(analysis.tables, { family: 4, words: [words[i] as number] });
const explainedMs = performance.now() - t;
// The fast path and resolve() must agree; a benchmark of a wrong answer is worthless.
for (let i = 0; i < 2000; i++) {
  const address = { family: 4 as const, words: [words[i] as number] };
  if (fast.route(address) !== resolve(analysis.tables, address).route) throw new Error(`fast path disagrees at word ${words[i]}`);
}
process.stdout.write(`${JSON.stringify({
  routes: analysis.document.routes.length,
  findings: analysis.findings.length,
  analyzeMs,
  flattenMs,
  fastLookupsPerSecond: lookups / (fastMs / 1000),
  explainedMicroseconds: (explainedMs * 1000) / explained,
  checksum,
  rssMB: process.memoryUsage().rss / 1e6,
})}\n`);
