// Long fuzzing run: builds, then runs the fuzz tests with many more runs and a fresh seed.
// ROUTE_LENS_FUZZ_RUNS sets the runs per property; ROUTE_LENS_FUZZ_SEED replays a reported failure.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, ROUTE_LENS_FUZZ_RUNS: process.env.ROUTE_LENS_FUZZ_RUNS ?? '20000' };
const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log(`fuzzing with ${env.ROUTE_LENS_FUZZ_RUNS} runs per property${env.ROUTE_LENS_FUZZ_SEED ? `, seed ${env.ROUTE_LENS_FUZZ_SEED}` : ''}`);
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-timeout=0', 'out/test/fuzz/'], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
