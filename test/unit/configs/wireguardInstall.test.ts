import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { InstallOs, InstallPlan } from '../../../server/src/core/configs/wireguard';
import { analyzeWireGuard } from '../../../server/src/core/configs/wireguard';
import { formatPrefix } from '../../../server/src/core/net/prefix';
import { KEY, fixture, routesDump } from './wireguardHelpers';

function plan(text: string, os: InstallOs): InstallPlan {
  const p = analyzeWireGuard(text.replace(/^\n/, '')).installPlans(os)[0];
  assert.ok(p);
  return p;
}

/** `prefix table device` for each planned route, in order. */
function routes(p: InstallPlan): string[] {
  return p.routes.map((r) => `${formatPrefix(r.prefix)} ${r.table} ${r.device ?? '(default gateway)'}`);
}

const client = (allowed: string, extra = ''): string => `
[Interface]
PrivateKey = ${KEY.a}
Address = 10.8.0.2/24
${extra}
[Peer]
PublicKey = ${KEY.b}
AllowedIPs = ${allowed}
Endpoint = 198.51.100.7:51820
`;

describe('wg-quick on Linux', () => {
  test('a /0 goes into table 51820 with the fwmark rules, src_valid_mark and nothing in main', () => {
    const p = plan(client('0.0.0.0/0, ::/0'), 'linux');
    assert.equal(p.policyTable, 51820);
    assert.deepEqual(p.autoDefault, [4, 6]);
    assert.deepEqual(routes(p), ['10.8.0.0/24 main wg0', '0.0.0.0/0 51820 wg0', '::/0 51820 wg0']);
    assert.deepEqual(p.rules.map((r) => `${r.priority}: ${r.command}`), [
      '32765: ip -4 rule add not fwmark 51820 table 51820',
      '32764: ip -4 rule add table main suppress_prefixlength 0',
      '32765: ip -6 rule add not fwmark 51820 table 51820',
      '32764: ip -6 rule add table main suppress_prefixlength 0',
    ]);
    const commands = p.steps.map((s) => s.command);
    assert.ok(commands.includes('wg set wg0 fwmark 51820'));
    assert.equal(commands.filter((c) => c === 'sysctl -q net.ipv4.conf.all.src_valid_mark=1').length, 1);
  });

  test('FwMark set: its value is the table, and wg-quick does not set a mark of its own', () => {
    const p = plan(client('0.0.0.0/0', 'FwMark = 0x1234'), 'linux');
    assert.equal(p.policyTable, 0x1234);
    assert.ok(p.rules.some((r) => r.command === 'ip -4 rule add not fwmark 4660 table 4660'));
    assert.ok(!p.steps.some((s) => s.command?.startsWith('wg set ')));
  });

  test('no /0: one main-table route per prefix, longest first, skipping what a route on the device covers', () => {
    const p = plan(client('10.8.0.5/32, 10.0.0.0/8, 172.16.0.0/12'), 'linux');
    assert.deepEqual(routes(p), ['10.8.0.0/24 main wg0', '172.16.0.0/12 main wg0', '10.0.0.0/8 main wg0']);
    assert.ok(p.steps.some((s) => s.kind === 'note' && s.text.startsWith('10.8.0.5/32 is already covered by 10.8.0.0/24')));
    assert.deepEqual(p.rules, []);
  });

  test('Table = off adds nothing but the kernel\'s connected route', () => {
    const p = plan(client('0.0.0.0/0', 'Table = off'), 'linux');
    assert.deepEqual(routes(p), ['10.8.0.0/24 main wg0']);
    assert.equal(p.routesInactive, 'off');
  });

  test('Table = 1234 puts every route there, a /0 included, with no rules', () => {
    const p = plan(client('0.0.0.0/0, 10.0.0.0/8', 'Table = 1234'), 'linux');
    assert.deepEqual(routes(p), ['10.8.0.0/24 main wg0', '10.0.0.0/8 1234 wg0', '0.0.0.0/0 1234 wg0']);
    assert.deepEqual(p.rules, []);
    assert.equal(p.routesInactive, 'custom-table');
  });

  test('Table = main makes the /0 a plain default route in main', () => {
    const p = plan(client('0.0.0.0/0', 'Table = main'), 'linux');
    assert.deepEqual(routes(p), ['10.8.0.0/24 main wg0', '0.0.0.0/0 main wg0']);
    assert.equal(p.routesInactive, undefined);
  });

  test('the device name: from the file name when given, from wg show output, else wg0', () => {
    const text = client('10.0.0.0/8').replace(/^\n/, '');
    assert.equal(analyzeWireGuard(text, {}, { device: 'office' }).installPlans('linux')[0]?.routes.at(-1)?.command, 'ip -4 route add 10.0.0.0/8 dev office');
    assert.equal(analyzeWireGuard(text).installPlans('linux')[0]?.device, 'wg0');
    assert.equal(analyzeWireGuard(fixture('wg-show.txt')).installPlans('linux')[0]?.device, 'wg0');
    assert.equal(analyzeWireGuard(fixture('wg-show-keys.txt')).installPlans('linux')[0]?.device, 'wg1');
  });
});

