// The policy-routing oracle: random tables in several table ids and random `ip rule` sets go into a real kernel,
// the kernel's own `ip route show table all` and `ip rule` go into Route Lens, and every flow asked with
// `ip route get ADDR from/iif/mark/uid/ipproto/dport/tos` must get the same answer from both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { formatAddress, parseAddress, sameAddress } from '../../server/src/core/net/address';
import { parseFlowText } from '../../server/src/core/policy/flow';
import { type Resolution, resolve } from '../../server/src/core/resolver';
import { type KernelAnswer, Namespace, unavailableReason } from './namespace';
import { type PolicyScenario, generatePolicy, generatePolicy6 } from './policyGenerate';

const SEED_TEXT = process.env.ROUTE_LENS_POLICY_SEEDS ?? '1-8';
const SEEDS = seedList(SEED_TEXT);

/** `1-10` or `3,7,9`; empty for none. */
function seedList(text: string): number[] {
  if (text.trim() === '') return [];
  return text.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || !Number.isInteger(from)) throw new Error(`bad seed list: ${text}`);
    return Array.from({ length: to === undefined ? 1 : to - from + 1 }, (_, i) => from + i);
  });
}
/** IPv6 seeds, fewer by default: the same walk, with IPv6's own source and table rules. */
const SEEDS6 = seedList(process.env.ROUTE_LENS_POLICY_SEEDS6 ?? '1-3');
const FLOWS = Number(process.env.ROUTE_LENS_POLICY_FLOWS ?? 800);
const SHOW = Number(process.env.ROUTE_LENS_KERNEL_SHOW ?? 10);

function describe(r: Resolution): string {
  if (r.error) return `error "${r.error}"`;
  const hops = r.nexthops.map((h) => `${h.gateway ? `via ${formatAddress(h.gateway)} ` : ''}dev ${h.device ?? '?'}`);
  return `${r.outcome} ${hops.join(' | ')}${r.route ? ` (table ${r.route.table}, line ${r.route.span.line + 1})` : ''}`;
}

/** Undefined when the answers agree, else what differs. */
function compare(kernel: KernelAnswer, ours: Resolution): string | undefined {
  if (!kernel.ok) return ours.error === kernel.error ? undefined : 'the kernel fails the lookup';
  if (ours.error !== undefined) return 'the kernel answers with a route';
  const outcome = kernel.type === 'unicast' ? 'forward' : kernel.type;
  if (ours.outcome !== outcome) return `type ${kernel.type} vs ${ours.outcome}`;
  const route = ours.route;
  if (route && (kernel.table ?? 'main') !== route.table) return `table ${kernel.table ?? 'main'} vs ${route.table}`;
  if (outcome === 'local') return kernel.dev === 'lo' ? undefined : `local answer on ${kernel.dev ?? '?'}`;
  const gateway = kernel.gateway === undefined ? undefined : parseAddress(kernel.gateway);
  const hit = ours.nexthops.some((h) => h.device === kernel.dev
    && (gateway === undefined ? h.gateway === undefined : h.gateway !== undefined && sameAddress(h.gateway, gateway)));
  return hit ? undefined : 'the kernel uses a next hop that is not in our answer';
}

const totals = { flows: 0, agree: 0, rules: 0, refused: 0, routes: 0, outcomes: {} as Record<string, number>, tables: {} as Record<string, number>, forwarded: 0 };
const disagreements: string[] = [];

