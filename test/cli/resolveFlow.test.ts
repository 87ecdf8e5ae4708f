// `route-lens resolve` with flow options: the rules of the dump are walked for the flow asked, through the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertOneLineError, json, runCli, scratch } from './helpers';
import { WG_QUICK_RULES, WG_QUICK_TABLE } from '../unit/wgQuickRules';

const WG = [
  ...WG_QUICK_RULES,
  ...WG_QUICK_TABLE,
  'local 192.168.1.20 dev eth0 table local proto kernel scope host src 192.168.1.20',
  '',
].join('\n');

const dir = scratch({ 'wg.txt': WG });

interface Entry {
  address: string;
  outcome: string | null;
  error: string | null;
  route: { table: string; interface: string | null } | null;
  flow: string | null;
  rule: { priority: number; rule: string; line: number } | null;
  explanation: string[];
}

function resolveJson(...args: string[]): Entry[] {
  const result = runCli(['resolve', '--json', ...args], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  return json<Entry[]>(result);
}

test('without flow options the dump\'s rules are walked for the plain lookup', () => {
  const [entry] = resolveJson('wg.txt', '8.8.8.8');
  assert.equal(entry?.route?.interface, 'wg0');
  assert.equal(entry?.flow, null);
  assert.deepEqual(entry?.rule, { priority: 32765, rule: 'not fwmark 0xca6c lookup 51820', line: 4 });
});

test('--mark takes WireGuard\'s own packets to the main default; the JSON shows the flow and the rule', () => {
  const [entry] = resolveJson('--mark', '0xca6c', 'wg.txt', '8.8.8.8');
  assert.equal(entry?.route?.interface, 'eth0');
  assert.equal(entry?.route?.table, 'main');
  assert.equal(entry?.flow, 'mark 0xca6c');
  assert.equal(entry?.rule?.priority, 32766);
  assert.ok(entry?.explanation.some((s) => s.includes('Rule 32765 `not fwmark 0xca6c lookup 51820` (line 4) does not apply')));
});

test('every flow option is read; a source that is not this host\'s is refused like the kernel does', () => {
  const [entry] = resolveJson('--from', '192.168.1.20', '--uid', '1000', '--proto', 'tcp', '--sport', '40000', '--dport', '443', '--tos', '0x10', '--oif', 'eth0', 'wg.txt', '8.8.8.8');
  assert.equal(entry?.flow, 'from 192.168.1.20 oif eth0 uid 1000 ipproto tcp sport 40000 dport 443 tos 0x10');
  const [refused] = resolveJson('--from', '10.9.9.9', 'wg.txt', '8.8.8.8');
  assert.equal(refused?.error, 'Network is unreachable');
  const [forwarded] = resolveJson('--from', '203.0.113.5', '--iif', 'eth0', 'wg.txt', '8.8.8.8');
  assert.equal(forwarded?.route?.interface, 'wg0');
});

test('the text output names the flow and the deciding rule', () => {
  const result = runCli(['resolve', '--mark', '0xca6c', 'wg.txt', '8.8.8.8'], { cwd: dir });
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^8\.8\.8\.8 mark 0xca6c → eth0 via 192\.168\.1\.1 \(line 9: .*\) by rule 32766 `from all lookup main`/);
});

test('bad flow values stop with a clear message and exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['--mark', 'zz'], /--mark: 'zz' is not a mark/],
    [['--uid', '-5'], /needs a value|is not a uid/],
    [['--uid', 'x'], /--uid: 'x' is not a uid/],
    [['--proto', 'bogus'], /--proto: 'bogus' is not a protocol/],
    [['--dport', '70000'], /--dport: '70000' is not a port/],
    [['--tos', '300'], /--tos: '300' is not a TOS/],
    [['--from', 'nope'], /--from: 'nope' is not an IPv4 or IPv6 source address/],
    [['--iif', 'a/b'], /--iif: 'a\/b' is not an interface name/],
    [['--from', '2001:db8::1'], /--from 2001:db8::1 is IPv6, but 8\.8\.8\.8 is IPv4/],
  ];
  for (const [args, message] of cases) {
    const result = runCli(['resolve', ...args, 'wg.txt', '8.8.8.8'], { cwd: dir });
    assert.equal(result.status, 2, args.join(' '));
    assert.match(assertOneLineError(result), message);
  }
});