describe('wg-quick on macOS', () => {
  test('a /0 becomes two halves per family, and each endpoint a host route via the default gateway', () => {
    const text = client('0.0.0.0/0, ::/0');
    const p = plan(text, 'macos');
    assert.deepEqual(routes(p), [
      '0.0.0.0/1 main utunN', '128.0.0.0/1 main utunN', '::/1 main utunN', '8000::/1 main utunN', '198.51.100.7/32 main (default gateway)',
    ]);
    const endpoint = p.routes.at(-1);
    assert.equal(endpoint?.why, 'endpoint');
    assert.equal(endpoint?.command, 'route -q -n add -inet 198.51.100.7 -gateway <default gateway>');
    // With a dump, the gateway is the dump's default gateway.
    const withDump = analyzeWireGuard(text.replace(/^\n/, ''), { dump: routesDump() }).installPlans('macos')[0];
    assert.equal(withDump?.routes.at(-1)?.command, 'route -q -n add -inet 198.51.100.7 -gateway 192.168.1.1');
  });

  test('no /0: plain routes and no endpoint routes', () => {
    assert.deepEqual(routes(plan(client('10.0.0.0/8'), 'macos')), ['10.0.0.0/8 main utunN']);
  });

  test('a table other than auto, main or off stops wg-quick', () => {
    const p = plan(client('10.0.0.0/8', 'Table = 1234'), 'macos');
    assert.deepEqual(p.routes, []);
    assert.ok(p.steps.some((s) => s.kind === 'note' && s.text.includes('Darwin only supports TABLE=auto|main|off')));
  });
});

describe('WireGuard for Windows', () => {
  test('the kill-switch needs exactly one peer with an all-zero /0', () => {
    assert.equal(plan(client('0.0.0.0/0'), 'windows').killSwitch, true);
    assert.equal(plan(client('::/0'), 'windows').killSwitch, true);
    assert.equal(plan(client('0.0.0.0/1, 128.0.0.0/1'), 'windows').killSwitch, false);
    assert.equal(plan(client('0.0.0.0/0', 'Table = off'), 'windows').killSwitch, false);
    assert.equal(plan(`${client('0.0.0.0/0')}
[Peer]
PublicKey = ${KEY.c}
AllowedIPs = 10.9.0.0/16
`, 'windows').killSwitch, false);
  });

  test('routes for every AllowedIPs prefix, deduplicated, plus the on-link route', () => {
    assert.deepEqual(routes(plan(client('0.0.0.0/0, 10.0.0.0/8'), 'windows')), ['10.8.0.0/24 main wg0', '0.0.0.0/0 main wg0', '10.0.0.0/8 main wg0']);
  });
});
