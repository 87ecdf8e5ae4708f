import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { lookup } from './helpers';
import { findings, fixture, onLine, route } from './bsdNetstatFixtures';

describe('FreeBSD netstat -rn', () => {
  test('FreeBSD 14: blackhole, reject and local routes', () => {
    const a = fixture('bsd/freebsd14-vtnet.txt');
    assert.equal(a.document.format, 'freebsd-netstat');
    assert.equal(a.document.os, 'bsd');
    assert.deepEqual(a.document.sections.map((s) => [s.format, s.startLine, s.command]), [['freebsd-netstat', 0, 'netstat -rn']]);
    assert.deepEqual(findings(a), []);
    assert.equal(route(a, '8.8.8.8'), 'forward 0.0.0.0/0 vtnet0 via 192.168.122.1 line 6');
    assert.equal(route(a, '4.5.6.7'), 'blackhole 4.5.6.7/32 - line 7');
    assert.equal(route(a, '198.19.0.1'), 'unreachable 198.18.0.0/15 - line 11');
    assert.equal(route(a, '192.168.122.40'), 'local 192.168.122.40/32 lo0 line 10');
    assert.equal(route(a, '192.168.122.9'), 'forward 192.168.122.0/24 vtnet0 line 9');
    assert.equal(route(a, '::ffff:1.2.3.4'), 'unreachable ::ffff:0.0.0.0/96 - line 18');
    assert.equal(route(a, '2001:db8:40::9'), 'forward 2001:db8:40::/64 vtnet0 line 19');
    assert.equal(route(a, '2606:4700::1'), 'forward ::/0 vtnet0 via fe80::5054:ff:fe00:1 line 16');
    assert.equal(onLine(a, 7).nexthops.length, 0);
    assert.equal(onLine(a, 6).metricExplicit, false);
  });

  test('FreeBSD 13 WireGuard full tunnel; another FIB is not the active table', () => {
    const a = fixture('bsd/freebsd13-wireguard-fibs.txt');
    assert.equal(a.document.format, 'freebsd-netstat');
    assert.deepEqual(findings(a), ['shadowed-route@6 warning', 'split-tunnel-exception@13 information']);
    assert.equal(route(a, '8.8.8.8'), 'forward 0.0.0.0/1 wg0 via 10.66.0.1 line 5');
    assert.equal(route(a, '198.51.100.9'), 'forward 198.51.100.9/32 em0 via 10.0.2.2 line 13');
    assert.equal(route(a, '10.66.0.7'), 'forward 10.66.0.0/24 wg0 line 10');
    const fib1 = onLine(a, 19);
    assert.equal(fib1.table, 'fib 1');
    assert.notEqual(fib1.tableId, 254);
    const lost = lookup(a, '8.8.8.8').lost.find((l) => l.route === fib1);
    assert.match(lost?.reason ?? '', /not the active routing table/);
  });

  test('pfSense netstat -rWn: Use and Mtu columns, a blank Mtu, an OpenVPN client', () => {
    const a = fixture('bsd/pfsense-netstat-rnW.txt');
    assert.equal(a.document.format, 'freebsd-netstat');
    assert.deepEqual(findings(a), ['shadowed-route@7 warning', 'split-tunnel-exception@17 information']);
    assert.deepEqual([onLine(a, 6).attributes.use, onLine(a, 6).attributes.mtu], ['5321', '1500']);
    const blankMtu = onLine(a, 17);
    assert.deepEqual([blankMtu.attributes.use, blankMtu.attributes.mtu, blankMtu.nexthops[0]?.device], ['88', undefined, 'igb1']);
    assert.equal(route(a, '1.1.1.1'), 'forward 0.0.0.0/1 ovpnc1 via 10.8.8.1 line 6');
    assert.ok(a.tunnels.isTunnel('ovpnc1'));
    assert.equal(route(a, '198.51.100.100'), 'forward 198.51.100.100/32 igb1 line 16');
  });

  test('old FreeBSD: Refs and Use in IPv4 only, classful short forms, the => mark', () => {
    const a = fixture('bsd/freebsd6-refs-use-classful.txt');
    assert.equal(a.document.format, 'freebsd-netstat');
    assert.deepEqual(findings(a), []);
    assert.deepEqual([5, 6, 7, 9].map((l) => formatPrefix(onLine(a, l).prefix)), ['0.0.0.0/0', '10.1.0.0/16', '10.1.0.0/24', '192.168.0.0/24']);
    assert.equal(onLine(a, 6).attributes.duplicateKey, 'yes');
    assert.equal(route(a, '10.1.0.5'), 'forward 10.1.0.0/24 fxp0 via 192.168.0.253 line 7');
    assert.equal(route(a, '10.1.9.5'), 'forward 10.1.0.0/16 fxp0 via 192.168.0.254 line 6');
    assert.equal(route(a, '192.168.0.10'), 'local 192.168.0.10/32 lo0 line 11');
    assert.equal(onLine(a, 16).attributes.refs, undefined);
  });
});

describe('OpenBSD netstat -rn', () => {
  test('priorities are metrics: the lower one wins among equal prefixes', () => {
    const a = fixture('bsd/openbsd75-wireguard-priority.txt');
    assert.equal(a.document.format, 'openbsd-netstat');
    assert.equal(a.document.os, 'bsd');
    assert.deepEqual(findings(a), ['shadowed-route@7 warning', 'split-tunnel-exception@17 information']);
    assert.deepEqual([onLine(a, 6).metric, onLine(a, 7).metric], [2, 8]);
    assert.ok(onLine(a, 6).metricExplicit);
    assert.equal(route(a, '8.8.8.8'), 'forward 0.0.0.0/0 wg0 via 10.66.0.1 line 6');
    assert.equal(route(a, '198.51.100.9'), 'forward 198.51.100.9/32 em0 via 192.168.1.1 line 17');
    assert.equal(route(a, '192.168.1.10'), 'local 192.168.1.10/32 em0 line 15');
    assert.equal(route(a, '192.168.1.255'), 'broadcast 192.168.1.255/32 em0 line 16');
    assert.equal(route(a, '224.0.0.1'), 'unreachable 224.0.0.0/4 - line 8');
    assert.equal(route(a, '127.0.0.2'), 'unreachable 127.0.0.0/8 - line 11');
    assert.equal(route(a, '192.168.1.33'), 'forward 192.168.1.0/24 em0 line 13');
    assert.equal(onLine(a, 11).attributes.mtuLocked, 'yes');
    assert.deepEqual([onLine(a, 13).proto, onLine(a, 13).flags.includes('connected')], ['kernel', true]);
    assert.equal(formatPrefix(onLine(a, 26).prefix), 'fe80::/64');
    assert.equal(onLine(a, 26).nexthops[0]?.device, 'em0');
  });

  test('multipath (P) lines are one route with several next hops; Encap is skipped', () => {
    const a = fixture('bsd/openbsd-multipath-encap.txt');
    assert.equal(a.document.format, 'openbsd-netstat');
    assert.deepEqual(findings(a), ['multipath-route@5 hint', 'unknown-keyword@15 information']);
    const def = onLine(a, 5);
    assert.deepEqual(def.nexthops.map((h) => h.device), ['em0', 'em1']);
    assert.deepEqual([def.span.line, def.span.endLine], [4, 5]);
    assert.deepEqual(def.nexthops.map((h) => h.span.line), [4, 5]);
    assert.equal(a.document.routes.filter((r) => r.prefix.len === 0).length, 1);
    assert.equal(lookup(a, '8.8.8.8').nexthops.length, 2);
  });
});
