// The `ip route` commands the fixes suggest, run against a real kernel in a throwaway namespace: each must be
// accepted, change exactly the route it names, and leave a dump in which the finding is gone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { analyzeDocument } from '../../server/src/core/analyzeDocument';
import { fixesFor } from '../../server/src/core/fixes';
import { Namespace, unavailableReason } from './namespace';

const SKIP = unavailableReason();
if (SKIP) console.log(`# kernel fix commands skipped: ${SKIP}`);

const INTERFACES = [
  { name: 'eth0', addresses: ['192.0.2.10/24', '2001:db8:1::10/64'] },
  { name: 'eth1', addresses: ['198.51.100.10/24', '2001:db8:2::10/64'] },
];

const ROUTES = [
  'route add default via 192.0.2.1 dev eth0 proto dhcp metric 100',
  'route add default via 198.51.100.1 dev eth1 metric 50',
  'route add 10.30.0.0/16 via 192.0.2.1 dev eth0 table 100 metric 10',
  'route add 10.30.0.0/16 via 198.51.100.1 dev eth1 table 100 proto static metric 20',
  'route add 172.20.0.0/16 via 192.0.2.1 dev eth0 metric 300',
  'route append 172.20.0.0/16 via 198.51.100.1 dev eth1 metric 300',
  '-6 route add 2001:db8:5::/48 via 2001:db8:1::1 dev eth0 metric 100',
  '-6 route add 2001:db8:5::/48 via 2001:db8:2::1 dev eth1 metric 200',
];

let counter = 0;

/** A fresh namespace with the routes loaded, so each test starts from the same kernel state. */
function setUp(): Namespace {
  const ns = Namespace.create(`rl-fix-${process.pid}-${counter++}`, INTERFACES);
  for (const line of ROUTES) {
    const r = spawnSync('ip', ['-n', ns.name, ...line.split(' ')], { encoding: 'utf8' });
    if (r.status !== 0) {
      ns.destroy();
      throw new Error(`ip ${line}: ${r.stderr.trim()}`);
    }
  }
  return ns;
}

/** The suggested commands of the fix for the finding on the route whose text starts with `start`. */
function commandsFor(dump: string, code: string, start: string): string[][] {
  const analysis = analyzeDocument(dump, { languageId: 'route-table' });
  assert.equal(analysis.kind, 'routes');
  if (analysis.kind !== 'routes') return [];
  const route = analysis.analysis.document.routes.find((r) => r.text.startsWith(start));
  assert.ok(route, `no route "${start}" in:\n${dump}`);
  const finding = analysis.findings.find((f) => f.code === code && f.routeIds?.[0] === route.id);
  assert.ok(finding, `no ${code} on "${route.text}"`);
  const fix = fixesFor(analysis, dump, finding).find((f) => f.command?.id === 'showCommands');
  assert.ok(fix?.command?.id === 'showCommands');
  // One group of commands per comment: each is an alternative.
  const groups: string[][] = [];
  for (const line of fix.command.script.split('\n')) {
    if (line.startsWith('# ') && groups.length === 0 && !line.endsWith(':')) continue;
    if (line.startsWith('#') && line.endsWith(':')) groups.push([]);
    else if (line.startsWith('ip ')) groups[groups.length - 1]?.push(line);
  }
  return groups;
}

function run(ns: Namespace, commands: readonly string[]): void {
  for (const command of commands) {
    const r = spawnSync('ip', ['-n', ns.name, ...command.split(' ').slice(1)], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${command}: ${r.stderr.trim()}`);
  }
}

function linesOf(dump: string): string[] {
  return dump.split('\n').filter((l) => l.trim() !== '');
}

describe('suggested ip route commands against the kernel', { skip: SKIP }, () => {
  const spaces: Namespace[] = [];
  let original = '';
  before(() => {
    const ns = setUp();
    spaces.push(ns);
    original = ns.dump();
  });
  after(() => {
    for (const ns of spaces) ns.destroy();
  });

  const cases = [
    { code: 'shadowed-route', start: 'default via 192.0.2.1 dev eth0' },
    { code: 'shadowed-route', start: '10.30.0.0/16 via 198.51.100.1' },
    { code: 'shadowed-route', start: '2001:db8:5::/48 via 2001:db8:2::1' },
    // Same prefix and metric, appended: only the nexthop tells the two apart.
    { code: 'shadowed-route', start: '172.20.0.0/16 via 198.51.100.1' },
    { code: 'equal-metric-defaults', start: 'default via 198.51.100.1' },
  ];

  for (const { code, start } of cases) {
    test(`${code} on "${start}": every alternative runs, changes only that route, and the finding goes`, (t) => {
      const setup = code === 'equal-metric-defaults'
        ? [['route del default via 198.51.100.1 dev eth1 metric 50'], ['route append default via 198.51.100.1 dev eth1 metric 100']]
        : [];
      const prepared = (): Namespace => {
        const ns = setUp();
        spaces.push(ns);
        for (const [line] of setup) run(ns, [`ip ${line ?? ''}`]);
        return ns;
      };
      const base = setup.length > 0 ? prepared().dump() : original;
      const groups = commandsFor(base, code, start);
      assert.ok(groups.length > 0);
      for (const commands of groups) {
        const ns = prepared();
        // The same namespace before and after: link-local addresses differ between namespaces.
        const before = ns.dump();
        run(ns, commands);
        const after = ns.dump();
        const analysis = analyze(after);
        const stillThere = analysis.findings.some((f) => f.code === code && analysis.document.routes[f.routeIds?.[0] ?? -1]?.text.startsWith(start));
        assert.ok(!stillThere, `${commands.join('; ')}\n${after}`);
        // Only the one route changed: every other line of the dump is still there.
        const changed = linesOf(before).filter((l) => !linesOf(after).includes(l));
        assert.equal(changed.length, 1, `${commands.join('; ')} changed:\n${changed.join('\n')}`);
        assert.ok(changed[0]?.startsWith(start));
        t.diagnostic(`${commands.join(' && ')}`);
      }
    });
  }
});
