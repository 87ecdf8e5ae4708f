import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument as parseIpRoute } from '../../server/src/core/formats/parseDocument';
import { formatAddress } from '../../server/src/core/net/address';
import { formatPrefix } from '../../server/src/core/net/prefix';

const lines = (...l: string[]): string => l.join('\n');

describe('ip route parser', () => {
  test('reads every field of a plain route', () => {
    const doc = parseIpRoute('default via 192.168.101.1 dev eth0 proto dhcp src 192.168.101.23 metric 100 onlink');
    const [r] = doc.routes;
    assert.ok(r);
    assert.equal(formatPrefix(r.prefix), '0.0.0.0/0');
    assert.equal(r.type, 'unicast');
    assert.equal(r.table, 'main');
    assert.equal(r.metric, 100);
    assert.equal(r.proto, 'dhcp');
    assert.equal(formatAddress(r.src!), '192.168.101.23');
    assert.equal(formatAddress(r.nexthops[0]!.gateway!), '192.168.101.1');
    assert.equal(r.nexthops[0]!.device, 'eth0');
    assert.deepEqual(r.flags, ['onlink']);
    assert.deepEqual(r.prefixSpan, { line: 0, col: 0, endLine: 0, endCol: 7 });
    assert.deepEqual(doc.findings, []);
  });

  test('route types, tables and host routes from `ip route show table all`', () => {
    const doc = parseIpRoute(lines(
      'local 10.9.0.2 dev eth1 table local proto kernel scope host src 10.9.0.2',
      'broadcast 10.9.0.255 dev eth1 table local proto kernel scope link src 10.9.0.2',
      'blackhole 172.16.0.0/12',
      'unreachable 172.18.0.0/16 metric 5',
      'prohibit 172.19.0.0/16',
      'throw 172.17.0.0/16 table 100',
      'default via 10.9.0.1 dev eth1 table default',
      'multicast ff00::/8 dev eth0 table local proto kernel metric 256 pref medium',
      'anycast fe80:: dev eth0 table local proto kernel metric 0 pref medium',
    ));
    assert.deepEqual(doc.routes.map((r) => `${r.type} ${formatPrefix(r.prefix)} ${r.table}/${r.tableId}`), [
      'local 10.9.0.2/32 local/255',
      'broadcast 10.9.0.255/32 local/255',
      'blackhole 172.16.0.0/12 main/254',
      'unreachable 172.18.0.0/16 main/254',
      'prohibit 172.19.0.0/16 main/254',
      'throw 172.17.0.0/16 100/100',
      'unicast 0.0.0.0/0 default/253',
      'multicast ff00::/8 local/255',
      'anycast fe80::/128 local/255',
    ]);
    assert.equal(doc.routes[2]!.nexthops.length, 0);
    assert.deepEqual(doc.findings, []);
  });

  test('IPv6 defaults: family from the prompt, the gateway, or `pref`; metric 1024 when absent', () => {
    const doc = parseIpRoute(lines(
      '$ ip -6 route',
      'default dev wg0 metric 1',
      '$ ip route show table all',
      'default via fe80::1 dev eth0 proto ra metric 100 expires 1790sec pref medium',
      'unreachable default dev lo proto kernel metric 4294967295 error -101 pref medium',
      'default via inet6 fe80::1 dev eth0',
      '2001:db8::/64 dev eth0',
    ));
    assert.deepEqual(doc.routes.map((r) => formatPrefix(r.prefix)), ['::/0', '::/0', '::/0', '0.0.0.0/0', '2001:db8::/64']);
    assert.equal(doc.routes[2]!.metric, 4294967295);
    assert.equal(doc.routes[4]!.metric, 1024);
    assert.equal(doc.routes[1]!.attributes.expires, '1790sec');
    assert.deepEqual(doc.findings, []);
  });

  test('the table named by the pasted command applies to lines that omit it', () => {
    const doc = parseIpRoute(lines('user@gw:~$ sudo ip route show table 51820', 'default dev wg0 scope link', '# comment', '$ ip route', 'default via 10.0.0.1 dev eth0'));
    assert.deepEqual(doc.routes.map((r) => r.table), ['51820', 'main']);
  });

  test('multipath continuation lines become next hops, and the span covers them', () => {
    const doc = parseIpRoute(lines(
      'default proto static metric 100 ',
      '\tnexthop via 10.0.0.1 dev eth0 weight 1 ',
      '\tnexthop via 10.0.1.1 dev eth1 weight 3 dead linkdown',
      '10.5.0.0/16 via 10.0.0.1 dev eth0',
    ));
    const [r, next] = doc.routes;
    assert.equal(r!.nexthops.length, 2);
    assert.equal(r!.nexthops[1]!.weight, 3);
    assert.deepEqual(r!.nexthops[1]!.flags, ['dead', 'linkdown']);
    assert.equal(r!.span.endLine, 2);
    assert.equal(next!.span.line, 3);
  });

  test('spans, tables and rare attributes read from the compact route records', () => {
    const doc = parseIpRoute(lines(
      'default proto static metric 100 table 51820',
      '\tnexthop via 10.0.0.1 dev eth0 weight 1',
      '\tnexthop via 10.0.1.1 dev eth1 weight 3',
      '  10.5.0.0/16 via 10.0.0.1 dev eth0 tos 0x10 mtu 1400 onlink # note',
      '2001:db8::/32 dev wg0',
    ));
    const [multi, plain, v6] = doc.routes;
    assert.deepEqual(multi!.span, { line: 0, col: 0, endLine: 2, endCol: 39 });
    assert.deepEqual(multi!.prefixSpan, { line: 0, col: 0, endLine: 0, endCol: 7 });
    assert.deepEqual(multi!.nexthops.map((h) => h.span), [
      { line: 1, col: 1, endLine: 1, endCol: 39 },
      { line: 2, col: 1, endLine: 2, endCol: 39 },
    ]);
    assert.deepEqual([multi!.table, multi!.tableId, multi!.family, multi!.tos, multi!.flags, multi!.attributes], ['51820', 51820, 4, undefined, [], {}]);
    assert.deepEqual(plain!.span, { line: 3, col: 2, endLine: 3, endCol: 60 });
    assert.deepEqual(plain!.nexthops[0]!.span, plain!.span);
    assert.deepEqual(plain!.prefixSpan, { line: 3, col: 2, endLine: 3, endCol: 13 });
    assert.deepEqual([plain!.table, plain!.tos, plain!.flags, plain!.attributes], ['main', '0x10', ['onlink'], { mtu: '1400' }]);
    assert.equal(plain!.text, '10.5.0.0/16 via 10.0.0.1 dev eth0 tos 0x10 mtu 1400 onlink');
    assert.deepEqual([v6!.family, v6!.metric, v6!.metricExplicit, v6!.nexthops[0]!.flags], [6, 1024, false, []]);
  });

  test('older spacing, mtu lock, nhid, encap and trailing comments', () => {
    const doc = parseIpRoute(lines(
      'default via 10.0.0.1 dev eth0  proto static  metric 100 ',
      '10.1.0.0/16 nhid 12 via 10.0.0.1 dev eth0 mtu lock 1400 advmss 1360 # corporate',
      '10.2.0.0/16  encap mpls  200/300 via 10.0.0.1 dev eth0',
      '10.3.0.0/16 dev eth0 scope link linkdown',
    ));
    assert.equal(doc.routes.length, 4);
    assert.equal(doc.routes[1]!.attributes.mtu, '1400');
    assert.equal(doc.routes[1]!.attributes.nhid, '12');
    assert.equal(doc.routes[2]!.attributes.encap, 'mpls 200/300');
    assert.equal(doc.routes[2]!.nexthops[0]!.device, 'eth0');
    assert.deepEqual(doc.findings, []);
  });

  test('unknown keywords are kept and reported, never fatal', () => {
    const doc = parseIpRoute('10.0.0.0/8 via 10.0.0.1 dev eth0 frobnicate 7 metric 5');
    assert.equal(doc.routes[0]!.attributes.frobnicate, '7');
    assert.equal(doc.routes[0]!.metric, 5);
    assert.deepEqual(doc.findings.map((f) => [f.code, f.severity, f.span.col, f.span.endCol]), [['unknown-keyword', 'information', 33, 45]]);
  });

  test('bad lines get a parse error at the exact range and the rest is still read', () => {
    const doc = parseIpRoute(lines(
      '10.0.0.300/24 dev eth0',
      'hello world',
      '10.1.0.0/16 via 10.0.0.1 dev eth0 metric lots',
      '10.2.0.0/16 via nowhere dev eth0',
      '10.3.0.0/16 via 10.0.0.1 dev',
      '10.4.0.1/16 dev eth0',
      'default via 10.0.0.1 dev eth0',
    ));
    assert.deepEqual(doc.findings.map((f) => [f.code, f.span.line, f.span.col, f.span.endCol]), [
      ['parse-error', 0, 0, 13],
      ['parse-error', 1, 0, 11],
      ['parse-error', 2, 41, 45],
      ['parse-error', 3, 16, 23],
      ['parse-error', 4, 25, 28],
      ['invalid-prefix', 5, 0, 11],
    ]);
    assert.deepEqual(doc.routes.map((r) => formatPrefix(r.prefix)), ['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16', '0.0.0.0/0']);
  });

  test('CRLF, CR, BOM and tabs keep lines and columns exact', () => {
    const doc = parseIpRoute('\ufeffdefault dev ppp0\r\n10.0.0.0/8\tvia 10.0.0.1 dev eth0\r10.1.0.0/16 dev eth1\n');
    assert.deepEqual(doc.routes.map((r) => [r.span.line, r.prefixSpan.col]), [[0, 1], [1, 0], [2, 0]]);
    assert.deepEqual(doc.findings, []);
  });

  test('a 10 MB line is one finding with a short message', () => {
    const doc = parseIpRoute(`10.0.0.0/8 dev eth0 ${'x'.repeat(10_000_000)}`);
    assert.equal(doc.routes.length, 1);
    assert.ok(doc.findings.every((f) => f.message.length < 200));
  });

  test('columns too far right to pack into one number keep their exact spans', () => {
    const pad = ' '.repeat(1100);
    const long = `10.2.0.0/16 dev eth0 ${'mtu 1500 '.repeat(300)}`.trimEnd();
    const doc = parseIpRoute([`${pad}10.1.0.0/16 dev eth0`, long, `10.3.0.0/16 dev eth0 proto kernel`, `${'1'.repeat(1030)}`].join('\n'));
    const [indented, wide, plain] = doc.routes;
    assert.deepEqual(indented?.prefixSpan, { line: 0, col: 1100, endLine: 0, endCol: 1111 });
    assert.deepEqual(indented?.span, { line: 0, col: 1100, endLine: 0, endCol: 1120 });
    assert.deepEqual(wide?.prefixSpan, { line: 1, col: 0, endLine: 1, endCol: 11 });
    assert.deepEqual(wide?.span, { line: 1, col: 0, endLine: 1, endCol: long.length });
    assert.deepEqual(plain?.span, { line: 2, col: 0, endLine: 2, endCol: 33 });
    assert.deepEqual(plain?.nexthops[0]?.span, plain?.span);
    assert.deepEqual(doc.findings.map((f) => [f.code, f.span.line, f.span.col, f.span.endCol]).filter(([, line]) => line === 3), [['parse-error', 3, 0, 1030]]);
  });
});
