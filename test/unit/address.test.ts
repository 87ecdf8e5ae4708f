import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAddress, parseAddress, parseIPv4, parseIPv6 } from '../../server/src/core/net/address';
import { formatPrefix, lastAddress, parsePrefix, prefixContains, prefixCovers, splitPrefix } from '../../server/src/core/net/prefix';
import { isValidCidrText, prefixRangeText } from '../../server/src/core/net/cidr';

describe('addresses', () => {
  test('IPv4 dotted quads round-trip; leading zeros and out-of-range octets are refused', () => {
    for (const text of ['0.0.0.0', '10.1.2.3', '255.255.255.255', '203.0.113.77']) {
      assert.equal(formatAddress(parseIPv4(text)!), text);
    }
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1..2.3', '', '1.2.3.4 ', 'a.b.c.d', '1.2.3.1234']) {
      assert.equal(parseIPv4(bad), undefined, bad);
    }
  });

  test('IPv6 text forms parse and print in RFC 5952 form', () => {
    const cases: [string, string][] = [
      ['::', '::'],
      ['::1', '::1'],
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['fe80::1', 'fe80::1'],
      ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
      ['2001:db8::', '2001:db8::'],
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ];
    for (const [input, canonical] of cases) assert.equal(formatAddress(parseIPv6(input)!), canonical, input);
    for (const bad of [':::', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', ':1', '1:', 'g::1', '1:2:3:4:5:6:7', '::ffff:1.2.3']) {
      assert.equal(parseIPv6(bad), undefined, bad);
    }
  });

  test('parseAddress picks the family from the text', () => {
    assert.equal(parseAddress('10.0.0.1')?.family, 4);
    assert.equal(parseAddress('2001:db8::1')?.family, 6);
    assert.equal(parseAddress('eth0'), undefined);
  });
});

describe('prefixes', () => {
  test('parse, mask and print canonically', () => {
    assert.equal(formatPrefix(parsePrefix('default')!.prefix), '0.0.0.0/0');
    assert.equal(formatPrefix(parsePrefix('default', 6)!.prefix), '::/0');
    assert.equal(formatPrefix(parsePrefix('203.0.113.77')!.prefix), '203.0.113.77/32');
    assert.equal(formatPrefix(parsePrefix('2001:db8::/32')!.prefix), '2001:db8::/32');
    const sloppy = parsePrefix('10.1.2.3/8')!;
    assert.equal(formatPrefix(sloppy.prefix), '10.0.0.0/8');
    assert.equal(sloppy.hostBitsSet, true);
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8/8', 'x/8']) {
      assert.equal(parsePrefix(bad), undefined, bad);
    }
  });

  test('containment at the /0, /31, /32 and /128 edges', () => {
    const all = parsePrefix('0.0.0.0/0')!.prefix;
    const host = parsePrefix('192.0.2.1/32')!.prefix;
    assert.ok(prefixContains(all, parseAddress('255.255.255.255')!));
    assert.ok(prefixContains(host, parseAddress('192.0.2.1')!));
    assert.ok(!prefixContains(host, parseAddress('192.0.2.0')!));
    assert.ok(prefixContains(parsePrefix('192.0.2.0/31')!.prefix, parseAddress('192.0.2.1')!));
    assert.ok(!prefixContains(all, parseAddress('::')!), 'families never mix');
    assert.ok(prefixCovers(all, host));
    assert.ok(!prefixCovers(host, all));
    const v6 = parsePrefix('2001:db8::1/128')!.prefix;
    assert.ok(prefixContains(v6, parseAddress('2001:db8::1')!));
    assert.ok(!prefixContains(v6, parseAddress('2001:db8::2')!));
    assert.equal(formatAddress(lastAddress(parsePrefix('10.0.0.0/8')!.prefix)), '10.255.255.255');
    assert.equal(formatAddress(lastAddress(parsePrefix('2001:db8::/33')!.prefix)), '2001:db8:7fff:ffff:ffff:ffff:ffff:ffff');
    const [low, high] = splitPrefix(all);
    assert.deepEqual([formatPrefix(low), formatPrefix(high)], ['0.0.0.0/1', '128.0.0.0/1']);
  });

  test('ip-cidr agrees on validity and gives hover ranges', () => {
    assert.ok(isValidCidrText('10.0.0.0/8'));
    assert.ok(!isValidCidrText('10.0.0.0/40'));
    assert.equal(prefixRangeText(parsePrefix('10.0.0.0/30')!.prefix), '10.0.0.0 – 10.0.0.3');
    assert.equal(prefixRangeText(parsePrefix('203.0.113.77/32')!.prefix), '203.0.113.77');
  });
});

describe('range text for every prefix', () => {
  test('IPv4-mapped IPv6 prefixes, which ip-cidr refuses, still get their range', () => {
    assert.equal(prefixRangeText(parsePrefix('::ffff:0.0.0.0/96')!.prefix), '::ffff:0.0.0.0 – ::ffff:255.255.255.255');
    assert.equal(prefixRangeText(parsePrefix('::ffff:1.2.3.4')!.prefix), '::ffff:1.2.3.4');
  });
});
