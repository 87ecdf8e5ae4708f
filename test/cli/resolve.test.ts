// `route-lens resolve`: the JSON contract, text output, stdin addresses and exit codes, through the built CLI.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { L2TP, assertOneLineError, json, runCli, scratch } from './helpers';

interface RouteJson {
  prefix: string;
  type: string;
  table: string;
  gateway: string | null;
  interface: string | null;
  metric: number;
  line: number;
  nexthops: { interface: string | null; gateway: string | null }[];
}

interface Entry {
  address: string;
  outcome: string | null;
  error: string | null;
  tunnel: boolean;
  route: RouteJson | null;
  explanation: string[];
}

const dir = scratch({ 'l2tp.routes': L2TP });

function resolveJson(args: readonly string[], input?: string): { status: number | null; entries: Entry[]; stderr: string } {
  const result = runCli(['resolve', '--json', 'l2tp.routes', ...args], { cwd: dir, ...(input !== undefined ? { input } : {}) });
  return { status: result.status, entries: json<Entry[]>(result), stderr: result.stderr };
}

test('the VPN server host route wins over both defaults and stays outside the tunnel', () => {
  const { status, entries } = resolveJson(['203.0.113.77']);
  assert.equal(status, 0);
  assert.equal(entries.length, 1);
  const [entry] = entries;
  assert.deepEqual(Object.keys(entry ?? {}).sort(), ['address', 'error', 'explanation', 'flow', 'outcome', 'route', 'rule', 'tunnel']);
  assert.equal(entry?.address, '203.0.113.77');
  assert.equal(entry?.outcome, 'forward');
  assert.equal(entry?.error, null);
  assert.equal(entry?.tunnel, false);
  assert.deepEqual(entry?.route, {
    prefix: '203.0.113.77/32',
    type: 'unicast',
    table: 'main',
    gateway: '192.168.101.1',
    interface: 'eth0',
    metric: 100,
    line: 4,
    nexthops: [{ interface: 'eth0', gateway: '192.168.101.1' }],
  });
  const explanation = entry?.explanation ?? [];
  assert.ok(explanation.some((line) => line.includes('203.0.113.77/32 (line 4)')), explanation.join('\n'));
  // Both defaults contain the address and lose by prefix length; each gets its own line.
  assert.ok(explanation.some((line) => line.startsWith('line 1 (0.0.0.0/0 dev ppp0): less specific')), explanation.join('\n'));
  assert.ok(explanation.some((line) => line.startsWith('line 2 (0.0.0.0/0 via 192.168.101.1 dev eth0): less specific')));
});

test('everything else goes into the tunnel through the ppp0 default', () => {
  const { entries } = resolveJson(['8.8.8.8', '192.168.0.12']);
  for (const entry of entries) {
    assert.equal(entry.tunnel, true, entry.address);
    assert.deepEqual(entry.route, {
      prefix: '0.0.0.0/0', type: 'unicast', table: 'main', gateway: null, interface: 'ppp0', metric: 50, line: 1,
      nexthops: [{ interface: 'ppp0', gateway: null }],
    });
  }
  assert.ok(entries[0]?.explanation.some((line) => line.startsWith('line 2 (') && line.includes('metric 100 is worse than 50')));
});

test('the LAN stays on eth0', () => {
  const [entry] = resolveJson(['192.168.101.5']).entries;
  assert.equal(entry?.route?.prefix, '192.168.101.0/24');
  assert.equal(entry?.route?.interface, 'eth0');
  assert.equal(entry?.route?.gateway, null);
  assert.equal(entry?.tunnel, false);
});

test('an address no route matches gets route null and the kernel error', () => {
  const [entry] = resolveJson(['2001:db8::1']).entries;
  assert.equal(entry?.route, null);
  assert.equal(entry?.outcome, 'no-route');
  assert.equal(entry?.error, 'Network is unreachable');
  assert.equal(entry?.tunnel, false);
  assert.ok((entry?.explanation.length ?? 0) > 0);
});

test('an invalid address gets an error entry and exit 2, after the others are printed', () => {
  const { status, entries, stderr } = resolveJson(['8.8.8.8', 'not-an-ip', '10.0.0.256']);
  assert.equal(status, 2);
  assert.deepEqual(entries.map((e) => e.address), ['8.8.8.8', 'not-an-ip', '10.0.0.256']);
  assert.equal(entries[0]?.route?.interface, 'ppp0');
  for (const entry of entries.slice(1)) {
    assert.deepEqual(entry, {
      address: entry.address, outcome: null, error: 'not an IPv4 or IPv6 address', tunnel: false, route: null, flow: null, rule: null, explanation: [],
    });
  }
  assert.equal(stderr.split('\n').filter((l) => l !== '').length, 1);
});

