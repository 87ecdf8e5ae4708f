// The kernel as the oracle for the other Linux formats: the same random tables are dumped with `ip -j route`,
// net-tools' `route -n` / `netstat -rn`, and `ip rule`, and every dump must read and resolve like the kernel answers.
// Needs what differential.test.ts needs, plus `route` and `netstat` (Debian package net-tools) for the second test;
// each test is skipped, with the reason printed, when its tools are missing.
// ROUTE_LENS_FORMATS_SEEDS (default 1-6) and ROUTE_LENS_FORMATS_LOOKUPS (default 1500 per seed) size the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import type { Route } from '../../server/src/core/model';
import { formatAddress, parseAddress } from '../../server/src/core/net/address';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { resolve } from '../../server/src/core/resolver';
import { generate } from './generate';
import { type KernelAnswer, Namespace, unavailableReason } from './namespace';
import {
  NET_TOOLS_VARIANTS, compare, describe, inNamespace, jsonDump, netToolsDump, netToolsMissing, netToolsVisible, seedList,
} from './formatsSupport';

const SEED_TEXT = process.env.ROUTE_LENS_FORMATS_SEEDS ?? '1-6';
const SEEDS = seedList(SEED_TEXT);
const LOOKUPS = Number(process.env.ROUTE_LENS_FORMATS_LOOKUPS ?? 1500);
const SHOW = Number(process.env.ROUTE_LENS_KERNEL_SHOW ?? 10);

interface Tally {
  lookups: number;
  compared: number;
  agreed: number;
  /** Reject answers whose error text matched too, not just the reject class. */
  exactRejects: number;
  rejects: number;
  skipped: number;
  disagreements: string[];
}

function tally(): Tally {
  return { lookups: 0, compared: 0, agreed: 0, exactRejects: 0, rejects: 0, skipped: 0, disagreements: [] };
}

function percent(n: number, of: number): string {
  return `${(100 * n / Math.max(1, of)).toFixed(2)}%`;
}

function withNamespace(tag: string, seed: number, run: (ns: Namespace) => void): void {
  const scenario = generate(seed, 0);
  const ns = Namespace.create(`rl-fmt-${process.pid}-${tag}${seed}`, scenario.interfaces);
  try {
    run(ns);
  } finally {
    ns.destroy();
  }
}

function parseErrors(analysis: ReturnType<typeof analyze>): string[] {
  return analysis.findings.filter((f) => f.code === 'parse-error').map((f) => `line ${f.span.line + 1}: ${f.message}`);
}

/** What a route means to a lookup, for comparing two dumps of one table. */
function routeKey(r: Route): string {
  const hops = r.type === 'unicast' || r.type === 'local' || r.type === 'broadcast' || r.type === 'multicast' || r.type === 'anycast'
    ? r.nexthops.map((h) => `${h.gateway ? formatAddress(h.gateway) : '-'}@${h.device ?? '-'}/${h.weight}`).sort().join(',')
    : '';
  return `${formatPrefix(r.prefix)} ${r.type} ${r.table} ${r.metric} ${hops} ${r.flags.filter((f) => f === 'onlink').join('')}`;
}

function checkLookups(t: Tally, seed: number, analysis: ReturnType<typeof analyze>, lookups: readonly string[], answers: readonly KernelAnswer[],
  options: { rejectClass: boolean; skip?: (kernel: KernelAnswer, family: 4 | 6) => boolean }): void {
  lookups.forEach((text, i) => {
    const kernel = answers[i] as KernelAnswer;
    const address = parseAddress(text);
    assert.ok(address, `seed ${seed}: ${text} must parse`);
    t.lookups++;
    if (options.skip?.(kernel, address.family)) {
      t.skipped++;
      return;
    }
    t.compared++;
    const ours = resolve(analysis.tables, address);
    const why = compare(kernel, ours, options.rejectClass);
    if (!kernel.ok && kernel.error !== 'Network is unreachable') {
      t.rejects++;
      if (ours.error === kernel.error) t.exactRejects++;
    }
    if (why === undefined) {
      t.agreed++;
      return;
    }
    const route = ours.route ? `line ${ours.route.span.line + 1}: ${ours.route.text}` : '(no route)';
    t.disagreements.push(`seed ${seed} ${text}: ${why}\n  kernel: ${kernel.raw.split('\n')[0] ?? ''}\n  ours:   ${describe(ours)}\n  route:  ${route}`);
  });
}

