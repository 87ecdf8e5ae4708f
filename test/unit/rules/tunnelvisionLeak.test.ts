import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/model';
import { L2TP, codes } from '../helpers';
import { WG_QUICK_RULES } from '../wgQuickRules';

const lines = (...l: string[]): string => l.join('\n');

function found(text: string, code: string): Finding[] {
  return analyze(text).findings.filter((f) => f.code === code);
}

/** OpenVPN def1 on a café LAN whose DHCP server pushes classless static routes (option 121). */
const DHCP_121_ATTACK = lines(
  '$ ip route',
  '0.0.0.0/1 via 10.8.0.1 dev tun0',
  '128.0.0.0/1 via 10.8.0.1 dev tun0',
  'default via 192.168.1.1 dev wlan0 proto dhcp src 192.168.1.34 metric 600',
  '0.0.0.0/2 via 192.168.1.1 dev wlan0 proto dhcp src 192.168.1.34 metric 600',
  '10.8.0.0/24 dev tun0 proto kernel scope link src 10.8.0.6',
  '172.16.0.0/12 dev wlan0 proto dhcp scope link src 192.168.1.34 metric 600',
  '192.168.1.0/24 dev wlan0 proto kernel scope link src 192.168.1.34 metric 600',
  '192.168.1.1 dev wlan0 proto dhcp scope link src 192.168.1.34 metric 600',
  '198.51.100.10 via 192.168.1.1 dev wlan0',
  '203.0.113.0/24 via 192.168.1.1 dev wlan0 proto dhcp src 192.168.1.34 metric 600',
  '224.0.0.0/4 dev wlan0 proto dhcp scope link metric 600',
);

/** wg-quick's rules with a main table that DHCP and an administrator added routes to. */
const WG_QUICK = lines(
  ...WG_QUICK_RULES,
  '$ ip route show table all',
  'default dev wg0 table 51820 scope link',
  'default via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.20 metric 100',
  '10.0.0.0/8 via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.20 metric 100',
  '10.66.66.0/24 dev wg0 proto kernel scope link src 10.66.66.2',
  '169.254.0.0/16 dev eth0 scope link metric 1000',
  '172.16.0.0/12 via 192.168.1.1 dev eth0 proto static metric 100',
  '172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown',
  '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.20 metric 100',
  '192.168.1.1 dev eth0 proto dhcp scope link src 192.168.1.20 metric 100',
  'blackhole 192.0.2.0/24 proto static',
  'local 192.168.1.20 dev eth0 table local proto kernel scope host src 192.168.1.20',
);