test('5000 addresses from stdin through "-" in one call', () => {
  const addresses = Array.from({ length: 5000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`);
  addresses[17] = '203.0.113.77';
  const started = Date.now();
  const { status, entries } = resolveJson(['-'], `${addresses.join('\n')}\n`);
  const elapsed = Date.now() - started;
  assert.equal(status, 0);
  assert.equal(entries.length, 5000);
  assert.deepEqual(entries.map((e) => e.address), addresses);
  assert.equal(entries[17]?.route?.interface, 'eth0');
  assert.equal(entries[18]?.route?.interface, 'ppp0');
  assert.ok(elapsed < 20_000, `took ${elapsed} ms`);
});

test('"-" mixes with addresses on the command line, in order; blank and # lines are skipped', () => {
  const { entries } = resolveJson(['8.8.8.8', '-', '192.168.101.5'], '# list\n203.0.113.77\n\n  2001:db8::1  \n');
  assert.deepEqual(entries.map((e) => e.address), ['8.8.8.8', '203.0.113.77', '2001:db8::1', '192.168.101.5']);
});

test('the route dump itself can come from stdin', () => {
  const result = runCli(['resolve', '--json', '-', '203.0.113.77'], { cwd: dir, input: L2TP });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(json<Entry[]>(result)[0]?.route?.line, 4);
});

test('text output: one line per address with the route and the tunnel verdict, then the indented explanation', () => {
  const result = runCli(['resolve', 'l2tp.routes', '203.0.113.77', '8.8.8.8'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.split('\n');
  assert.equal(lines[0], '203.0.113.77 → eth0 via 192.168.101.1 (line 4: 203.0.113.77 via 192.168.101.1 dev eth0 proto static metric 100) — outside the tunnel');
  assert.match(lines[1] ?? '', /^ {2,}No policy rules/);
  assert.ok(lines.includes('8.8.8.8 → ppp0 (line 1: default dev ppp0 proto static scope link metric 50) — through the tunnel'), result.stdout);
  assert.ok(!result.stdout.includes('\u001b['), 'ANSI colour codes in piped output');
});

test('--tunnel-interfaces decides what counts as a tunnel', () => {
  const corp = scratch({ 'corp.routes': 'default dev corp0 metric 10\n' });
  const run = (args: string[]): Entry[] => json<Entry[]>(runCli(['resolve', '--json', ...args, 'corp.routes', '1.1.1.1'], { cwd: corp }));
  assert.equal(run([])[0]?.tunnel, false);
  assert.equal(run(['--tunnel-interfaces=corp?'])[0]?.tunnel, true);
});

test('reject routes and other tables: outcome, kernel error and why a table was not searched', () => {
  const dump = [
    'default via 10.0.0.1 dev eth0',
    'unreachable 192.0.2.0/24',
    'default dev wg0 table 51820 scope link',
  ].join('\n');
  const other = scratch({ 'mixed.routes': dump });
  const entries = json<Entry[]>(runCli(['resolve', '--json', 'mixed.routes', '192.0.2.1', '1.1.1.1'], { cwd: other }));
  assert.equal(entries[0]?.outcome, 'unreachable');
  assert.equal(entries[0]?.error, 'No route to host');
  assert.equal(entries[0]?.route?.type, 'unreachable');
  assert.equal(entries[0]?.route?.interface, null);
  assert.equal(entries[1]?.route?.interface, 'eth0');
  assert.ok(entries[1]?.explanation.some((l) => l.startsWith('line 3 (0.0.0.0/0 dev wg0 table 51820): table 51820 is searched only')));
});

test('resolve usage and input problems exit 2 with one line', () => {
  const cases: [string[], RegExp][] = [
    [['resolve', 'l2tp.routes'], /needs a FILE and at least one ADDRESS/],
    [['resolve', 'missing.routes', '8.8.8.8'], /cannot read 'missing\.routes': no such file or directory/],
    [['resolve', '.', '8.8.8.8'], /cannot read '\.': is a directory/],
    [['resolve', '--format', 'json', 'l2tp.routes', '8.8.8.8'], /unknown option '--format'/],
    [['resolve', '-', '-'], /stdin cannot hold both/],
  ];
  for (const [args, message] of cases) {
    const result = runCli(args, { cwd: dir });
    assert.equal(result.status, 2, args.join(' '));
    assert.equal(result.stdout, '');
    assert.match(assertOneLineError(result), message);
  }
});

describe('resolve on VPN configs', () => {
  test('a WireGuard config answers which peer receives each address, and with --with where it leaves', () => {
    const root = repoRootForConfigs();
    const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'resolve', '--json',
      join(root, 'test/fixtures/wireguard/full-tunnel.conf'), '8.8.8.8', 'nonsense',
      '--with', join(root, 'test/fixtures/wireguard/routes.txt')], { encoding: 'utf8' });
    assert.equal(result.status, 2, 'an invalid address makes the exit code 2');
    const entries = JSON.parse(result.stdout) as { address: string; format: string; tunnel: boolean; receiver: string | null; error: string | null; explanation: string[] }[];
    assert.equal(entries[0]?.format, 'wireguard');
    assert.equal(entries[0]?.tunnel, true);
    assert.match(entries[0]?.receiver ?? '', /^peer /);
    assert.match(entries[0]?.explanation[0] ?? '', /once connected it goes through the tunnel/);
    assert.equal(entries[1]?.error, 'not an IPv4 or IPv6 address');
  });

  test('an OpenVPN config says whether an address goes through the tunnel', () => {
    const root = repoRootForConfigs();
    const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'resolve', '--json',
      join(root, 'test/fixtures/openvpn/client-full-tunnel.ovpn'), '8.8.8.8'], { encoding: 'utf8' });
    if (result.status !== 0) assert.fail(result.stderr);
    const [entry] = JSON.parse(result.stdout) as { format: string; tunnel: boolean }[];
    assert.equal(entry?.format, 'openvpn');
    assert.equal(entry?.tunnel, true);
  });

  test('--input-format forces a dump format and rejects unknown ids', () => {
    const root = repoRootForConfigs();
    const bad = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', '--input-format', 'nope', join(root, 'examples/l2tp-robot.routes')], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown input format 'nope'; known: .*linux-net-tools/);
    const good = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', '--format', 'json', '--input-format', 'linux-ip-route', join(root, 'examples/l2tp-robot.routes')], { encoding: 'utf8' });
    assert.equal((JSON.parse(good.stdout) as { format: string }[])[0]?.format, 'linux-ip-route');
  });
});

function repoRootForConfigs(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}
