import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { formatAddress } from '../../server/src/core/net/address';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { lookup } from './helpers';
import { findings, fixture, onLine, route } from './bsdNetstatFixtures';

describe('macOS netstat -rn: Sonoma on Wi-Fi', () => {
  const a = fixture('macos/sonoma-wifi.txt');

  test('one macOS section with both families and no findings', () => {
    assert.equal(a.document.format, 'macos-netstat');
    assert.equal(a.document.os, 'macos');
    assert.deepEqual(a.document.sections.map((s) => [s.format, s.os, s.startLine, s.endLine]), [['macos-netstat', 'macos', 0, 42]]);
    assert.equal(a.document.routes.filter((r) => r.family === 4).length, 14);
    assert.equal(a.document.routes.filter((r) => r.family === 6).length, 21);
    assert.deepEqual(findings(a), []);
  });

  test('classful short destinations and explicit lengths', () => {
    const prefixes = [5, 6, 7, 8, 9, 10, 15, 18].map((line) => formatPrefix(onLine(a, line).prefix));
    assert.deepEqual(prefixes, [
      '0.0.0.0/0', '127.0.0.0/8', '127.0.0.1/32', '169.254.0.0/16', '192.168.1.0/24', '192.168.1.1/32', '224.0.0.0/4',
      '255.255.255.255/32',
    ]);
  });

  test('gateways: addresses with G, link#N and MAC addresses are on-link', () => {
    const def = onLine(a, 5);
    assert.equal(formatAddress(def.nexthops[0]?.gateway ?? { family: 4, words: [0] }), '192.168.1.1');
    assert.equal(def.nexthops[0]?.device, 'en0');
    for (const line of [9, 11, 12]) {
      const r = onLine(a, line);
      assert.equal(r.nexthops[0]?.gateway, undefined, `line ${line}`);
      assert.equal(r.nexthops[0]?.device, 'en0');
      assert.equal(r.proto, 'kernel');
    }
    assert.equal(onLine(a, 12).attributes.gateway, '0:1c:42:0:0:18');
    assert.equal(onLine(a, 11).type, 'unicast');
  });

  test('every flag letter is kept; the meaningful ones are mapped', () => {
    const arp = onLine(a, 11);
    assert.equal(arp.attributes.flags, 'UHLWIir');
    assert.ok(arp.flags.includes('scoped') && arp.flags.includes('host') && arp.flags.includes('wascloned'));
    assert.equal(arp.attributes.expire, '1187');
    assert.equal(onLine(a, 8).attributes.expire, '!');
    assert.equal(onLine(a, 7).type, 'local');
    assert.equal(onLine(a, 14).type, 'broadcast');
    assert.equal(onLine(a, 15).type, 'multicast');
    assert.equal(onLine(a, 5).metric, 0);
    assert.equal(onLine(a, 5).metricExplicit, false);
  });

  test('IPv6: zones are stripped from addresses and kept as the interface', () => {
    const ll = onLine(a, 28);
    assert.equal(formatPrefix(ll.prefix), 'fe80::/64');
    assert.equal(ll.attributes.zone, 'lo0');
    assert.equal(ll.nexthops[0]?.device, 'lo0');
    assert.ok(ll.flags.includes('scoped'));
    const utunDefault = onLine(a, 22);
    assert.equal(formatPrefix(utunDefault.prefix), '::/0');
    assert.equal(formatAddress(utunDefault.nexthops[0]?.gateway ?? { family: 6, words: [0, 0, 0, 0] }), 'fe80::');
    assert.equal(utunDefault.nexthops[0]?.device, 'utun0');
    assert.equal(onLine(a, 25).type, 'local');
    assert.equal(onLine(a, 27).type, 'local');
    assert.equal(formatPrefix(onLine(a, 39).prefix), 'ff01::/32');
  });

  test('lookups', () => {
    assert.equal(route(a, '8.8.8.8'), 'forward 0.0.0.0/0 en0 via 192.168.1.1 line 5');
    assert.equal(route(a, '192.168.1.77'), 'forward 192.168.1.0/24 en0 line 9');
    assert.equal(route(a, '127.0.0.1'), 'local 127.0.0.1/32 lo0 line 7');
    // The ARP entry is scoped (I); unbound traffic uses the /32 cloning route.
    assert.equal(route(a, '192.168.1.1'), 'forward 192.168.1.1/32 en0 line 10');
    assert.equal(route(a, '224.0.0.251'), 'multicast 224.0.0.0/4 en0 line 15');
    // The utun defaults are scoped; en0's is the one unbound sockets use.
    assert.equal(route(a, '2606:4700::1111'), 'forward ::/0 en0 via fe80::b2be:76ff:fe11:2233 line 24');
    const scoped = onLine(a, 22);
    assert.ok(lookup(a, '2606:4700::1111').lost.some((l) => l.route === scoped && l.reason.includes('scoped')));
    assert.equal(route(a, '2001:db8:5:100::99'), 'forward 2001:db8:5:100::/64 en0 line 26');
  });
});

