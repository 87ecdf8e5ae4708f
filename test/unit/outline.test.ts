import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type OutlineSymbol, buildOutline } from '../../server/src/core/explain/outline';
import type { Span } from '../../server/src/core/model';
import { L2TP, table } from './helpers';

const TABLE_ALL = [
  '$ ip route show table all',
  'default via 10.0.0.1 dev eth0 proto dhcp metric 100',
  'blackhole 198.51.100.0/24 proto static',
  'default via 10.0.0.254 dev eth0 table 100 proto static',
  'local 10.0.0.5 dev eth0 table local proto kernel scope host src 10.0.0.5',
  '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5 metric 100',
  'default proto ra metric 1024 pref medium',
  '\tnexthop via fe80::1 dev eth0 weight 1',
  '\tnexthop via fe80::2 dev eth1 weight 2',
];

/** `name (detail)` for each symbol, nested as a tree of strings. */
function shape(symbols: readonly OutlineSymbol[]): unknown[] {
  return symbols.map((s) => (s.children.length > 0 ? [`${s.name} (${s.detail})`, shape(s.children)] : `${s.name} (${s.detail})`));
}

function contains(outer: Span, inner: Span): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number): boolean => l1 < l2 || (l1 === l2 && c1 <= c2);
  return before(outer.line, outer.col, inner.line, inner.col) && before(inner.endLine, inner.endCol, outer.endLine, outer.endCol);
}

function all(symbols: readonly OutlineSymbol[]): OutlineSymbol[] {
  return symbols.flatMap((s) => [s, ...all(s.children)]);
}

describe('outline', () => {
  test('L2TP: one table, the tunnel and the LAN interface, routes in document order', () => {
    assert.deepEqual(shape(buildOutline(table(L2TP))), [
      ['table main (4 routes)', [
        ['ppp0 (tunnel · 1 route)', ['default (dev ppp0 metric 50)']],
        ['eth0 (3 routes)', [
          'default (via 192.168.101.1 dev eth0 metric 100)',
          '192.168.101.0/24 (dev eth0 metric 100)',
          '203.0.113.77 (via 192.168.101.1 dev eth0 metric 100)',
        ]],
      ]],
    ]);
  });

  test('routes carry their spans, their kinds and whether they are ever selected', () => {
    const [main] = buildOutline(table(L2TP));
    const eth0 = main?.children[1];
    const [dhcp, lan] = eth0?.children ?? [];
    assert.equal(main?.kind, 'table');
    assert.equal(eth0?.kind, 'interface');
    assert.equal(dhcp?.kind, 'route');
    assert.equal(dhcp?.neverSelected, true);
    assert.equal(lan?.neverSelected, false);
    assert.deepEqual(dhcp?.selectionSpan, { line: 1, col: 0, endLine: 1, endCol: 7 });
    assert.deepEqual(eth0?.span, { line: 1, col: 0, endLine: 3, endCol: 63 });
  });

  test('table all: tables per family, routes without an interface under their table, multipath as one route', () => {
    assert.deepEqual(shape(buildOutline(table(...TABLE_ALL))), [
      ['table main · IPv4 (3 routes)', [
        ['eth0 (2 routes)', ['default (via 10.0.0.1 dev eth0 metric 100)', '10.0.0.0/24 (dev eth0 metric 100)']],
        '198.51.100.0/24 (blackhole)',
      ]],
      ['table 100 · IPv4 (1 route · needs an ip rule)', [['eth0 (1 route)', ['default (via 10.0.0.254 dev eth0)']]]],
      ['table local · IPv4 (1 route)', [['eth0 (1 route)', ['10.0.0.5 (local dev eth0)']]]],
      ['table main · IPv6 (1 route)', [
        ['eth0 + eth1 (1 route)', ['default (via fe80::1 dev eth0, via fe80::2 dev eth1 weight 2 metric 1024)']],
      ]],
    ]);
    const kinds = all(buildOutline(table(...TABLE_ALL))).filter((s) => s.name.includes('198.51') || s.name === '10.0.0.5').map((s) => s.kind);
    assert.deepEqual(kinds, ['special-route', 'special-route']);
  });

  test('every range holds its selection range and its children, even when tables interleave', () => {
    for (const symbol of all(buildOutline(table(...TABLE_ALL)))) {
      assert.ok(contains(symbol.span, symbol.selectionSpan), `${symbol.name}: selection outside range`);
      for (const child of symbol.children) assert.ok(contains(symbol.span, child.span), `${child.name} outside ${symbol.name}`);
    }
    const multipath = all(buildOutline(table(...TABLE_ALL))).find((s) => s.detail.includes('fe80::2'));
    assert.deepEqual(multipath?.span, { line: 6, col: 0, endLine: 8, endCol: 38 });
  });

  test('the limit keeps the first routes only', () => {
    const many = Array.from({ length: 50 }, (_, i) => `10.0.${i}.0/24 dev eth0`);
    const [main] = buildOutline(table(...many), 10);
    assert.equal(main?.children[0]?.children.length, 10);
    assert.deepEqual(buildOutline(table('# nothing here')), []);
  });
});