function ip(ns: string, args: readonly string[]): string {
  const r = spawnSync('ip', ['-n', ns, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function batch6(ns: Namespace, commands: readonly string[]): number {
  const file = join(tmpdir(), `${ns.name}.batch6`);
  writeFileSync(file, `${commands.join('\n')}\n`);
  const r = spawnSync('ip', ['-n', ns.name, '-6', '-force', '-batch', file], { encoding: 'utf8' });
  rmSync(file, { force: true });
  return (r.stderr.match(/^Command failed/gm) ?? []).length;
}

function runSeed(seed: number, family: 4 | 6): void {
  const scenario: PolicyScenario = family === 4 ? generatePolicy(seed, FLOWS) : generatePolicy6(seed, FLOWS);
  const ns = Namespace.create(`rl-pol${family}-${process.pid}-${seed}`, scenario.interfaces);
  try {
    // Forwarded flows (`iif`) need forwarding on, or every non-local answer is "No route to host".
    const sysctl = spawnSync('ip', ['netns', 'exec', ns.name, 'sysctl', '-qw', 'net.ipv4.conf.all.forwarding=1', 'net.ipv6.conf.all.forwarding=1'], { encoding: 'utf8' });
    if (sysctl.status !== 0) throw new Error(`sysctl: ${sysctl.stderr}`);
    totals.refused += family === 4 ? ns.load(scenario.commands).length : batch6(ns, scenario.commands);
    const rules = ip(ns.name, [`-${family}`, 'rule', 'show']);
    const text = `$ ip route show table all\n${ns.dump()}$ ip${family === 6 ? ' -6' : ''} rule\n${rules}`;
    const analysis = analyze(text);
    totals.routes += analysis.document.routes.length;
    totals.rules += analysis.document.rules.length;
    const errors = analysis.findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => `line ${f.span.line + 1}: ${f.message}`), [], `seed ${seed}: the kernel's own dump must parse cleanly`);
    const answers = ns.lookup(scenario.flows);
    let failed = false;
    scenario.flows.forEach((line, i) => {
      const [dst = '', ...keys] = line.split(' ');
      const address = parseAddress(dst);
      const flow = parseFlowText(keys.join(' '));
      assert.ok(address && typeof flow !== 'string', `seed ${seed}: ${line} must parse`);
      const ours = resolve(analysis.tables, address, { flow, rules: analysis.document.rules });
      const kernel = answers[i] as KernelAnswer;
      totals.flows++;
      if (flow.iif) totals.forwarded++;
      const why = compare(kernel, ours);
      if (why === undefined) {
        totals.agree++;
        const key = ours.error ?? ours.outcome;
        totals.outcomes[key] = (totals.outcomes[key] ?? 0) + 1;
        if (ours.route) totals.tables[ours.route.table] = (totals.tables[ours.route.table] ?? 0) + 1;
        return;
      }
      failed = true;
      disagreements.push(`seed ${seed} \`ip route get ${line}\`: ${why}\n  kernel: ${kernel.raw.split('\n')[0] ?? ''}\n  ours:   ${describe(ours)}\n  why:    ${ours.steps.slice(1).join(' | ')}`);
    });
    if (failed) writeFileSync(join(tmpdir(), `route-lens-policy-seed-${seed}.txt`), text);
  } finally {
    ns.destroy();
  }
}

test('Route Lens walks ip rules like the Linux kernel for random flows', (t) => {
  const reason = unavailableReason();
  if (reason) {
    console.log(`kernel policy test skipped: ${reason}`);
    t.skip(reason);
    return;
  }
  for (const seed of SEEDS) runSeed(seed, 4);
  for (const seed of SEEDS6) runSeed(seed, 6);
  const fmt = (o: Record<string, number>): string => Object.entries(o).sort().map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`kernel policy differential: IPv4 seeds ${SEED_TEXT || 'none'}, IPv6 seeds ${SEEDS6.join(',') || 'none'}; ${totals.routes} routes and ${totals.rules} rules dumped `
    + `(${totals.refused} commands refused); ${totals.flows} flows (${totals.forwarded} forwarded); ${totals.agree} agree `
    + `(${(100 * totals.agree / Math.max(1, totals.flows)).toFixed(2)}%); answers: ${fmt(totals.outcomes)}; tables: ${fmt(totals.tables)}`);
  for (const d of disagreements.slice(0, SHOW)) console.log(`DISAGREE ${d}`);
  assert.ok(totals.flows >= (SEEDS.length + SEEDS6.length) * FLOWS, 'every flow must be asked');
  assert.equal(disagreements.length, 0, `${disagreements.length} of ${totals.flows} flows disagree with the kernel`);
});
