import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Rule } from '../../server/src/core/rules';
import { equalMetricDefaults } from '../../server/src/core/rules/equalMetricDefaults';
import { gatewayNotOnLink } from '../../server/src/core/rules/gatewayNotOnLink';
import { multipathRoute } from '../../server/src/core/rules/multipathRoute';
import { vpnLanOverlap } from '../../server/src/core/rules/vpnLanOverlap';

/** Runs one rule over a table, whether or not it is registered. */
function run(rule: Rule, ...lines: string[]): { line: number; severity: string; message: string }[] {
  const a = analyze(lines.join('\n'));
  return rule.check({ document: a.document, tables: a.tables, tunnels: a.tunnels, memo: new Map() })
    .map((f) => ({ line: f.span.line, severity: f.severity, message: f.message }));
}

describe('equal-metric-defaults', () => {
  test('two defaults with one metric on different interfaces depend on insertion order', () => {
    const f = run(equalMetricDefaults, 'default via 192.168.1.1 dev eth0 metric 100', 'default via 10.0.0.1 dev wlan0 metric 100', 'default dev ppp0 metric 50');
    assert.deepEqual(f.map((x) => x.line), [1]);
    assert.match(f[0]!.message, /whichever was added first/);
  });

  test('different metrics or tables are fine', () => {
    assert.deepEqual(run(equalMetricDefaults, 'default via 192.168.1.1 dev eth0 metric 100', 'default via 10.0.0.1 dev wlan0 metric 600'), []);
    assert.deepEqual(run(equalMetricDefaults, 'default via 192.168.1.1 dev eth0', 'default dev wg0 table 51820'), []);
  });
});

describe('gateway-not-on-link', () => {
  test('a gateway outside the interface\'s connected subnets is flagged, onlink is not', () => {
    const f = run(gatewayNotOnLink,
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.5',
      'default via 192.168.2.1 dev eth0',
      '10.0.0.0/8 via 192.168.9.9 dev eth0 onlink',
      '172.16.0.0/12 via 192.168.1.1 dev eth0');
    assert.deepEqual(f.map((x) => x.line), [1]);
    assert.match(f[0]!.message, /Nexthop has invalid gateway/);
  });

  test('no connected subnet shown for the interface: nothing to compare, no finding', () => {
    assert.deepEqual(run(gatewayNotOnLink, 'default via 192.168.2.1 dev eth0'), []);
  });
});

describe('multipath-route', () => {
  test('next hops with their weights and shares; mixed tunnel and physical hops warn', () => {
    const f = run(multipathRoute, 'default proto static metric 100', '\tnexthop via 10.0.0.1 dev eth0 weight 1', '\tnexthop dev wg0 weight 3');
    assert.equal(f[0]?.severity, 'warning');
    assert.match(f[0]!.message, /eth0 via 10\.0\.0\.1 \(weight 1, 25%\), wg0 \(weight 3, 75%\)/);
    assert.match(f[0]!.message, /outside the tunnel/);
    const plain = run(multipathRoute, 'default proto static', '\tnexthop via 10.0.0.1 dev eth0 weight 1', '\tnexthop via 10.0.1.1 dev eth1 weight 1');
    assert.equal(plain[0]?.severity, 'hint');
  });
});

describe('vpn-lan-overlap', () => {
  test('a VPN route over the LAN: the LAN wins for its own subnet and VPN hosts there are unreachable', () => {
    const f = run(vpnLanOverlap,
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.50',
      '192.168.0.0/16 via 10.8.0.1 dev tun0',
      '10.8.0.0/24 dev tun0 proto kernel scope link src 10.8.0.6');
    assert.deepEqual(f.map((x) => x.line), [1]);
    assert.match(f[0]!.message, /reached on the LAN \(eth0\), so VPN hosts with those addresses are unreachable/);
  });

  test('a more specific VPN route inside the LAN takes those hosts away from the LAN', () => {
    const f = run(vpnLanOverlap, '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.50', '192.168.1.0/25 dev tun0 scope link');
    assert.match(f[0]!.message, /go into the tunnel \(tun0\), so LAN hosts there/);
  });

  test('the L2TP scenario has no overlap', () => {
    assert.deepEqual(run(vpnLanOverlap, 'default dev ppp0 metric 50', '192.168.101.0/24 dev eth0 proto kernel scope link src 192.168.101.23'), []);
  });
});

describe('trap rules stay quiet where the dump cannot tell', () => {
  test('link-local routes on every interface do not overlap the LAN; unprinted metrics are no tie', () => {
    assert.deepEqual(run(vpnLanOverlap, 'fe80::/64 dev eth0 proto kernel metric 256 pref medium', 'fe80::/64 dev wg0 proto kernel metric 256 pref medium'), []);
    const a = analyze(['Kernel IP routing table', 'Destination Gateway Genmask Flags MSS Window irtt Iface',
      '0.0.0.0 192.168.1.1 0.0.0.0 UG 0 0 0 eth0', '0.0.0.0 10.0.0.1 0.0.0.0 UG 0 0 0 wlan0'].join('\n'));
    assert.deepEqual(equalMetricDefaults.check({ document: a.document, tables: a.tables, tunnels: a.tunnels, memo: new Map() }), []);
  });
});
