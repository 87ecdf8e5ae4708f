import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseIpRoute, startsRoute } from '../../server/src/core/formats/ipRoute';
import { FastRouteReader } from '../../server/src/core/formats/ipRouteFast';
import { splitLines } from '../../server/src/core/formats/tokens';
import type { Finding, NextHop, Route } from '../../server/src/core/model';
import { formatAddress } from '../../server/src/core/net/address';
import { formatPrefix } from '../../server/src/core/net/prefix';

interface Parsed {
  readonly routes: Route[];
  readonly findings: Finding[];
}

function parse(text: string, fast: boolean, start = 0, end?: number): Parsed {
  const lines = splitLines(text);
  const routes: Route[] = [];
  const findings: Finding[] = [];
  parseIpRoute({ lines, start, end: end ?? lines.length }, {
    nextRouteId: () => routes.length,
    route: (r) => routes.push(r),
    finding: (f) => findings.push(f),
    interface: () => undefined,
    rule: () => undefined,
  }, fast);
  return { routes, findings };
}

/** Every field a consumer can read, getters included, as plain data. */
function hopData(h: NextHop): unknown {
  return { gateway: h.gateway && formatAddress(h.gateway), device: h.device, weight: h.weight, flags: [...h.flags], span: h.span };
}

function routeData(r: Route): unknown {
  return {
    id: r.id, family: r.family, prefix: formatPrefix(r.prefix), type: r.type, table: r.table, tableId: r.tableId,
    metric: r.metric, metricExplicit: r.metricExplicit, proto: r.proto, scope: r.scope, src: r.src && formatAddress(r.src),
    tos: r.tos, nexthops: r.nexthops.map(hopData), flags: [...r.flags], attributes: { ...r.attributes },
    span: r.span, prefixSpan: r.prefixSpan, text: r.text,
  };
}

/** Parses both ways, checks they agree, and says how many lines the fast reader took. */
function bothWays(text: string): { parsed: Parsed; fastLines: number } {
  const read = FastRouteReader.prototype.read;
  let fastLines = 0;
  FastRouteReader.prototype.read = function (this: FastRouteReader, ...args: Parameters<typeof read>): boolean {
    const taken = read.apply(this, args);
    if (taken) fastLines++;
    return taken;
  };
  let parsed: Parsed;
  try {
    parsed = parse(text, true);
  } finally {
    FastRouteReader.prototype.read = read;
  }
  const general = parse(text, false);
  assert.deepEqual(parsed.routes.map(routeData), general.routes.map(routeData));
  assert.deepEqual(parsed.findings, general.findings);
  return { parsed, fastLines };
}

const TRICKY = [
  'default via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.23 metric 100',
  '10.0.0.0/8 via 10.0.0.1 dev eth0 onlink',
  '10.1.0.0/16 dev eth1 scope link linkdown onlink',
  'local 10.9.0.2 dev eth1 table local proto kernel scope host src 10.9.0.2',
  'broadcast 10.9.0.255 dev eth1 table local proto kernel scope link src 10.9.0.2',
  'unreachable 172.18.0.0/16 metric 5',
  'blackhole 172.16.0.0/12',
  'throw 172.17.0.0/16 table 100',
  'default via 10.9.0.1 dev eth1 table default',
  'default via 10.9.0.1 dev eth1 table nosuchtable',
  'fe80::/64 dev eth0 proto kernel metric 256 pref medium',
  'default via fe80::1 dev eth0 proto ra metric 1024 expires 1790sec pref medium',
  'default via inet6 fe80::1 dev eth0',
  'default via inet 10.0.0.1 dev eth0',
  'default via inet6 10.0.0.1 dev eth0',
  'default dev wg0 pref high',
  '2001:db8::/32 dev wg0',
  '2001:db8::1/32 dev wg0',
  '10.2.0.0/16 via 10.0.0.1 dev eth0 metric 4294967295',
  '10.3.0.0/16 via 10.0.0.1 dev eth0 metric 4294967296',
  '10.4.0.0/16 via 10.0.0.1 dev eth0 metric 01',
  '10.5.0.0/16 via 10.0.0.1 dev eth0 metric',
  '10.6.0.0/16 via 10.0.0.1 dev eth0 # a note',
  '10.7.0.0/16 via 10.0.0.1 dev eth0#not-a-comment',
  '10.8.0.0/16\tvia 10.0.0.1\tdev eth0\t',
  '10.9.0.0/16 via 10.0.0.1 dev eth0   ',
  '10.10.0.0/16 dev eth0 table 4294967295 metric 0',
  'anycast fe80::/128 dev eth0 table local proto kernel metric 0 pref medium',
  '255.255.255.255 dev eth0 scope link',
  'broadcast 10.255.255.255 dev eth0 table local proto kernel scope link src 10.0.0.2',
  '10.10.0.1/16 dev eth0',
  '10.11.0.300/24 dev eth0',
  '010.12.0.0/16 dev eth0',
  '10.13.0.0/08 dev eth0',
  '10.14.0.0/33 dev eth0',
  'hello world',
  'local',
  '10.15.0.0/16 via nowhere dev eth0',
  '10.16.0.0/16 via 10.0.0.01 dev eth0',
  '10.17.0.0/16 via',
  '10.18.0.0/16 via 10.0.0.1 dev',
  '10.19.0.0/16 dev via',
  '10.20.0.0/16 dev eth0 dev eth1 proto a proto b scope x',
  '10.21.0.0/16 via 10.0.0.1 dev eth0 weight 3',
  '10.22.0.0/16 via 10.0.0.1 dev eth0 frobnicate 7 metric 5',
  '10.23.0.0/16 nhid 12 via 10.0.0.1 dev eth0 mtu lock 1400 advmss 1360',
  '10.24.0.0/16 encap mpls 200/300 via 10.0.0.1 dev eth0',
  '10.25.0.0/16 dev eth0 protocol static src 10.0.0.9',
  'all dev eth0',
  `10.26.0.0/16 dev ${'x'.repeat(300)}`,
  '10.27.0.0/16 dev eth0 \\',
  'nexthop via 10.0.0.1 dev eth0',
  'unicast 10.28.0.0/16 dev eth0 tos 0x10',
  'default proto static metric 100',
  '\tnexthop via 10.0.0.1 dev eth0 weight 1',
  '\tnexthop via 10.0.1.1 dev eth1 weight 3 dead linkdown',
  'default via 10.0.0.1 dev eth0 onlink',
  '    cache expires 300sec',
  '10.29.0.0/16 via 10.0.0.1 dev eth0',
  '\tnexthop via 10.0.1.1 dev eth1',
  '  10.30.0.0/16 via 10.0.0.1 dev eth0',
  '$ ip -6 route',
  'default dev wg0 metric 1',
  'default dev wg0 src 10.0.0.1',
  'user@gw:~$ sudo ip route show table 51820',
  'default dev wg0 scope link',
  '# comment',
  '10.31.0.0/16 dev eth\u00a0x',
];

