import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAddressCount } from '../../server/src/core/explain/effectiveRoutes';
import { routeLenses } from '../../server/src/core/explain/routeLens';
import { L2TP, table } from './helpers';

function titles(...lines: string[]): string[] {
  return routeLenses(table(...lines)).map((l) => `${l.span.line + 1}: ${l.title}`);
}

describe('route lenses', () => {
  test('L2TP: the tunnel default, the shadowed DHCP default and the escapes', () => {
    assert.deepEqual(titles(L2TP), [
      '1: covers 4,294,967,039 addresses through the tunnel (ppp0)',
      '2: never selected — shadowed by line 1',
      '3: 256 addresses leave outside the tunnel via eth0',
      '4: 1 address leaves outside the tunnel via eth0',
    ]);
  });

  test('the lens sits on the route destination', () => {
    const [first] = routeLenses(table(L2TP));
    assert.deepEqual(first?.span, { line: 0, col: 0, endLine: 0, endCol: 7 });
    assert.equal(first?.routeId, 0);
  });

  test('OpenVPN def1: the halves share the addresses; the default is covered by both', () => {
    assert.deepEqual(titles('0.0.0.0/1 via 10.8.0.1 dev tun0', 'default via 192.168.1.1 dev wlan0 metric 600',
      '128.0.0.0/1 via 10.8.0.1 dev tun0', '198.51.100.10 via 192.168.1.1 dev wlan0'), [
      '1: covers 2,147,483,648 addresses through the tunnel (tun0)',
      '2: never selected — shadowed by lines 1 and 3',
      '3: covers 2,147,483,647 addresses through the tunnel (tun0)',
      '4: 1 address leaves outside the tunnel via wlan0',
    ]);
  });

  test('policy tables, dead routes, reject types and tables without a tunnel', () => {
    assert.deepEqual(titles('default dev wg0 table 51820 scope link', 'default via 192.168.1.1 dev eth0 metric 100',
      '10.0.0.0/8 via 192.168.1.2 dev eth1 dead', 'blackhole 198.51.100.0/24', 'unreachable 192.0.2.0/24',
      'throw 172.16.0.0/12', 'local 192.168.1.20 dev eth0 table local', 'broadcast 192.168.1.255 dev eth0 table local'), [
      '1: not searched without ip rule (table 51820)',
      '2: 4,293,918,206 addresses leave outside the tunnel via eth0',
      '3: never selected — its next hops are dead',
      '4: drops 256 addresses (blackhole)',
      '5: refuses 256 addresses (unreachable)',
      '6: hands 1,048,576 addresses on to the next table (throw)',
      '7: 1 address delivered to this host',
      '8: broadcast on eth0',
    ]);
    assert.deepEqual(titles('default via 192.168.1.1 dev eth0'), ['1: covers 4,294,967,296 addresses via eth0']);
    assert.deepEqual(titles('10.0.0.0/8 via 10.9.9.9 dev eth0 tos 0x10'), ['1: never selected — only for packets with TOS 0x10']);
  });

  test('IPv6: the main default leaves out what the local table takes first', () => {
    assert.deepEqual(titles('default via fe80::1 dev eth0 metric 1024', 'multicast ff00::/8 dev eth0 table local',
      '2001:db8::/64 dev eth0 metric 256', 'local 2001:db8::5 dev eth0 table local'), [
      '1: covers almost 2^128 addresses via eth0',
      '2: 2^120 addresses multicast on eth0',
      '3: covers 18,446,744,073,709,551,615 addresses via eth0',
      '4: 1 address delivered to this host',
    ]);
  });

  test('only the first routes of a huge document get lenses', () => {
    const many = Array.from({ length: 300 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24 dev eth0`);
    assert.equal(routeLenses(table(...many), 100).length, 100);
    assert.equal(routeLenses(table(...many)).length, 300);
  });
});

describe('address counts', () => {
  test('exact below 2^64, powers and differences of powers of two above', () => {
    assert.equal(formatAddressCount(1n), '1');
    assert.equal(formatAddressCount(1n << 32n), '4,294,967,296');
    assert.equal(formatAddressCount((1n << 64n) - 1n), '18,446,744,073,709,551,615');
    assert.equal(formatAddressCount(1n << 64n), '2^64');
    assert.equal(formatAddressCount((1n << 128n) - (1n << 64n)), '2^128 − 2^64');
    assert.equal(formatAddressCount((1n << 128n) - (3n << 64n)), '2^128 − 3×2^64');
    assert.equal(formatAddressCount((1n << 128n) - (1n << 64n) - 1n), 'almost 2^128');
    assert.equal(formatAddressCount((3n << 100n) + 12345n), 'about 2^101.6');
  });
});