function report(name: string, t: Tally, extra = ''): void {
  console.log(`${name}: seeds ${SEED_TEXT}; ${t.lookups} lookups, ${t.compared} compared, ${t.agreed} agree (${percent(t.agreed, t.compared)})`
    + `${t.skipped > 0 ? `, ${t.skipped} not comparable` : ''}${extra}`);
  for (const d of t.disagreements.slice(0, SHOW)) console.log(`DISAGREE ${d}`);
}

test('ip -j route show table all reads like the text dump and resolves like the kernel', (t) => {
  const reason = unavailableReason();
  if (reason) {
    console.log(`ip -j route differential skipped: ${reason}`);
    t.skip(reason);
    return;
  }
  const totals = tally();
  let routes = 0;
  for (const seed of SEEDS) {
    const scenario = generate(seed, LOOKUPS);
    withNamespace('j', seed, (ns) => {
      ns.load(scenario.routes);
      const json = jsonDump(ns);
      // Odd seeds paste the command too; even seeds leave detection to the text alone.
      const analysis = analyze(seed % 2 === 1 ? `$ ip -j route show table all\n${json}` : json);
      assert.deepEqual(parseErrors(analysis), [], `seed ${seed}: the kernel's own JSON dump must parse cleanly`);
      assert.equal(analysis.document.format, 'linux-ip-json');
      const text = analyze(ns.dump());
      assert.deepEqual(analysis.document.routes.map(routeKey).sort(), text.document.routes.map(routeKey).sort(),
        `seed ${seed}: the JSON and the text dump must describe the same routes`);
      routes += analysis.document.routes.length;
      checkLookups(totals, seed, analysis, scenario.lookups, ns.lookup(scenario.lookups), { rejectClass: false });
    });
  }
  report('ip -j route show table all vs kernel', totals, `; ${routes} dumped routes`);
  assert.equal(totals.disagreements.length, 0, `${totals.disagreements.length} of ${totals.compared} lookups disagree with the kernel`);
});

test('route -n and netstat -rn resolve like the kernel wherever they show the route', (t) => {
  const reason = unavailableReason() ?? netToolsMissing();
  if (reason) {
    console.log(`net-tools differential skipped: ${reason}`);
    t.skip(reason);
    return;
  }
  const totals = tally();
  const variants = new Set<string>();
  for (const seed of SEEDS) {
    const scenario = generate(seed, LOOKUPS);
    const variant = NET_TOOLS_VARIANTS[(seed - 1) % NET_TOOLS_VARIANTS.length] as (typeof NET_TOOLS_VARIANTS)[number];
    variants.add(variant.name);
    withNamespace('n', seed, (ns) => {
      ns.load(scenario.routes.filter(netToolsVisible));
      const analysis = analyze(netToolsDump(ns, variant));
      assert.deepEqual(parseErrors(analysis), [], `seed ${seed}: ${variant.name} must parse cleanly`);
      assert.deepEqual([...new Set(analysis.document.sections.map((s) => s.format))], ['linux-net-tools']);
      assert.equal(analysis.findings.filter((f) => f.code === 'partial-table').length, 2, `seed ${seed}: one partial-table note per family`);
      // IPv4 local and broadcast answers come from table local, which route -n never shows; the kernel prints
      // them as table main while local and main are merged, so the answer's type tells them apart.
      checkLookups(totals, seed, analysis, scenario.lookups, ns.lookup(scenario.lookups), {
        rejectClass: true,
        skip: (kernel, family) => family === 4 && kernel.ok && (kernel.type === 'local' || kernel.type === 'broadcast' || kernel.table === 'local'),
      });
    });
  }
  report('net-tools vs kernel (table main only)', totals,
    `; reject answers ${totals.rejects}, of which ${totals.exactRejects} with the same error text (net-tools prints only "reject"); variants: ${[...variants].join('; ')}`);
  assert.equal(totals.disagreements.length, 0, `${totals.disagreements.length} of ${totals.compared} lookups disagree with the kernel`);
});

