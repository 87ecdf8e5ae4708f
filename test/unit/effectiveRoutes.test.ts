import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { effectiveRoutesMarkdown, lineList, resolutionSummary, routeUse } from '../../server/src/core/explain/effectiveRoutes';
import { formatLabel } from '../../server/src/core/formats/formatNames';
import { L2TP, lookup, table } from './helpers';

describe('route use', () => {
  test('selected with its address count, shadowed with its winners, unsearched', () => {
    const t = table(L2TP, 'default dev wg0 table 51820');
    const uses = t.document.routes.map((r) => routeUse(t, r));
    assert.deepEqual(uses[0], { kind: 'selected', addresses: 4294967039n });
    assert.equal(uses[1]?.kind, 'shadowed');
    assert.deepEqual(uses[1]?.kind === 'shadowed' ? uses[1].winners.map((w) => w.id) : [], [0]);
    assert.deepEqual(uses[3], { kind: 'selected', addresses: 1n });
    assert.deepEqual(uses[4], { kind: 'unsearched' });
  });

  test('still correct when the shadowed-route rule is turned off', async () => {
    const { analyze } = await import('../../server/src/core/analyze');
    const t = analyze(L2TP, { disabledRules: ['shadowed-route'] });
    assert.equal(routeUse(t, t.document.routes[1]!).kind, 'shadowed');
  });
});

describe('resolution summary', () => {
  test('one line: where the address goes, tunnel or not, and the line of the route', () => {
    const t = table(L2TP);
    assert.equal(resolutionSummary(t, lookup(t, '8.8.8.8')), '8.8.8.8 → ppp0 (tunnel), line 1');
    assert.equal(resolutionSummary(t, lookup(t, '203.0.113.77')), '203.0.113.77 → eth0 via 192.168.101.1 (outside the tunnel), line 4');
    assert.equal(resolutionSummary(t, lookup(t, '192.168.101.5')), '192.168.101.5 → eth0 (outside the tunnel), line 3');
  });

  test('refusals, local delivery, no route, and tables without a tunnel', () => {
    const t = table('unreachable 192.0.2.0/24', 'local 10.0.0.5 dev eth0 table local', '10.0.0.0/24 dev eth0');
    assert.equal(resolutionSummary(t, lookup(t, '192.0.2.1')), '192.0.2.1 → unreachable: No route to host, line 1');
    assert.equal(resolutionSummary(t, lookup(t, '10.0.0.5')), '10.0.0.5 → this host (local), line 2');
    assert.equal(resolutionSummary(t, lookup(t, '10.0.0.7')), '10.0.0.7 → eth0, line 3');
    assert.equal(resolutionSummary(t, lookup(t, '8.8.8.8')), '8.8.8.8 → no route: Network is unreachable');
  });
});

describe('effective routes', () => {
  test('L2TP: an overview table, the routes per interface, the never-selected route apart', () => {
    const md = effectiveRoutesMarkdown(table(L2TP));
    assert.match(md, /\| `ppp0` \| yes \(`ppp\*`\) \| 1 \| 4,294,967,039 \| — \|/);
    assert.match(md, /\| `eth0` \| no \| 2 \| 257 \| — \|/);
    assert.match(md, /\*\*`ppp0` · tunnel\*\*\n\n- line 1: `default dev ppp0[^`]*` → 4,294,967,039 addresses/);
    assert.match(md, /\*\*`eth0`\*\*\n\n- line 3: [^\n]* → 256 addresses\n- line 4: [^\n]* → 1 address/);
    assert.match(md, /\*\*Never selected\*\*\n\n- line 2: `default via 192\.168\.101\.1[^`]*`: shadowed by line 1$/);
  });

  test('routes without an interface, policy tables and an empty document', () => {
    const md = effectiveRoutesMarkdown(table('blackhole 10.0.0.0/8', 'default dev wg0 table 51820'));
    assert.match(md, /\*\*Without an interface\*\*\n\n- line 1: `blackhole 10\.0\.0\.0\/8` → 16,777,216 addresses \(blackhole\)/);
    assert.match(md, /- line 2: `default dev wg0 table 51820`: not searched without ip rule \(table 51820\)/);
    assert.match(effectiveRoutesMarkdown(table('# empty')), /No routes in this document\./);
  });

  test('long lists are cut', () => {
    const many = Array.from({ length: 80 }, (_, i) => `10.0.${i}.0/24 dev eth0`);
    assert.match(effectiveRoutesMarkdown(table(...many)), /- …and 30 more/);
  });

  test('line lists', () => {
    assert.equal(lineList([3]), 'line 3');
    assert.equal(lineList([1, 5]), 'lines 1 and 5');
    assert.equal(lineList([1, 5, 7]), 'lines 1, 5 and 7');
    assert.equal(lineList([1, 5, 7, 9, 9, 11]), 'lines 1, 5, 7 and 2 more');
  });
});

describe('format labels', () => {
  test('known formats have a human name; unknown ids stand for themselves', () => {
    assert.equal(formatLabel('linux-ip-route'), 'Linux ip route');
    assert.equal(formatLabel('binary'), 'Binary file');
    assert.equal(formatLabel('wireguard'), 'WireGuard config');
    assert.equal(formatLabel('cisco-show-ip-route'), 'cisco-show-ip-route');
    assert.equal(formatLabel('constructor'), 'constructor');
  });
});
