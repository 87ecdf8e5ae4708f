import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { L2TP, answer, lookup, table } from './helpers';

describe('resolver (kernel semantics without ip rule input)', () => {
  test('the L2TP scenario: the VPN server leaves through eth0, everything else goes into ppp0', () => {
    const t = table(L2TP);
    assert.equal(answer(t, '203.0.113.77'), 'forward 203.0.113.77/32 eth0 line 4');
    assert.equal(answer(t, '192.168.0.12'), 'forward 0.0.0.0/0 ppp0 line 1');
    assert.equal(answer(t, '8.8.8.8'), 'forward 0.0.0.0/0 ppp0 line 1');
    assert.equal(answer(t, '192.168.101.5'), 'forward 192.168.101.0/24 eth0 line 3');
    const r = lookup(t, '8.8.8.8');
    assert.match(r.lost[0]!.reason, /metric 100 is worse than 50/);
  });

  test('equal prefix and metric: the first listed wins (IPv4)', () => {
    const t = table('10.0.0.0/8 via 192.0.2.1 dev eth0 metric 5', '10.0.0.0/8 via 192.0.2.2 dev eth1 metric 5');
    assert.equal(answer(t, '10.1.1.1'), 'forward 10.0.0.0/8 eth0 line 1');
  });

  test('reject types end the lookup with the kernel\'s error', () => {
    const t = table('blackhole 172.16.0.0/12', 'unreachable 172.18.0.0/16', 'prohibit 172.19.0.0/16', 'default via 10.0.0.1 dev eth0', 'default via 10.9.0.1 dev eth1 table default');
    assert.equal(lookup(t, '172.16.1.1').error, 'Invalid argument');
    assert.equal(lookup(t, '172.18.1.1').error, 'No route to host');
    assert.equal(lookup(t, '172.19.1.1').error, 'Permission denied');
    assert.equal(answer(t, '172.32.1.1'), 'forward 0.0.0.0/0 eth0 line 4');
  });

  test('throw continues with the next table; with nothing there, Network is unreachable', () => {
    const t = table('throw 172.17.0.0/16', 'default via 10.0.0.1 dev eth0', '172.17.0.0/16 via 10.9.0.1 dev eth1 table default');
    assert.equal(answer(t, '172.17.1.1'), 'forward 172.17.0.0/16 eth1 line 3');
    const bare = table('throw 172.17.0.0/16', 'default via 10.0.0.1 dev eth0');
    assert.equal(lookup(bare, '172.17.1.1').error, 'Network is unreachable');
  });

  test('IPv4 merges local and main: a longer main prefix beats a shorter local one; equal prefix goes local', () => {
    const t = table(
      '127.5.0.0/16 via 192.168.1.1 dev eth0',
      '192.168.1.10 via 192.168.1.1 dev eth0',
      'local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1',
      'local 192.168.1.10 dev eth0 table local proto kernel scope host src 192.168.1.10',
    );
    assert.equal(answer(t, '127.5.0.1'), 'forward 127.5.0.0/16 eth0 line 1');
    assert.equal(answer(t, '192.168.1.10'), 'local 192.168.1.10/32 eth0 line 4');
  });

  test('IPv6 searches local before main and has no default-table step', () => {
    const t = table(
      '2001:db8:1::10 via 2001:db8:1::1 dev eth0 metric 1024 pref medium',
      'default via 2001:db8:1::1 dev eth0 metric 1024 pref medium',
      'throw 2001:db8:9::/48 dev lo metric 1024 pref medium',
      'local 2001:db8:1::10 dev eth0 table local proto kernel metric 0 pref medium',
      'default via 2001:db8:2::1 dev eth1 table default metric 1024 pref medium',
    );
    assert.equal(answer(t, '2001:db8:1::10'), 'local 2001:db8:1::10/128 eth0 line 4');
    assert.equal(lookup(t, '2001:db8:9::1').error, 'Network is unreachable');
    assert.equal(answer(t, '2001:db8:5::1'), 'forward ::/0 eth0 line 2');
  });

  test('tables other than local, main and default are not searched without rules, and say so', () => {
    const t = table('default dev wg0 table 51820 scope link', 'default via 192.168.1.1 dev eth0');
    assert.equal(answer(t, '8.8.8.8'), 'forward 0.0.0.0/0 eth0 line 2');
    assert.match(lookup(t, '8.8.8.8').lost[0]!.reason, /table 51820 is searched only when an `ip rule` points to it/);
  });

  test('dead routes and TOS routes are skipped for a plain lookup; multipath lists every next hop', () => {
    const t = table(
      '10.0.0.0/8 dev eth3 dead linkdown',
      '10.0.0.0/8 tos 0x10 via 192.0.2.9 dev eth2',
      '10.0.0.0/7 via 192.0.2.1 dev eth0 metric 9',
      'default proto static metric 100',
      '\tnexthop via 192.0.2.1 dev eth0 weight 1',
      '\tnexthop via 198.51.100.1 dev eth1 weight 2',
    );
    assert.equal(answer(t, '10.1.1.1'), 'forward 10.0.0.0/7 eth0 line 3');
    assert.equal(answer(t, '8.8.8.8'), 'forward 0.0.0.0/0 eth0,eth1 line 4');
    assert.ok(lookup(t, '8.8.8.8').steps.some((s) => /hashes each flow/.test(s)));
  });

  test('no route at all: Network is unreachable', () => {
    const t = table('10.0.0.0/8 dev eth0');
    const r = lookup(t, '8.8.8.8');
    assert.equal(r.outcome, 'no-route');
    assert.equal(r.error, 'Network is unreachable');
    assert.equal(r.route, undefined);
  });
});

describe('resolver: gateways that are the host itself', () => {
  test('an IPv4 gateway on a local address sends directly on the device, as the kernel does', () => {
    const t = table(
      '10.1.0.0/24 dev eth0 proto kernel scope link src 10.1.0.1',
      '10.9.0.0/16 via 10.1.0.1 dev eth0',
      '10.8.0.0/16 via 10.1.0.2 dev eth0',
      '10.7.0.0/16 via 10.1.0.1 dev eth0 onlink',
      'local 10.1.0.1 dev eth0 table local proto kernel scope host src 10.1.0.1',
    );
    const direct = lookup(t, '10.9.0.5');
    assert.equal(direct.nexthops[0]?.gateway, undefined);
    assert.equal(direct.nexthops[0]?.device, 'eth0');
    assert.ok(direct.steps.some((s) => /own address/.test(s)));
    assert.equal(lookup(t, '10.8.0.5').nexthops[0]?.gateway?.words[0], 0x0a010002);
    assert.equal(lookup(t, '10.7.0.5').nexthops[0]?.gateway?.words[0], 0x0a010001, 'onlink keeps the gateway');
  });

  test('a hand-added local range keeps the gateway and says the dump cannot tell the order', () => {
    const t = table(
      '10.1.0.0/24 dev eth0 proto kernel scope link src 10.1.0.1',
      '10.10.0.0/16 via 10.1.0.7 dev eth0',
      'local 10.1.0.0/29 dev eth0 table local scope host',
    );
    const r = lookup(t, '10.10.0.5');
    assert.equal(r.nexthops[0]?.gateway?.words[0], 0x0a010007);
    assert.ok(r.steps.some((s) => /cannot show the order/.test(s)));
  });
});