describe('tunnelvision-leak', () => {
  test('DHCP option 121 under OpenVPN def1: each pushed range that takes traffic from the tunnel', () => {
    const f = found(DHCP_121_ATTACK, 'tunnelvision-leak');
    assert.deepEqual(f.map((x) => x.span.line + 1), [5, 7, 11]);
    assert.ok(f.every((x) => x.severity === 'warning'));
    assert.deepEqual([f[0]!.span.col, f[0]!.span.endCol], [0, 9]);
    assert.match(f[0]!.message, /^TunnelVision \(CVE-2024-3661\): 0\.0\.0\.0\/2 \(1,073,741,824 addresses\) leaves through wlan0 via 192\.168\.1\.1, outside the tunnel: it is more specific than 0\.0\.0\.0\/1 → tun0 via 10\.8\.0\.1 \(line 2\), which would otherwise send it into tun0\./);
    assert.match(f[0]!.message, /option 121/);
    assert.match(f[1]!.message, /172\.16\.0\.0\/12 \(1,048,576 addresses\) leaves through wlan0,/);
    assert.deepEqual(f[0]!.related.map((r) => r.span.line + 1), [2]);
  });

  test('the boundary with split-tunnel-exception: it keeps the server host route and the administrator\'s exceptions', () => {
    const all = codes(analyze(DHCP_121_ATTACK));
    assert.deepEqual(all.filter((c) => c.startsWith('split-tunnel-exception')), ['split-tunnel-exception@10']);
    const def1 = lines('0.0.0.0/1 via 10.8.0.1 dev tun0', '128.0.0.0/1 via 10.8.0.1 dev tun0', '10.20.0.0/16 via 192.168.1.1 dev wlan0');
    assert.deepEqual(codes(analyze(def1)), ['split-tunnel-exception@3']);
  });

  test('the L2TP story: the server exception and the LAN are not leaks; a DHCP route under ppp0 is', () => {
    assert.deepEqual(found(L2TP, 'tunnelvision-leak'), []);
    const pushed = analyze(`${L2TP}\n10.0.0.0/8 via 192.168.101.1 dev eth0 proto dhcp metric 100`);
    assert.deepEqual(codes(pushed).filter((c) => !c.startsWith('shadowed-route')), ['split-tunnel-exception@4', 'tunnelvision-leak@5']);
  });

  test('wg-quick: main-table routes longer than /0 win over table 51820, DHCP or not', () => {
    const f = found(WG_QUICK, 'tunnelvision-leak');
    assert.deepEqual(f.map((x) => x.span.line + 1), [10, 13]);
    assert.match(f[0]!.message, /^TunnelVision \(CVE-2024-3661\): 10\.0\.0\.0\/8 \(16,777,216 addresses\) leaves through eth0 via 192\.168\.1\.1, outside the tunnel\. Rule `32764: from all lookup main suppress_prefixlength 0` \(line 3\) looks up table main before `32765: not from all fwmark 0xca6c lookup 51820` \(line 4\) sends the traffic into wg0, and it suppresses only routes of \/0 and shorter/);
    assert.match(f[0]!.message, /proto dhcp/);
    assert.match(f[1]!.message, /Any route a DHCP server \(option 121\) or router advertisement adds to table main escapes the same way/);
    assert.deepEqual(f[0]!.related.map((r) => r.span.line + 1), [3, 4, 8]);
    // split-tunnel-exception cannot see policy routing, so nothing is said twice.
    assert.deepEqual(found(WG_QUICK, 'split-tunnel-exception'), []);
  });

  test('IPv6: a router advertisement route under a wg-quick tunnel', () => {
    const text = lines(
      '$ ip -6 rule',
      '0:\tfrom all lookup local',
      '32764:\tfrom all lookup main suppress_prefixlength 0',
      '32765:\tnot from all fwmark 0xca6c lookup 51820',
      '32766:\tfrom all lookup main',
      '$ ip -6 route show table all',
      'default dev wg0 table 51820 metric 1024 pref medium',
      '2001:db8:1::/64 dev eth0 proto kernel metric 256 pref medium',
      '2001:db8:77::/48 via fe80::1 dev eth0 proto ra metric 1024 pref medium',
      'fe80::/64 dev eth0 proto kernel metric 256 pref medium',
      'default via fe80::1 dev eth0 proto ra metric 1024 expires 1796sec pref medium',
    );
    const f = found(text, 'tunnelvision-leak');
    assert.deepEqual(f.map((x) => x.span.line + 1), [9]);
    assert.match(f[0]!.message, /router advertisement installed it \(`proto ra`, a route information option\)/);
  });

  test('quiet without a tunnel, without rules for a policy tunnel, and when a rule sends everything to the tunnel first', () => {
    assert.deepEqual(found(lines('default via 192.168.1.1 dev eth0 proto dhcp', '10.0.0.0/8 via 192.168.1.1 dev eth0 proto dhcp'), 'tunnelvision-leak'), []);
    // The rules are not in the input: which table wins is unknown.
    const noRules = WG_QUICK.split('\n').slice(6).join('\n');
    assert.deepEqual(found(noRules, 'tunnelvision-leak'), []);
    const strict = lines(
      '$ ip rule',
      '0:\tfrom all lookup local',
      '100:\tnot from all fwmark 0xca6c lookup 51820',
      '32766:\tfrom all lookup main',
      '$ ip route show table all',
      'default dev wg0 table 51820 scope link',
      '10.0.0.0/8 via 192.168.1.1 dev eth0 proto dhcp metric 100',
      'default via 192.168.1.1 dev eth0 proto dhcp metric 100',
    );
    assert.deepEqual(found(strict, 'tunnelvision-leak'), []);
  });

  test('a rule that can be turned off', () => {
    const off = analyze(DHCP_121_ATTACK, { disabledRules: ['tunnelvision-leak'] });
    assert.equal(off.findings.filter((f) => f.code === 'tunnelvision-leak').length, 0);
  });
});