describe('macOS netstat -rn with a VPN', () => {
  test('wg-quick: the physical default is shadowed, the endpoint is an expected exception', () => {
    const a = fixture('macos/wg-quick-full-tunnel.txt');
    assert.equal(a.document.os, 'macos');
    assert.deepEqual(a.document.sections.map((s) => [s.format, s.startLine, s.command]), [['macos-netstat', 0, 'sudo netstat -nr -f inet']]);
    assert.deepEqual(findings(a), ['shadowed-route@7 warning', 'split-tunnel-exception@18 information']);
    assert.equal(route(a, '1.1.1.1'), 'forward 0.0.0.0/1 utun3 line 6');
    assert.equal(route(a, '200.1.1.1'), 'forward 128.0.0.0/1 utun3 line 12');
    assert.equal(route(a, '203.0.113.7'), 'forward 203.0.113.7/32 en0 via 192.168.1.1 line 18');
    assert.equal(route(a, '192.168.1.20'), 'forward 192.168.1.0/24 en0 line 14');
    assert.ok(a.tunnels.isTunnel(lookup(a, '1.1.1.1').nexthops[0]?.device));
    // wg-quick adds its routes with -interface: the gateway column names the interface.
    assert.equal(onLine(a, 6).attributes.gateway, 'utun3');
    assert.equal(onLine(a, 6).proto, undefined);
    assert.ok(onLine(a, 8).flags.includes('scoped'));
  });

  test('OpenVPN def1: a routed-around subnet leaks, the server route is expected', () => {
    const a = fixture('macos/openvpn-def1.txt');
    assert.deepEqual(findings(a), [
      'shadowed-route@6 warning', 'split-tunnel-exception@14 warning', 'split-tunnel-exception@18 information',
    ]);
    assert.equal(route(a, '8.8.8.8'), 'forward 0.0.0.0/1 utun3 via 10.8.0.1 line 5');
    assert.equal(route(a, '172.16.50.9'), 'forward 172.16.50.0/24 en0 via 192.168.1.1 line 14');
    assert.equal(route(a, '10.8.0.1'), 'forward 10.8.0.1/32 utun3 via 10.8.0.5 line 8');
  });

  test('a VPN that is the primary interface: its unscoped default wins, the physical one is scoped', () => {
    const a = fixture('macos/vpn-primary-scoped-default.txt');
    assert.deepEqual(findings(a), []);
    assert.equal(route(a, '1.1.1.1'), 'forward 0.0.0.0/0 utun3 line 5');
    // Cloned host routes are scoped (I): unbound traffic still takes the default.
    assert.equal(route(a, '8.8.8.8'), 'forward 0.0.0.0/0 utun3 line 5');
    assert.equal(route(a, '172.20.10.5'), 'forward 172.20.10.0/28 en0 line 12');
    assert.equal(onLine(a, 7).attributes.expire, '11');
  });
});

describe('macOS netstat variants', () => {
  test('older macOS with Refs and Use columns, after a prompt', () => {
    const a = fixture('macos/high-sierra-refs-use.txt');
    assert.equal(a.document.format, 'macos-netstat');
    assert.deepEqual(a.document.sections.map((s) => [s.format, s.startLine, s.command]), [['macos-netstat', 0, 'netstat -rn']]);
    assert.deepEqual(findings(a), []);
    const arp = onLine(a, 8);
    assert.deepEqual([arp.attributes.refs, arp.attributes.use, arp.attributes.expire], ['34', '428', '1164']);
    assert.equal(route(a, '172.20.1.1'), 'forward 172.16.0.0/12 en1 via 10.0.1.250 line 14');
    assert.equal(route(a, '10.0.1.12'), 'local 10.0.1.12/32 lo0 line 9');
    assert.equal(route(a, '192.168.99.3'), 'forward 192.168.99.0/24 vboxnet0 line 15');
  });

  test('`-f inet6` makes `default` an IPv6 route even without the Internet6 line', () => {
    const a = analyze(['$ netstat -nr -f inet6', 'Routing tables', 'Destination   Gateway   Flags   Netif Expire', '::/1   link#18   UCSg   utun4', 'default   link#18   UCSg   utun4'].join('\n'));
    assert.deepEqual(a.document.routes.map((r) => formatPrefix(r.prefix)), ['::/1', '::/0']);
  });

  test('wg-quick routes printed with an interface as gateway (no G)', () => {
    const a = analyze(['Routing tables', '', 'Internet:', '0/1                utun0              UScg           utun0', 'default            link#25            UCSIg          utun0'].join('\n'));
    assert.equal(a.document.os, 'macos');
    assert.equal(route(a, '9.9.9.9'), 'forward 0.0.0.0/1 utun0 line 4');
  });
});
