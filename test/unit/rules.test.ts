import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { L2TP, codes, table } from './helpers';

describe('shadowed-route', () => {
  test('the worse-metric default is shadowed, tagged unnecessary, with the winner as related location', () => {
    const t = table(L2TP);
    const f = t.findings.find((x) => x.code === 'shadowed-route');
    assert.ok(f);
    assert.equal(f.span.line, 1);
    assert.equal(f.severity, 'warning');
    assert.equal(f.unnecessary, true);
    assert.match(f.message, /metric 50 beats 100/);
    assert.deepEqual(f.related.map((r) => r.span.line), [0]);
  });

  test('OpenVPN def1: 0.0.0.0/1 + 128.0.0.0/1 cover the default, which is never selected', () => {
    const t = table('0.0.0.0/1 via 10.8.0.1 dev tun0', '128.0.0.0/1 via 10.8.0.1 dev tun0', 'default via 192.168.1.1 dev wlan0 metric 600');
    const f = t.findings.find((x) => x.code === 'shadowed-route');
    assert.equal(f?.span.line, 2);
    assert.match(f!.message, /0\.0\.0\.0\/1 \+ 128\.0\.0\.0\/1/);
    assert.deepEqual(f!.related.map((r) => r.span.line), [0, 1]);
  });

  test('partial cover, dead winners and IPv6 equal metrics are not shadowing', () => {
    assert.deepEqual(codes(table('0.0.0.0/1 via 10.8.0.1 dev tun0', 'default via 192.168.1.1 dev wlan0')), []);
    assert.deepEqual(codes(table('default dev ppp0 metric 5 dead', 'default via 192.168.1.1 dev eth0 metric 9')), []);
    assert.deepEqual(codes(table('2001:db8::/64 dev eth0 metric 256 pref medium', '2001:db8::/64 dev eth1 metric 256 pref medium')), []);
  });

  test('equal IPv4 prefix and metric: the second is shadowed; a main route under a local one too', () => {
    const t = table('10.0.0.0/8 via 192.0.2.1 dev eth0', '10.0.0.0/8 via 192.0.2.2 dev eth1',
      '192.168.1.10 via 192.168.1.1 dev eth0', 'local 192.168.1.10 dev eth0 table local proto kernel scope host src 192.168.1.10');
    assert.deepEqual(codes(t), ['shadowed-route@2', 'shadowed-route@3']);
  });

  test('kernel-added main routes under their own local-table twins are not reported', () => {
    const t = table('::1 dev lo proto kernel metric 256 pref medium', 'local ::1 dev lo table local proto kernel metric 0 pref medium');
    assert.deepEqual(codes(t), []);
    const manual = table('::1 via fe80::1 dev eth0 metric 256 pref medium', 'local ::1 dev lo table local proto kernel metric 0 pref medium');
    assert.deepEqual(codes(manual), ['shadowed-route@1']);
  });

  test('a default-table route is shadowed by a main default, unless a throw hands addresses on', () => {
    assert.deepEqual(codes(table('default via 10.0.0.1 dev eth0', '10.5.0.0/16 via 10.9.0.1 dev eth1 table default')), ['shadowed-route@2']);
    assert.deepEqual(codes(table('default via 10.0.0.1 dev eth0', 'throw 10.5.0.0/16', '10.5.0.0/16 via 10.9.0.1 dev eth1 table default')), []);
  });
});

describe('split-tunnel-exception', () => {
  test('the VPN server host route is an Information finding that says so', () => {
    const f = table(L2TP).findings.find((x) => x.code === 'split-tunnel-exception');
    assert.ok(f);
    assert.equal(f.severity, 'information');
    assert.deepEqual([f.span.line, f.span.col, f.span.endCol], [3, 0, 12]);
    assert.match(f.message, /203\.0\.113\.77 leaves through eth0 via 192\.168\.101\.1/);
    assert.match(f.message, /VPN server/);
    assert.deepEqual(f.related.map((r) => r.span.line), [0]);
  });

  test('a subnet escaping the tunnel is a warning; LAN and tunnel-internal routes are not exceptions', () => {
    const t = table(
      '0.0.0.0/1 via 10.8.0.1 dev tun0',
      '128.0.0.0/1 via 10.8.0.1 dev tun0',
      '10.20.0.0/16 via 192.168.1.1 dev wlan0',
      '192.168.1.0/24 dev wlan0 proto kernel scope link src 192.168.1.50',
      '10.8.0.0/24 dev tun0 proto kernel scope link src 10.8.0.6',
      '169.254.0.0/16 dev wlan0 scope link metric 1000',
    );
    const f = t.findings.filter((x) => x.code === 'split-tunnel-exception');
    assert.deepEqual(f.map((x) => [x.span.line, x.severity]), [[2, 'warning']]);
    assert.match(f[0]!.message, /10\.20\.0\.0\/16 \(65,536 addresses\) leaves through wlan0 via 192\.168\.1\.1/);
  });

  test('no tunnel, no exception; a setting can name more tunnel interfaces', () => {
    const plain = ['default via 10.0.0.1 dev corp0', '203.0.113.0/24 via 192.168.1.1 dev eth0'].join('\n');
    assert.deepEqual(codes(analyze(plain)), []);
    assert.deepEqual(codes(analyze(plain, { tunnelInterfaces: ['corp*'] })), ['split-tunnel-exception@2']);
    assert.deepEqual(codes(analyze(plain, { tunnelInterfaces: ['corp*'], disabledRules: ['split-tunnel-exception'] })), []);
  });
});

describe('robustness', () => {
  test('binary input gets one finding and no routes', () => {
    const t = analyze('\u0000\u0001\u0002ELF\u0000 garbage');
    assert.deepEqual(codes(t), ['binary-file@1']);
  });

  test('empty and whitespace-only documents have no findings', () => {
    assert.deepEqual(codes(analyze('')), []);
    assert.deepEqual(codes(analyze('\n\n   \n\t')), []);
  });
});
