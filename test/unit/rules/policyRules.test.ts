import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/model';
import { WG_QUICK_RULES } from '../wgQuickRules';

const lines = (...l: string[]): string => l.join('\n');

function found(text: string, code: string): Finding[] {
  return analyze(text).findings.filter((f) => f.code === code);
}

/** wg-quick's rules and tables, as `ip rule` and `ip route show table all` print them. */
const WG_QUICK = lines(
  ...WG_QUICK_RULES,
  '$ ip route show table all',
  'default dev wg0 table 51820 scope link',
  'default via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.20 metric 100',
  '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.20 metric 100',
  'local 192.168.1.20 dev eth0 table local proto kernel scope host src 192.168.1.20',
);

describe('shadowed-policy-rule', () => {
  test('wg-quick and the stock rules: nothing is shadowed', () => {
    assert.deepEqual(found(WG_QUICK, 'shadowed-policy-rule'), []);
    assert.deepEqual(found(WG_QUICK, 'unreachable-table'), []);
  });

  test('a catch-all lookup whose table has a default hides every later rule it covers', () => {
    const text = lines(
      '$ ip rule',
      '0:\tfrom all lookup local',
      '100:\tfrom all lookup 100',
      '200:\tfrom 10.8.0.0/24 lookup 200',
      '32766:\tfrom all lookup main',
      '32767:\tfrom all lookup default',
      '$ ip route show table all',
      'default dev tun0 table 100 scope link',
      '10.8.0.0/24 via 192.168.1.1 dev eth0 table 200',
      'default via 192.168.1.1 dev eth0 proto dhcp metric 100',
    );
    const f = found(text, 'shadowed-policy-rule');
    assert.deepEqual(f.map((x) => x.span.line + 1), [4, 5, 6]);
    const first = f[0]!;
    assert.equal(first.severity, 'information');
    assert.equal(first.unnecessary, true);
    assert.match(first.message, /^Rule `200: from 10\.8\.0\.0\/24 lookup 200` never matches: `100: from all lookup 100` \(line 3\) comes first/);
    assert.match(first.message, /table 100 answers every destination with its 0\.0\.0\.0\/0 → tun0 \(line 8\)/);
    assert.deepEqual(first.related.map((r) => r.span.line + 1), [3, 8]);
    // Tables 200 and main are then never searched; the default table has no routes.
    const tables = found(text, 'unreachable-table');
    assert.deepEqual(tables.map((x) => x.span.line + 1), [9, 10]);
    assert.match(tables[0]!.message, /^Table 200 is never searched, so its route 10\.8\.0\.0\/24 → eth0 via 192\.168\.1\.1 \(line 9\) is never used: the only rule that looks it up is dead: `200: from 10\.8\.0\.0\/24 lookup 200` \(line 4\) never matches: `100: from all lookup 100` \(line 3\) takes all of its packets first/);
    assert.deepEqual(tables[0]!.related.map((r) => r.span.line + 1), [4, 3]);
  });

  test('reject actions and goto jumps hide rules whatever the tables hold; warnings', () => {
    const text = lines(
      '$ ip rule',
      '0:\tfrom all lookup local',
      '10:\tfrom all fwmark 0x1/0xff goto 300',
      '20:\tfrom all fwmark 0x101 lookup 100',
      '30:\tfrom 10.0.0.0/8 unreachable',
      '40:\tfrom 10.1.0.0/16 iif eth0 lookup 100',
      '50:\tfrom 10.1.0.0/16 tos 0x10 lookup 100',
      '60:\tnot from all lookup 100',
      '300:\tfrom all lookup 100',
      '32766:\tfrom all lookup main',
    );
    const f = found(text, 'shadowed-policy-rule');
    assert.deepEqual(f.map((x) => [x.span.line + 1, x.severity]), [[4, 'warning'], [6, 'warning'], [7, 'warning'], [8, 'warning']]);
    assert.match(f[0]!.message, /`10: from all fwmark 0x1\/0xff goto 300` \(line 3\) comes first, matches all of its packets and jumps past it to priority 300/);
    assert.match(f[1]!.message, /`30: from 10\.0\.0\.0\/8 unreachable` \(line 5\) comes first, matches all of its packets and rejects them \(unreachable\)/);
    assert.match(f[3]!.message, /`not` with no selector negates "every packet"/);
  });

  test('selectors must cover exactly: a narrower or different catcher shadows nothing', () => {
    const text = lines(
      '$ ip rule',
      '10:\tfrom 10.1.0.0/16 unreachable',
      '20:\tfrom 10.0.0.0/8 lookup 100',
      '30:\tfrom all fwmark 0x1 prohibit',
      '40:\tfrom all fwmark 0x1/0xff lookup 100',
      '50:\tfrom all iif eth0 blackhole',
      '60:\tfrom all iif eth1 lookup 100',
      '70:\tfrom all uidrange 1000-2000 unreachable',
      '80:\tfrom all uidrange 500-1500 lookup 100',
      '90:\tfrom all ipproto tcp dport 443 blackhole',
      '100:\tfrom all ipproto 17 dport 443 lookup 100',
      '110:\tfrom all to 10.9.0.0/16 blackhole',
      '120:\tfrom all lookup main suppress_prefixlength 0',
      '130:\tfrom all lookup 100',
      '$ ip route show table all',
      'default via 10.0.0.1 dev eth0',
      'default dev tun0 table 100',
    );
    assert.deepEqual(found(text, 'shadowed-policy-rule'), []);
  });

  test('not rules: a negated mark catches every other mark; both negated, the narrower negation catches the wider', () => {
    const text = lines(
      '$ ip rule',
      '10:\tnot from all fwmark 0xca6c prohibit',
      '20:\tfrom all fwmark 0x1 lookup 100',
      '30:\tfrom all fwmark 0xca6c lookup 100',
      '40:\tnot from all fwmark 0x5 blackhole',
      '50:\tnot from all fwmark 0x5/0xf lookup 100',
      '60:\tnot from all fwmark 0x6/0xf lookup 100',
    );
    const f = found(text, 'shadowed-policy-rule');
    assert.deepEqual(f.map((x) => x.span.line + 1), [3, 6]);
  });

  test('the stock main rule hiding the stock default rule is by design; text and JSON of one rule set count once', () => {
    const text = lines(
      '$ ip rule',
      '0:\tfrom all lookup local',
      '32766:\tfrom all lookup main',
      '32767:\tfrom all lookup default',
      '$ ip -j rule',
      '[{"priority":0,"src":"all","table":"local"},{"priority":32766,"src":"all","table":"main"},{"priority":32767,"src":"all","table":"default"}]',
      '$ ip route',
      'default via 10.0.0.1 dev eth0 proto dhcp metric 100',
      '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5',
    );
    assert.deepEqual(analyze(text).findings.map((f) => f.code), []);
  });
});

