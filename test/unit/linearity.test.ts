// Every parser and config family does work linear in its input, on inputs built to tempt backtracking.
//
// The work is counted, never timed. Each target runs in a child process that wraps the String, RegExp and
// Array methods parsers use and counts calls and the characters or elements they produce. A linear parser's
// counts grow about 8x from size n to 8n; quadratic scanning (re-slicing the rest of a line per token,
// searching the whole line for each word) grows 64x. Regular-expression backtracking happens inside V8 where
// nothing can count it, so the child also runs under a generous guard: linear code needs well under a second
// for these sizes, and a backtracking regex needs minutes, so a child that outlives the guard is reported as
// a hang with the case it was working on. The guard detects hangs; it never measures speed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { PARSERS } from '../../server/src/core/formats/registry';
import { configFamilies } from '../fuzz/families';

const N = 1000;
const GROWTH = 8;
/** Allowed growth of a count from n to 8n: twice linear, which still leaves n log n room, far below 64x. */
const MAX_RATIO = GROWTH * 2;
const GUARD_MS = 60_000;
const CHILD_ENV = 'ROUTE_LENS_LINEARITY_TARGET';

/** Pathological inputs, each a function of the size. */
const PATTERNS: Readonly<Record<string, (n: number) => string>> = {
  'dots': (n) => '1.'.repeat(n),
  'colons': (n) => ':'.repeat(n),
  'words': (n) => 'a '.repeat(n),
  'prompts': (n) => '$ '.repeat(n),
  'hashes': (n) => '#'.repeat(n),
  'percents': (n) => '%'.repeat(n),
  'brackets': (n) => '['.repeat(n),
  'quotes': (n) => '"'.repeat(n),
  'braces': (n) => '{'.repeat(n),
  'nested-json': (n) => `${'[{"dst":'.repeat(n)}`,
  'json-strings': (n) => `[${'"a\\"b",'.repeat(n)}`,
  'spaces-then-junk': (n) => `${' '.repeat(n)}x!`,
  'tabs-then-junk': (n) => `10.0.0.0/8${'\t'.repeat(n)}!`,
  'digits': (n) => '0'.repeat(n),
  'addresses-on-a-line': (n) => '10.1.2.3 '.repeat(n),
  'ipv6-groups': (n) => '1:'.repeat(n) + ':1',
  'prefix-slashes': (n) => '1.2.3.4/'.repeat(n),
  'equals': (n) => 'a = '.repeat(n),
  'angle-blocks': (n) => '<key>'.repeat(n),
  'route-lines': (n) => 'default via 10.0.0.1 dev eth0 metric 100\n'.repeat(n),
  'distinct-routes': (n) => Array.from({ length: n }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24 via 10.0.0.1 dev eth${i % 7}`).join('\n'),
  'prompt-lines': (n) => '$ ip -6 route show table 100\n'.repeat(n),
  'empty-lines': (n) => '\n'.repeat(n),
  'cr-lines': (n) => 'a\r'.repeat(n),
  'wireguard-peers': (n) => '[Peer]\nAllowedIPs = 10.0.0.0/8, ::/0\n'.repeat(n),
  'openvpn-routes': (n) => 'route 10.0.0.0 255.0.0.0\n'.repeat(n),
  'open-blocks': (n) => '<ca>\n'.repeat(n),
  'route-print-rows': (n) => '          0.0.0.0          0.0.0.0      192.168.1.1    192.168.1.10     25\n'.repeat(n),
  'netstat-rows': (n) => 'default            192.168.1.1        UGScg          en0\n'.repeat(n),
};

interface Count { calls: number; produced: number; by: Record<string, number> }

/** Wraps prototype methods to count calls and produced lengths; returns the counter and an undo. */
function instrument(): { count: Count; restore: () => void } {
  const count: Count = { calls: 0, produced: 0, by: {} };
  const undo: (() => void)[] = [];
  const wrap = (proto: object, name: string, size: (r: unknown) => number): void => {
    const target = proto as Record<string, unknown>;
    const original = target[name] as (...args: unknown[]) => unknown;
    target[name] = function (this: unknown, ...args: unknown[]): unknown {
      const result = original.apply(this, args);
      count.calls++;
      const produced = size(result);
      count.produced += produced;
      // Per method, so a report names the operation that grew.
      count.by[name] = (count.by[name] ?? 0) + produced + 1;
      return result;
    };
    undo.push(() => {
      target[name] = original;
    });
  };
  const len = (r: unknown): number => (typeof r === 'string' || Array.isArray(r) ? r.length : 0);
  const parts = (r: unknown): number => (Array.isArray(r) ? r.reduce((s: number, p: unknown) => s + len(p) + 1, 0) : 0);
  for (const name of ['slice', 'substring', 'substr', 'trim', 'trimStart', 'trimEnd', 'replace', 'replaceAll', 'toLowerCase', 'toUpperCase', 'padStart', 'padEnd']) {
    wrap(String.prototype, name, len);
  }
  for (const name of ['split', 'match']) wrap(String.prototype, name, parts);
  for (const name of ['indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'charCodeAt', 'search']) wrap(String.prototype, name, () => 0);
  for (const name of ['exec', 'test']) wrap(RegExp.prototype, name, parts);
  for (const name of ['slice', 'concat', 'splice']) wrap(Array.prototype, name, len);
  for (const name of ['indexOf', 'includes']) wrap(Array.prototype, name, () => 0);
  return { count, restore: () => undo.reverse().forEach((u) => u()) };
}

type Runner = (text: string) => void;

async function runnerFor(target: string): Promise<Runner> {
  const [kind, id] = target.split(':');
  if (kind === 'parser') return (text) => void analyze(text, { format: id });
  const entry = (await configFamilies()).find((e) => e.family.languageId === id);
  if (!entry) throw new Error(`no family ${id}`);
  return (text) => {
    const analysis = entry.family.analyze(text, {});
    void analysis.symbols;
  };
}

/** Child mode: run every pattern at n and 8n, one JSON line before and after each case. */
async function child(target: string): Promise<void> {
  const run = await runnerFor(target);
  for (const [pattern, make] of Object.entries(PATTERNS)) {
    for (const n of [N, N * GROWTH]) {
      const text = make(n);
      run(text.slice(0, 100)); // Warm module-level caches so they do not count against the small size.
      process.stdout.write(`${JSON.stringify({ start: pattern, n })}\n`);
      const { count, restore } = instrument();
      try {
        run(text);
      } finally {
        restore();
      }
      process.stdout.write(`${JSON.stringify({ pattern, n, ...count })}\n`);
    }
  }
}

interface Outcome { lines: Record<string, unknown>[]; timedOut: boolean; code: number | null; stderr: string }

function spawnChild(target: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--max-old-space-size=2048', __filename], { env: { ...process.env, [CHILD_ENV]: target }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timedOut = false;
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGKILL');
    }, GUARD_MS);
    proc.on('close', (code) => {
      clearTimeout(timer);
      const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ lines, timedOut, code, stderr });
    });
  });
}

/** The growth problems in one child's report. */
function growthProblems(target: string, lines: readonly Record<string, unknown>[]): string[] {
  const problems: string[] = [];
  const byPattern = new Map<string, Record<string, number>[]>();
  for (const l of lines) {
    if (typeof l.pattern !== 'string') continue;
    byPattern.set(l.pattern, [...(byPattern.get(l.pattern) ?? []), l as Record<string, number>]);
  }
  for (const [pattern, [small, large]] of byPattern) {
    if (!small || !large) continue;
    for (const key of ['calls', 'produced'] as const) {
      const a = small[key] ?? 0;
      const b = large[key] ?? 0;
      // A constant term covers fixed work that does not depend on the size.
      if (b > MAX_RATIO * a + 2000) problems.push(`${target} on ${pattern}: ${key} ${a} at n=${N}, ${b} at n=${N * GROWTH} (${(b / Math.max(a, 1)).toFixed(1)}x for 8x input)`);
    }
  }
  return problems;
}

const targetEnv = process.env[CHILD_ENV];
if (targetEnv) {
  child(targetEnv).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  describe('linear work on pathological input', { timeout: 600_000 }, async () => {
    const targets = [...PARSERS.map((p) => `parser:${p.id}`), ...(await configFamilies()).map((e) => `family:${e.family.languageId}`)];
    // Two children at a time, one per core; each test waits for its own.
    const outcomes = new Map<string, Promise<Outcome>>();
    const start = Promise.resolve();
    const lanes = [start, start];
    targets.forEach((target, i) => {
      const lane = i % lanes.length;
      const outcome = (lanes[lane] ?? start).then(() => spawnChild(target));
      lanes[lane] = outcome.then(() => undefined);
      outcomes.set(target, outcome);
    });
    for (const target of targets) {
      test(target, async () => {
        const outcome = await (outcomes.get(target) ?? spawnChild(target));
        const last = outcome.lines.at(-1);
        if (outcome.timedOut) assert.fail(`${target} still working after ${GUARD_MS / 1000} s on ${JSON.stringify(last)}: a hang or a superlinear blowup`);
        assert.equal(outcome.code, 0, `${target} child failed during ${JSON.stringify(last)}: ${outcome.stderr.slice(0, 2000)}`);
        assert.deepEqual(growthProblems(target, outcome.lines), []);
      });
    }
  });
}
