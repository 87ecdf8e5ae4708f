// The oracle: random tables go into a real kernel, the kernel's own dump goes into Route Lens,
// and every lookup must get the same answer from both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import type { Route } from '../../server/src/core/model';
import { formatAddress, parseAddress, sameAddress } from '../../server/src/core/net/address';
import { type Resolution, resolve } from '../../server/src/core/resolver';
import { generate } from './generate';
import { type KernelAnswer, Namespace, unavailableReason } from './namespace';

const SEED_TEXT = process.env.ROUTE_LENS_KERNEL_SEEDS ?? '1-16';
const SEEDS = seedList(SEED_TEXT);
const LOOKUPS = Number(process.env.ROUTE_LENS_KERNEL_LOOKUPS ?? 1500);
const SHOW = Number(process.env.ROUTE_LENS_KERNEL_SHOW ?? 10);

/** `1-16` or `3,7,9`: the seeds to run. */
function seedList(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || !Number.isInteger(from)) throw new Error(`bad seed list: ${text}`);
    return Array.from({ length: to === undefined ? 1 : to - from + 1 }, (_, i) => from + i);
  });
}

interface Disagreement {
  readonly seed: number;
  readonly address: string;
  readonly kernel: string;
  readonly ours: string;
  readonly route: string;
  readonly why: string;
}

/** The kernel reports the table of the answer; IPv4 merges local into main, so both print as main. */
function tableClass(family: 4 | 6, table: string): string {
  return family === 4 && table === 'local' ? 'main' : table;
}

function describe(r: Resolution): string {
  if (r.error) return `error "${r.error}"`;
  const hops = r.nexthops.map((h) => `${h.gateway ? `via ${formatAddress(h.gateway)} ` : ''}dev ${h.device ?? '?'}`);
  return `${r.outcome} ${hops.join(' | ')}`;
}

function routeLine(route: Route | undefined): string {
  return route ? `line ${route.span.line + 1}: ${route.text} (table ${route.table})` : '(no route)';
}

/** Undefined when the answers agree, else what differs. */
function compare(kernel: KernelAnswer, ours: Resolution): string | undefined {
  if (!kernel.ok) {
    return ours.error === kernel.error ? undefined : 'the kernel fails the lookup';
  }
  if (ours.error !== undefined || !ours.route) return 'the kernel answers with a route';
  const route = ours.route;
  const outcome = kernel.type === 'unicast' ? 'forward' : kernel.type;
  if (ours.outcome !== outcome) return `type ${kernel.type} vs ${ours.outcome}`;
  const address = parseAddress(kernel.address);
  if (!address || !sameAddress(address, ours.address)) return `the kernel answered for ${kernel.address}`;
  if (tableClass(route.family, kernel.table ?? 'main') !== tableClass(route.family, route.table)) {
    return `table ${kernel.table ?? 'main'} vs ${route.table}`;
  }
  // IPv4 answers carry no metric; IPv6 answers print the chosen route's.
  if (kernel.metric !== undefined && kernel.metric !== route.metric) return `metric ${kernel.metric} vs ${route.metric}`;
  // Local delivery always goes through lo, whatever device the local route names.
  if (outcome === 'local') return kernel.dev === 'lo' ? undefined : `local answer on ${kernel.dev ?? '?'}`;
  const gateway = kernel.gateway === undefined ? undefined : parseAddress(kernel.gateway);
  // Multipath: the kernel hashes the flow onto one next hop, which must be one of ours (as resolved).
  const hit = ours.nexthops.some((h) => h.device === kernel.dev
    && (gateway === undefined ? h.gateway === undefined : h.gateway !== undefined && sameAddress(h.gateway, gateway)));
  return hit ? undefined : 'the kernel uses a next hop that is not in our route';
}

interface Totals {
  lookups: number;
  agreements: number;
  families: Record<string, number>;
  outcomes: Record<string, number>;
  multipath: number;
  tableDefault: number;
  refused: number;
  routes: number;
}