describe('ip route fast reader', () => {
  test('reads every tricky line exactly as the general reader does', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const { parsed, fastLines } = bothWays(TRICKY.join(eol));
      assert.ok(parsed.routes.length > 40);
      assert.ok(fastLines >= 25, `fast lines ${fastLines}`);
    }
  });

  test('each line on its own, after a multipath route, agrees both ways', () => {
    for (const line of TRICKY) bothWays(['default proto static', '\tnexthop via 10.0.0.1 dev eth0', line, '\tnexthop dev eth2'].join('\n'));
  });

  test('a plain route is its own next hop, spans and all', () => {
    const { parsed, fastLines } = bothWays('10.0.0.0/8 via 10.0.0.1 dev eth0 proto bird metric 20\n10.1.0.0/16 dev eth1 onlink\n');
    assert.equal(fastLines, 2);
    const [plain, flagged] = parsed.routes;
    const hops = plain!.nexthops;
    assert.equal(hops.length, 1);
    assert.equal(hops[0], plain);
    // Reading another route's hops in between leaves each list as it was.
    assert.equal(flagged!.nexthops.length, 1);
    assert.deepEqual([hops.length, hops[0], plain!.nexthops[0]], [1, plain, plain]);
    assert.deepEqual(hops[0]!.span, { line: 0, col: 0, endLine: 0, endCol: 53 });
    assert.deepEqual([hops[0]!.weight, hops[0]!.flags, hops[0]!.device], [1, [], 'eth0']);
    // Route flags are not the hop's: such a route keeps a hop of its own, the same one on every read.
    assert.notEqual(flagged!.nexthops[0], flagged);
    assert.equal(flagged!.nexthops[0], flagged!.nexthops[0]);
    assert.deepEqual([flagged!.flags, flagged!.nexthops[0]!.flags], [['onlink'], []]);
  });

  test('IPv6 routes whose only rare part is `pref` share it, others keep their own', () => {
    const { parsed, fastLines } = bothWays(['fe80::/64 dev eth0 proto kernel metric 256 pref medium', '2001:db8::/32 via fe80::1 dev eth0 pref medium',
      '2001:db8:1::/48 dev eth0 pref medium onlink', '2001:db8:2::/48 dev eth0 pref medium expires 300sec', 'default dev eth1 pref high'].join('\n'));
    assert.equal(fastLines, 4);
    const [a, b, flagged, expiring, high] = parsed.routes;
    assert.deepEqual(parsed.routes.map((r) => [r.family, { ...r.attributes }, [...r.flags]]), [
      [6, { pref: 'medium' }, []], [6, { pref: 'medium' }, []], [6, { pref: 'medium' }, ['onlink']],
      [6, { pref: 'medium', expires: '300sec' }, []], [6, { pref: 'high' }, []],
    ]);
    assert.equal(a!.attributes, b!.attributes);
    assert.notEqual(flagged!.attributes, a!.attributes);
    assert.notEqual(expiring!.attributes, a!.attributes);
    assert.deepEqual([b!.nexthops[0]!.span, high!.nexthops[0]!.span], [b!.span, high!.span]);
  });

  test('reject routes have no next hops', () => {
    const { parsed } = bothWays('blackhole 10.0.0.0/8\nunreachable default');
    assert.deepEqual(parsed.routes.map((r) => r.nexthops.length), [0, 0]);
  });

  test('a section read in pieces that start where startsRoute says gives what reading it whole gives', () => {
    // Prompts open sections of their own, so pieces stop before the first.
    const text = TRICKY.slice(0, TRICKY.indexOf('$ ip -6 route')).join('\n');
    const lines = splitLines(text);
    const whole = parse(text, true);
    const starts = lines.map((l, i) => (startsRoute(l) ? i : -1)).filter((i) => i > 0);
    const routes: unknown[] = [];
    const findings: Finding[] = [];
    [0, ...starts].forEach((start, k) => {
      const piece = parse(text, true, start, starts[k] ?? lines.length);
      routes.push(...piece.routes.map((r) => ({ ...(routeData(r) as object), id: 0 })));
      findings.push(...piece.findings);
    });
    assert.deepEqual(routes, whole.routes.map((r) => ({ ...(routeData(r) as object), id: 0 })));
    assert.deepEqual(findings, whole.findings);
  });
});
