import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { type Analysis, analyze } from '../../server/src/core/analyze';
import { netToolsParser } from '../../server/src/core/formats/netTools';
import { parsePromptLine } from '../../server/src/core/formats/shellPrompt';
import { formatAddress } from '../../server/src/core/net/address';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { answer, codes, lookup } from './helpers';

const lines = (...l: string[]): string => l.join('\n');

/** A fixture under test/fixtures/linux; the bundled test runs from out/test/unit, so the root is searched for. */
function fixture(name: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'test/fixtures/linux'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('test/fixtures/linux not found');
    dir = parent;
  }
  return readFileSync(join(dir, 'test/fixtures/linux', name), 'utf8');
}

function formats(a: Analysis): string[] {
  return a.document.sections.map((s) => `${s.format}@${s.startLine + 1}`);
}

function claims(command: string): boolean {
  const cmd = parsePromptLine(`$ ${command}`);
  assert.ok(cmd);
  return netToolsParser.claims(cmd);
}

const V4_HEAD = ['Kernel IP routing table', 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface'];

describe('net-tools route -n / netstat -rn', () => {
  test('OpenVPN def1 laptop: route -n and route -6 -n', () => {
    const a = analyze(fixture('route-n-openvpn-def1.txt'));
    assert.equal(a.document.format, 'linux-net-tools');
    assert.equal(a.document.os, 'linux');
    assert.deepEqual(formats(a), ['linux-net-tools@1', 'linux-net-tools@13']);
    assert.equal(a.document.routes.length, 17);
    assert.deepEqual(codes(a), [
      'partial-table@2', 'shadowed-route@5', 'split-tunnel-exception@10', 'split-tunnel-exception@11', 'split-tunnel-exception@12',
      'partial-table@14',
    ]);
    assert.match(a.findings[0]?.message ?? '', /^`route -n` shows only the main table/);
    assert.match(a.findings[5]?.message ?? '', /^`route -6 -n` lists the routes of every table/);
    assert.equal(answer(a, '8.8.8.8'), 'forward 0.0.0.0/1 tun0 line 4');
    assert.equal(answer(a, '203.0.113.9'), 'forward 128.0.0.0/1 tun0 line 8');
    assert.equal(answer(a, '198.51.100.7'), 'forward 198.51.100.7/32 wlp2s0 line 12');
    assert.equal(answer(a, '192.168.50.3'), 'forward 192.168.50.0/24 wlp2s0 line 11');
    assert.equal(answer(a, '2001:db8:4a1:7700::99'), 'forward 2001:db8:4a1:7700::/64 wlp2s0 line 16');
    assert.equal(answer(a, '2606:4700::1111'), 'forward ::/0 wlp2s0 line 19');
    assert.equal(answer(a, '2001:db8:4a1:7700:5054:ff:fe12:3456'), 'local 2001:db8:4a1:7700:5054:ff:fe12:3456/128 wlp2s0 line 21');
    const gw = lookup(a, '8.8.8.8').nexthops[0]?.gateway;
    assert.ok(gw);
    assert.equal(formatAddress(gw), '10.8.0.5');
    assert.ok(a.tunnels.isTunnel(lookup(a, '8.8.8.8').route?.nexthops[0]?.device));
    const first = a.document.routes[0];
    assert.ok(first);
    assert.deepEqual(first.prefixSpan, { line: 3, col: 0, endLine: 3, endCol: 7 });
    assert.deepEqual(first.span, { line: 3, col: 0, endLine: 3, endCol: 76 });
    assert.equal(first.text, '0.0.0.0         10.8.0.5        128.0.0.0       UG    0      0        0 tun0');
    assert.deepEqual(first.attributes, { flags: 'UG', ref: '0', use: '0' });
    assert.equal(first.metricExplicit, true);
    const ra = a.document.routes.find((r) => r.span.line === 18);
    assert.deepEqual(ra?.flags, ['expires']);
    // The kernel's placeholder `::/0 !n -1 lo` at the end is not a route.
    assert.equal(a.document.routes.some((r) => r.span.line === 23), false);
  });

  test('netstat -rn has no metric; netstat -6rn joins multipath rows and keeps reject routes', () => {
    const a = analyze(fixture('netstat-rn-docker-host.txt'));
    assert.deepEqual(formats(a), ['linux-net-tools@1', 'linux-net-tools@12']);
    assert.deepEqual(codes(a), ['partial-table@2', 'shadowed-route@5', 'partial-table@13', 'multipath-route@21']);
    assert.match(a.findings[0]?.message ?? '', /^`netstat -rn` shows only the main table/);
    const defaults = a.document.routes.filter((r) => r.family === 4 && r.prefix.len === 0);
    assert.deepEqual(defaults.map((r) => [r.metric, r.metricExplicit]), [[0, false], [0, false]]);
    assert.deepEqual(defaults[0]?.attributes, { flags: 'UG', mss: '0', window: '0', irtt: '0' });
    // /proc/net/route lists equal prefixes lowest metric first, so the first row is the kernel's choice.
    assert.equal(answer(a, '1.1.1.1'), 'forward 0.0.0.0/0 eth0 line 4');
    assert.equal(lookup(a, '10.10.1.1').outcome, 'blackhole');
    assert.equal(lookup(a, '10.11.1.1').outcome, 'unreachable');
    assert.equal(lookup(a, '10.11.1.1').route?.span.line, 8);
    const multipath = lookup(a, '2001:db8:ffff::1');
    assert.equal(multipath.route?.nexthops.length, 2);
    assert.deepEqual(multipath.route?.span, { line: 20, col: 0, endLine: 21, endCol: 81 });
    assert.deepEqual(multipath.nexthops.map((h) => `${h.gateway ? formatAddress(h.gateway) : '-'} ${h.device}`), ['2001:db8:a::1 eth0', '2001:db8:b::1 eth1']);
    assert.equal(lookup(a, '2001:db8:dead::1').outcome, 'unreachable');
    assert.equal(answer(a, '::1'), 'local ::1/128 lo line 23');
    assert.equal(a.document.routes.filter((r) => r.type === 'multicast').length, 3);
  });

  test('route -nee: metrics plus MSS, window and irtt; interface names cut to six characters', () => {
    const a = analyze(fixture('route-nee-extended.txt'));
    assert.deepEqual(codes(a), ['partial-table@2', 'shadowed-route@5', 'truncated-interface@10']);
    assert.deepEqual(a.document.routes.map((r) => r.metric), [100, 101, 0, 0, 0, 5, 0, 0]);
    assert.deepEqual(a.document.routes[0]?.attributes, { flags: 'UG', ref: '0', use: '0', mss: '0', window: '0', irtt: '0' });
    assert.equal(answer(a, '172.17.0.2'), 'forward 172.17.0.0/16 docker line 10');
  });

  test('BusyBox route -n and route -A inet6 (old IPv6 columns, no n flag)', () => {
    const a = analyze(fixture('busybox-openwrt.txt'));
    assert.deepEqual(codes(a), ['partial-table@2', 'partial-table@11']);
    assert.match(a.findings[1]?.message ?? '', /^`route -A inet6` lists/);
    assert.equal(lookup(a, '10.99.1.1').outcome, 'unreachable');
    assert.equal(answer(a, '192.168.2.9'), 'forward 192.168.2.0/24 wg0 line 9');
    // Metric 0 host routes without a gateway are the kernel's address routes.
    assert.equal(answer(a, '2001:db8:77:100::1'), 'local 2001:db8:77:100::1/128 br-lan line 19');
    assert.equal(answer(a, '2001:db8:77:100::2'), 'forward 2001:db8:77:100::/64 br-lan line 14');
    assert.equal(answer(a, '2a00:1450::1'), 'forward ::/0 wan line 13');
  });

  test('route without -n: default and link-local read, a gateway name kept without address, a host name is an error', () => {
    const a = analyze(fixture('route-nonnumeric-ubuntu2204.txt'));
    assert.deepEqual(codes(a), ['partial-table@2', 'gateway-name@4', 'shadowed-route@5', 'shadowed-route@9', 'parse-error@10']);
    assert.deepEqual(a.findings.find((f) => f.code === 'parse-error')?.span, { line: 9, col: 0, endLine: 9, endCol: 15 });
    assert.equal(answer(a, '1.1.1.1'), 'forward 0.0.0.0/0 enp0s31f6 line 4');
    assert.equal(lookup(a, '1.1.1.1').nexthops[0]?.gateway, undefined);
    assert.equal(lookup(a, '1.1.1.1').route?.attributes.gateway, '_gateway');
    assert.equal(answer(a, '169.254.10.1'), 'forward 169.254.0.0/16 docker0 line 6');
  });

  test('route -Cn cache entries are skipped with one note', () => {
    const a = analyze(fixture('route-cache-linux26.txt'));
    assert.deepEqual(codes(a), ['partial-table@2', 'route-cache@11']);
    assert.equal(a.document.routes.length, 4);
    assert.equal(answer(a, '10.20.3.4'), 'forward 10.20.0.0/16 eth0 line 5');
  });

  test('claims only Linux route listings; netstat is recognised by its header', () => {
    for (const c of ['route', 'route -n', 'sudo route -n', '/sbin/route -n -ee', 'route -A inet6 -n', 'route -6 -n', 'route -nee', 'route --numeric']) {
      assert.equal(claims(c), true, c);
    }
    for (const c of ['route print', 'route -4 print', 'route -n get 1.1.1.1', 'route add default gw 10.0.0.1', 'netstat -rn', 'ip route']) {
      assert.equal(claims(c), false, c);
    }
    assert.equal(netToolsParser.isHeader('Kernel IP routing table'), true);
    assert.equal(netToolsParser.isHeader('  Kernel IPv6 routing table  '), true);
    assert.equal(netToolsParser.isHeader('Routing tables'), false);
    const a = analyze(lines('$ netstat -rn', 'Kernel IP routing table', 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface',
      '0.0.0.0         10.0.0.1        0.0.0.0         UG        0 0          0 eth0'));
    assert.deepEqual(formats(a), ['linux-net-tools@1']);
    assert.equal(a.document.sections[0]?.confidence, 1);
  });

  test('a header without a prompt opens its own section after ip route output; bare rows are detected', () => {
    const a = analyze(lines('$ ip route', 'default via 10.0.0.1 dev eth0', ...V4_HEAD,
      '10.1.0.0        10.0.0.2        255.255.0.0     UG    0      0        0 eth0'));
    assert.deepEqual(formats(a), ['linux-ip-route@1', 'linux-net-tools@3']);
    assert.equal(answer(a, '10.1.2.3'), 'forward 10.1.0.0/16 eth0 line 5');
    const bare = analyze(lines('0.0.0.0         192.168.1.1     0.0.0.0         UG    100    0        0 eth0',
      '192.168.1.0     0.0.0.0         255.255.255.0   U     100    0        0 eth0'));
    assert.deepEqual(formats(bare), ['linux-net-tools@1']);
    assert.deepEqual(codes(bare), ['partial-table@1']);
    assert.equal(answer(bare, '192.168.1.7'), 'forward 192.168.1.0/24 eth0 line 2');
  });

  test('unreadable rows give parse-error on the exact cell', () => {
    const a = analyze(lines(...V4_HEAD,
      '10.0.0.0        0.0.0.0         255.0.255.0     U     0      0        0 eth0',
      '10.0.0.0        0.0.0.0         255.0.0.0       U     0      0        eth0',
      '10.0.0.300      0.0.0.0         255.0.0.0       U     0      0        0 eth0',
      '10.0.0.0        0.0.0.0         255.0.0.0       U     x      0        0 eth0',
      '10.0.0.0        10.0.0.999      255.0.0.0       UG    0      0        0 eth0',
      '10.0.0.1        0.0.0.0         255.0.0.0       UX    0      0        0 eth0'));
    assert.deepEqual(a.findings.map((f) => `${f.code}@${f.span.line + 1}:${f.span.col}-${f.span.endCol}`), [
      'partial-table@1:0-23',
      'parse-error@3:32-43',
      'parse-error@4:0-74',
      'parse-error@5:0-10',
      'parse-error@6:54-55',
      'parse-error@7:16-26',
      'invalid-prefix@8:0-8',
      'unknown-keyword@8:48-50',
    ]);
    assert.match(a.findings[1]?.message ?? '', /not a netmask/);
    assert.equal(a.document.routes.length, 1);
    assert.equal(formatPrefix(a.document.routes[0]!.prefix), '10.0.0.0/8');
  });

  test('unknown column headings are kept as attributes', () => {
    const a = analyze(lines('Kernel IP routing table', 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface Weight',
      '10.0.0.0        0.0.0.0         255.0.0.0       U     0      0        0 eth0  7'));
    assert.deepEqual(codes(a), ['partial-table@1', 'unknown-keyword@2']);
    assert.equal(a.document.routes[0]?.attributes.Weight, '7');
  });

  test('IPv6: reject rows, RA routes that stay apart, the null entry, metric -1', () => {
    const a = analyze(lines('$ route -6 -n', 'Kernel IPv6 routing table',
      'Destination                    Next Hop                   Flag Met Ref  Use If',
      '::/0                           fe80::1                    UGDAe 1024 1     0 eth0',
      '::/0                           fe80::2                    UGDAe 1024 1     0 eth0',
      '2001:db8:9::/48                ::                         !n   -1  1      0 lo',
      '::/0                           ::                         !n   -1  1      0 lo'));
    assert.deepEqual(codes(a), ['partial-table@2']);
    assert.deepEqual(a.document.routes.map((r) => `${r.type} ${formatPrefix(r.prefix)} ${r.metric} ${r.nexthops.length}`), [
      'unicast ::/0 1024 1', 'unicast ::/0 1024 1', 'unreachable 2001:db8:9::/48 4294967295 0',
    ]);
    assert.deepEqual(a.document.routes[0]?.flags, ['default-router', 'addrconf', 'expires']);
  });

  test('a paste mixing ip route, route -n, prompts and garbage reads every readable line', () => {
    const a = analyze(lines(
      '$ ip route',
      'default via 192.168.1.1 dev eth0 proto dhcp metric 100',
      'this is not a route',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.5',
      '$ route -n',
      ...V4_HEAD,
      '0.0.0.0         192.168.1.1     0.0.0.0         UG    100    0        0 eth0',
      'garbage in the middle',
      '10.8.0.0        10.8.0.5        255.255.255.0   UG    0      0        0 tun0',
      '',
      '# a comment',
      '$ route -6 -n',
      'Kernel IPv6 routing table',
      'Destination                    Next Hop                   Flag Met Ref  Use If',
      '::/0                           fe80::1                    UG   1024 1      0 eth0',
      '%%%',
    ));
    assert.deepEqual(a.findings.filter((f) => f.code === 'parse-error').map((f) => f.span.line + 1), [3, 9, 17]);
    assert.deepEqual(a.document.routes.map((r) => r.span.line + 1), [2, 4, 8, 10, 16]);
    assert.deepEqual(formats(a), ['linux-ip-route@1', 'linux-net-tools@5', 'linux-net-tools@13']);
  });

  test('a 10 MB line is one finding and parsing stays linear', () => {
    const started = Date.now();
    const a = analyze(lines(...V4_HEAD, `10.0.0.0 ${'x '.repeat(5_000_000)}`, `${'1'.repeat(10_000_000)}`,
      '10.1.0.0        0.0.0.0         255.255.0.0     U     0      0        0 eth0'));
    assert.deepEqual(codes(a), ['partial-table@1', 'parse-error@3', 'parse-error@4']);
    assert.ok((a.findings[1]?.message.length ?? 0) < 200);
    assert.equal(a.document.routes.length, 1);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
});