describe('unreachable-table', () => {
  test('a table no rule looks up: one finding at its first route, the others related', () => {
    const text = lines(
      '$ ip rule',
      '0:\tfrom all lookup local',
      '32766:\tfrom all lookup main',
      '32767:\tfrom all lookup default',
      '$ ip route show table all',
      'default dev wg0 table 51820 scope link',
      '10.66.66.0/24 dev wg0 table 51820 scope link',
      'default via 192.168.1.1 dev eth0 proto dhcp metric 100',
    );
    const f = found(text, 'unreachable-table');
    assert.equal(f.length, 1);
    assert.deepEqual([f[0]!.span.line, f[0]!.span.col, f[0]!.span.endCol], [5, 0, 38]);
    assert.equal(f[0]!.severity, 'warning');
    assert.match(f[0]!.message, /^Table 51820 is never searched, so its 2 IPv4 routes are never used: none of the 3 IPv4 rules in the input looks it up\. Add a rule that looks it up \(`ip rule add \.\.\. lookup 51820`\)/);
    assert.deepEqual(f[0]!.related.map((r) => r.span.line + 1), [7]);
  });

  test('without rules for the family nothing is said: a dump alone cannot tell which tables are searched', () => {
    const v4only = lines(
      '$ ip rule',
      '0:\tfrom all lookup local',
      '32766:\tfrom all lookup main',
      '$ ip -6 route show table all',
      'default dev wg0 table 51820 metric 1024 pref medium',
    );
    assert.deepEqual(found(v4only, 'unreachable-table'), []);
    assert.deepEqual(found('default dev wg0 table 51820 scope link\ndefault via 192.168.1.1 dev eth0', 'unreachable-table'), []);
  });

  test('VRF rules and table names the dump cannot map may reach any custom table', () => {
    const vrf = lines('$ ip rule', '1000:\tfrom all lookup [l3mdev-table]', '32766:\tfrom all lookup main', '$ ip route show table all', '10.0.0.0/8 dev eth1 table 10');
    assert.deepEqual(found(vrf, 'unreachable-table'), []);
    const named = lines('$ ip rule', '100:\tfrom all fwmark 0x1 lookup vpn', '32766:\tfrom all lookup main', '$ ip route show table all', '10.0.0.0/8 dev eth1 table 10');
    assert.deepEqual(found(named, 'unreachable-table'), []);
  });

  test('the Tailscale fixture: table 52 is looked up; fallbacks behind the marked main lookup are information', () => {
    const text = lines(
      '$ ip rule',
      '0:\tfrom all lookup local',
      '5210:\tfrom all fwmark 0x80000/0xff0000 lookup main',
      '5230:\tfrom all fwmark 0x80000/0xff0000 lookup default',
      '5250:\tfrom all fwmark 0x80000/0xff0000 unreachable',
      '5270:\tfrom all lookup 52',
      '32766:\tfrom all lookup main',
      '32767:\tfrom all lookup default',
      '$ ip route show table 52',
      '100.64.0.0/10 dev tailscale0 table 52 scope link',
      'throw 127.0.0.0/8 table 52',
      '$ ip route',
      'default via 172.31.0.1 dev ens3 proto dhcp src 172.31.5.10 metric 100',
    );
    assert.deepEqual(found(text, 'unreachable-table'), []);
    assert.deepEqual(found(text, 'shadowed-policy-rule').map((f) => [f.span.line + 1, f.severity]), [[4, 'information'], [5, 'information']]);
  });
});