const CUSTOM_RULES = [
  'rule add from 10.0.0.0/8 iif eth0 lookup 100 prio 100 proto static',
  'rule add not fwmark 0xca6c lookup 51820 prio 32765',
  'rule add from all lookup main suppress_prefixlength 0 prio 32764',
  'rule add to 8.8.8.8 goto 2000 prio 1000',
  'rule add from 192.0.2.0/24 unreachable prio 2000',
  'rule add uidrange 1000-2000 ipproto tcp dport 443 sport 1000-2000 tos 0x10 lookup 100 prio 3000',
  'rule add oif eth1 l3mdev prio 3001',
  'rule add blackhole to 10.99.0.0/16 prio 3003',
  'rule add prohibit from 10.98.0.0/16 prio 3004',
  'rule add nop prio 3005',
  'rule add fwmark 0x10/0xff lookup 100 prio 3007',
  'rule add realms 1/2 lookup 100 prio 3008',
  'rule add goto 5000 prio 4000',
  // The family follows the address.
  'rule add from 2001:db8::/32 lookup 100 prio 100',
];

test('ip rule, ip -6 rule and ip -j rule dumps read without errors, next to ip route', (t) => {
  const reason = unavailableReason();
  if (reason) {
    console.log(`ip rule check skipped: ${reason}`);
    t.skip(reason);
    return;
  }
  withNamespace('r', 1, (ns) => {
    const paste = (): string => [['ip', 'rule'], ['ip', '-6', 'rule'], ['ip', '-j', 'rule'], ['ip', '-j', '-p', '-6', 'rule'], ['ip', '-d', 'rule']]
      .map((argv) => `$ ${argv.join(' ')}\n${inNamespace(ns, argv)}`).join('');
    const defaults = analyze(paste());
    assert.deepEqual(parseErrors(defaults), []);
    assert.deepEqual(defaults.document.rules.map((r) => `${r.family}:${r.priority}:${r.table ?? r.action}`), [
      '4:0:local', '4:32766:main', '4:32767:default', '6:0:local', '6:32766:main',
      '4:0:local', '4:32766:main', '4:32767:default', '6:0:local', '6:32766:main',
      '4:0:local', '4:32766:main', '4:32767:default',
    ]);
    assert.equal(defaults.findings.filter((f) => f.code === 'policy-selector-undecided').length, 0);

    const refused = ns.batch(CUSTOM_RULES, true).failures;
    const custom = analyze(paste());
    assert.deepEqual(parseErrors(custom), []);
    // Rules are evaluated: only selectors a dump cannot decide get a note.
    assert.equal(custom.findings.filter((f) => f.code === 'policy-selector-undecided' && !/suppress_ifgroup|flowlabel/.test(f.message)).length, 0);
    // Each text rule and its `ip -j rule` twin must say the same thing.
    const v4 = (format: string): string[] => {
      const section = custom.document.sections.filter((s) => s.format === format)[0];
      assert.ok(section);
      return custom.document.rules.filter((r) => r.span.line >= section.startLine && r.span.line <= section.endLine && r.family === 4)
        .map((r) => `${r.priority} ${r.not} ${r.action} ${r.table ?? '-'} ${Object.entries(r.selectors).sort().map(([k, v]) => `${k}=${v}`).join(' ')}`);
    };
    assert.deepEqual(v4('linux-ip-json'), v4('linux-ip-rule'));
    const unknown = custom.findings.filter((f) => f.code === 'unknown-keyword').map((f) => `line ${f.span.line + 1}`);
    assert.deepEqual(unknown, []);
    console.log(`ip rule check: ${custom.document.rules.length} rules read (${CUSTOM_RULES.length - refused.size} custom rules accepted by this kernel), no parse errors`);

    // Rules and routes in one paste: the rules are kept and the routes analysed as if pasted alone.
    const scenario = generate(1, 300);
    ns.load(scenario.routes);
    const routesOnly = ns.dump();
    const mixed = analyze(`$ ip rule\n${inNamespace(ns, ['ip', 'rule'])}$ ip route show table all\n${routesOnly}`);
    const alone = analyze(routesOnly);
    assert.deepEqual(parseErrors(mixed), []);
    assert.ok(mixed.document.rules.length >= 3);
    assert.equal(mixed.document.routes.length, alone.document.routes.length);
    for (const text of scenario.lookups) {
      const address = parseAddress(text);
      assert.ok(address);
      assert.equal(describe(resolve(mixed.tables, address)), describe(resolve(alone.tables, address)), text);
    }
  });
});
