// `npm run bench`: scale figures for issue 7. It measures and prints; it never passes or fails on a number.
// Usage: node scripts/bench.mjs [--sizes 10000,100000,1000000] [--runs 3] [--skip-kernel] [--skip-jc] [--json FILE]
//        [--only check,inprocess,kernel,lsp,activation] [--lsp-runs N] [--server-args '--cpu-prof ...']
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { generateRoutes, writeTables } from './bench/generate.mjs';
import { kernelLookups, kernelUnavailable } from './bench/kernel.mjs';
import { activationFigures } from './bench/activation.mjs';
import { lspFigures } from './bench/lsp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const sizes = (option('sizes') ?? '10000,100000,1000000').split(',').map(Number);
// The parts to run; the LSP and activation figures alone take a minute instead of many.
const PARTS = ['check', 'inprocess', 'kernel', 'lsp', 'activation'];
const only = new Set((option('only') ?? PARTS.join(',')).split(','));
const part = (name) => only.has(name);
const unknownPart = [...only].find((p) => !PARTS.includes(p));
if (unknownPart) throw new Error(`--only: unknown part '${unknownPart}' (parts: ${PARTS.join(', ')})`);
const largest = Math.max(...sizes);
const runs = Number(option('runs') ?? 3);
const work = join(tmpdir(), `route-lens-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
const log = (text) => process.stderr.write(`bench: ${text}\n`);

/** The run with the median wall time of `runs` runs: a shared machine makes single runs noisy. */
function timed(command, commandArgs, stdinFile) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(timedOnce(command, commandArgs, stdinFile));
  return all.sort((a, b) => a.seconds - b.seconds)[Math.floor(all.length / 2)];
}

/** Wall time and peak RSS of a command with stdout discarded, from GNU time when it is there. */
function timedOnce(command, commandArgs, stdinFile) {
  const gnuTime = existsSync('/usr/bin/time');
  const input = stdinFile ? `< '${stdinFile}'` : '';
  const quoted = [command, ...commandArgs].map((a) => `'${a}'`).join(' ');
  const shell = gnuTime ? `/usr/bin/time -f '%e %M %U %S' ${quoted} ${input} > /dev/null` : `${quoted} ${input} > /dev/null`;
  const t = performance.now();
  const run = spawnSync('sh', ['-c', shell], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t) / 1000;
  const measured = gnuTime ? /(\d+\.\d+) (\d+) (\d+\.\d+) (\d+\.\d+)\s*$/.exec(run.stderr) : null;
  // CPU time (user + system) says more than wall time when other work shares the machine.
  return {
    seconds: measured ? Number(measured[1]) : seconds,
    rssMB: measured ? Number(measured[2]) / 1024 : NaN,
    cpuSeconds: measured ? Number(measured[3]) + Number(measured[4]) : NaN,
    status: run.status,
  };
}

function hasJc() {
  return !args.includes('--skip-jc') && spawnSync('jc', ['--version'], { encoding: 'utf8' }).status === 0;
}

const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const results = { date: new Date().toISOString(), machine: { nproc: cpus().length, cpu: cpus()[0]?.model ?? '?', node: process.version }, sizes: [] };

log(`generating ${sizes.join(', ')} routes in ${work}`);
const tables = new Map();
for (const size of sizes) {
  const routes = generateRoutes(size);
  const ipFile = join(work, `routes-${size}.routes`);
  const routeNFile = join(work, `route-n-${size}.txt`);
  await writeTables(routes, ipFile, routeNFile);
  tables.set(size, { routes, ipFile, routeNFile });
}

const cli = join(root, 'dist', 'cli.js');
const jc = part('check') && hasJc();
for (const size of part('check') ? sizes : []) {
  const { ipFile, routeNFile } = tables.get(size);
  log(`route-lens check on ${size} routes`);
  const ours = timed(process.execPath, [cli, 'check', '--format', 'json', ipFile]);
  const row = { size, checkSeconds: ours.seconds, checkCpuSeconds: ours.cpuSeconds, checkRssMB: ours.rssMB, checkStatus: ours.status };
  if (jc) {
    log(`jc --route on ${size} routes`);
    const theirs = timed('jc', ['--route'], routeNFile);
    row.jcSeconds = theirs.seconds;
    row.jcRssMB = theirs.rssMB;
    row.jcCpuSeconds = theirs.cpuSeconds;
  }
  results.sizes.push(row);
}

if (part('inprocess')) {
  log('in-process resolve throughput');
  const bundle = join(work, 'inprocess.cjs');
  await esbuild.build({ entryPoints: [join(root, 'scripts/bench/inprocess.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
  const inProcess = spawnSync(process.execPath, [bundle, tables.get(largest).ipFile, '2000000'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  results.inProcess = inProcess.status === 0 ? JSON.parse(inProcess.stdout) : { error: inProcess.stderr.trim().split('\n').slice(-3).join(' ') };
}

const why = args.includes('--skip-kernel') || !part('kernel') ? 'skipped' : kernelUnavailable();
if (why) {
  results.kernel = { error: why };
} else {
  log(`kernel: loading ${largest} routes into a namespace`);
  const addresses = [];
  let x = 0x2545f491;
  for (let i = 0; i < 100_000; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const w = x >>> 0;
    addresses.push(`${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}`);
  }
  results.kernel = kernelLookups(tables.get(largest).routes, addresses);
}

if (part('lsp')) {
  log(`LSP on the ${largest}-line document`);
  const serverArgs = (option('server-args') ?? '').split(' ').filter(Boolean);
  results.lsp = [];
  for (let i = 0; i < Number(option('lsp-runs') ?? 1); i++) {
    results.lsp.push(await lspFigures(join(root, 'dist', 'server.js'), tables.get(largest).ipFile, { serverArgs }));
  }
}
if (part('activation')) results.activation = activationFigures(join(root, 'dist', 'extension.js'));
rmSync(work, { recursive: true, force: true });

const out = [];
const line = (...cells) => out.push(`| ${cells.join(' | ')} |`);
out.push(`Route Lens benchmark, ${results.date}, ${results.machine.nproc} × ${results.machine.cpu}, Node ${results.machine.node}; check and jc: median of ${runs} runs`, '');
if (results.sizes.length > 0) {
  line('routes', 'check wall (s)', 'check CPU (s)', 'check peak RSS (MB)', 'growth vs previous', 'jc --route (s)', 'jc CPU (s)', 'jc peak RSS (MB)', 'ours / jc (wall)', 'ours / jc (CPU)');
  line('---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:');
  let previous;
  for (const row of results.sizes) {
    const growth = previous ? `×${fmt(row.checkSeconds / previous.checkSeconds, 1)} for ×${fmt(row.size / previous.size, 0)} routes` : '';
    line(row.size.toLocaleString('en-US'), fmt(row.checkSeconds), fmt(row.checkCpuSeconds), fmt(row.checkRssMB, 0), growth,
      jc ? fmt(row.jcSeconds) : 'jc not installed', jc ? fmt(row.jcCpuSeconds) : '', jc ? fmt(row.jcRssMB, 0) : '',
      jc ? fmt(row.checkSeconds / row.jcSeconds) : '', jc ? fmt(row.checkCpuSeconds / row.jcCpuSeconds) : '');
    previous = row;
  }
  out.push('');
}
const ip = results.inProcess;
if (ip?.error) {
  out.push(`In-process: failed (${ip.error})`);
} else if (ip) {
  out.push(`In-process on ${ip.routes.toLocaleString('en-US')} routes: analyze ${fmt(ip.analyzeMs / 1000)} s, ${ip.findings} findings; `
    + `fast path ${fmt(ip.fastLookupsPerSecond / 1e6)} M lookups/s (flattened in ${fmt(ip.flattenMs, 0)} ms); `
    + `resolve() with explanation ${fmt(ip.explainedMicroseconds, 1)} µs per lookup.`);
}
const k = results.kernel;
out.push(k.error ? `Kernel: ${k.error}.` : `Kernel (ip -batch route get): ${fmt(k.lookupsPerSecond / 1e3, 1)} k lookups/s; loading the routes took ${fmt(k.loadSeconds, 1)} s (${k.failedRoutes} refused).`);
for (const l of results.lsp ?? []) {
  out.push(`LSP on ${largest.toLocaleString('en-US')} lines: first diagnostics ${fmt(l.firstDiagnosticsMs / 1000)} s (${l.diagnostics} items); `
    + `hover p50 ${fmt(l.hoverP50Ms)} ms, p99 ${fmt(l.hoverP99Ms)} ms, max ${fmt(l.hoverMaxMs)} ms; fresh diagnostics after a one-line edit ${fmt(l.editMs, 0)} ms `
    + `(median of ${l.edits.length}: ${l.edits.map((ms) => fmt(ms, 0)).join(', ')}; server CPU ${fmt(l.editCpuMs, 0)} ms); `
    + `server RSS ${fmt(l.rssMB, 0)} MB (peak ${fmt(l.peakMB, 0)} MB).`);
}
const a = results.activation;
if (a) {
  out.push(`Activation, median of ${a.runs} fresh Node processes with a stub vscode module: loading dist/extension.js and awaiting activate() `
    + `${fmt(a.plainTextMs, 1)} ms with a plain-text document open, ${fmt(a.routeTableMs, 1)} ms with a route table open `
    + `(the language client then loads in the next task: ${fmt(a.clientLoadMs, 1)} ms).`);
}
process.stdout.write(`${out.join('\n')}\n`);
const json = option('json');
if (json) writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