const totals: Totals = {
  lookups: 0, agreements: 0, families: {}, outcomes: {}, multipath: 0, tableDefault: 0, refused: 0, routes: 0,
};
const disagreements: Disagreement[] = [];
/** Dumps of the seeds that disagreed, kept so the input can be opened in the editor. */
const savedDumps: string[] = [];

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function runSeed(seed: number): void {
  const scenario = generate(seed, LOOKUPS);
  const ns = Namespace.create(`rl-diff-${process.pid}-${seed}`, scenario.interfaces);
  try {
    totals.refused += ns.load(scenario.routes).length;
    const dump = ns.dump();
    const analysis = analyze(dump);
    totals.routes += analysis.document.routes.length;
    const parseErrors = analysis.findings.filter((f) => f.code === 'parse-error');
    assert.deepEqual(parseErrors.map((f) => `line ${f.span.line + 1}: ${f.message}`), [],
      `seed ${seed}: the kernel's own dump must parse cleanly`);
    const answers = ns.lookup(scenario.lookups);
    const before = disagreements.length;
    scenario.lookups.forEach((text, i) => {
      const kernel = answers[i] as KernelAnswer;
      const address = parseAddress(text);
      assert.ok(address, `seed ${seed}: ${text} must parse`);
      const ours = resolve(analysis.tables, address);
      totals.lookups++;
      bump(totals.families, `IPv${address.family}`);
      const why = compare(kernel, ours);
      if (why === undefined) {
        totals.agreements++;
        bump(totals.outcomes, ours.outcome);
        if (ours.nexthops.length > 1 && ours.outcome === 'forward') totals.multipath++;
        if (ours.route?.table === 'default') totals.tableDefault++;
        return;
      }
      disagreements.push({ seed, address: text, kernel: kernel.raw.split('\n')[0] ?? '', ours: describe(ours), route: routeLine(ours.route), why });
    });
    if (disagreements.length > before) {
      const file = join(tmpdir(), `route-lens-kernel-seed-${seed}.routes`);
      writeFileSync(file, dump);
      savedDumps.push(file);
    }
  } finally {
    ns.destroy();
  }
}

test('Route Lens resolves like the Linux kernel on random routing tables', (t) => {
  const reason = unavailableReason();
  if (reason) {
    console.log(`kernel differential test skipped: ${reason}`);
    t.skip(reason);
    return;
  }
  const started = Date.now();
  for (const seed of SEEDS) runSeed(seed);
  const outcomes = Object.entries(totals.outcomes).sort().map(([k, v]) => `${k} ${v}`).join(', ');
  const families = Object.entries(totals.families).sort().map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`kernel differential: seeds ${SEED_TEXT}; ${totals.routes} dumped routes (${totals.refused} generated commands refused by the kernel); `
    + `${totals.lookups} lookups (${families}); ${totals.agreements} agree (${(100 * totals.agreements / Math.max(1, totals.lookups)).toFixed(2)}%); `
    + `outcomes: ${outcomes}; multipath ${totals.multipath}; via table default ${totals.tableDefault}; ${Date.now() - started} ms`);
  for (const d of disagreements.slice(0, SHOW)) {
    console.log(`DISAGREE seed ${d.seed} ${d.address}: ${d.why}\n  kernel: ${d.kernel}\n  ours:   ${d.ours}\n  route:  ${d.route}`);
  }
  if (disagreements.length > 0) {
    const seeds = [...new Set(disagreements.map((d) => d.seed))].join(',');
    console.log(`Disagreeing seeds: ${seeds} (rerun with ROUTE_LENS_KERNEL_SEEDS=${seeds}); their dumps: ${savedDumps.join(' ')}`);
  }
  assert.ok(totals.lookups >= SEEDS.length * LOOKUPS * 0.95, 'the generator must produce the lookups asked for');
  assert.equal(disagreements.length, 0, `${disagreements.length} of ${totals.lookups} lookups disagree with the kernel`);
});
