import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Analysis } from '../../server/src/core/analyze';
import { type StepResult, analysisSteps, drain } from '../../server/src/core/analysisSteps';
import { parseDocument } from '../../server/src/core/formats/parseDocument';
import { incrementalSteps, reanalysis } from '../../server/src/core/incremental';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { documentValues } from './helpers';
import { randomTable, randomLine, seeded } from './scaleHelpers';

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

const PHYSICAL = ['eth0', 'eth1', 'wlan0'];
const TUNNELS = ['ppp0', 'wg0', 'tun0'];

/**
 * A route line aimed at the whole-table rules: connected LAN subnets on both kinds of device, routes into
 * tunnels that overlap them, gateways on and off those subnets, DHCP and RA routes, host routes through
 * gateways (VPN server exceptions), multipath routes and defaults with tied metrics.
 */
function ruleLine(next: () => number): string {
  const net = Math.floor(next() * 4);
  const r = next();
  const metric = pick(next, ['', ' metric 100', ' metric 100', ' metric 50', ' metric 600']);
  const table = next() < 0.1 ? ` table ${pick(next, ['100', 'main', 'default'])}` : '';
  if (r < 0.15) return `10.0.${net}.0/${pick(next, [16, 24, 24, 25])} dev ${pick(next, [...PHYSICAL, ...TUNNELS])} proto kernel scope link src 10.0.${net}.2${table}${metric}`;
  if (r < 0.25) return `192.168.${net}.0/24 dev ${pick(next, PHYSICAL)} proto ${pick(next, ['kernel', 'static'])} scope link${metric}`;
  if (r < 0.4) return `${pick(next, ['10.0.0.0/8', `10.0.${net}.0/24`, `10.0.${net}.128/25`, `192.168.${net}.0/23`, '192.168.0.0/16', `172.16.${net}.0/24`])} ${next() < 0.5 ? `via 10.0.${net}.${pick(next, [1, 1, 200])} ` : ''}dev ${pick(next, TUNNELS)} proto static${table}${metric}`;
  if (r < 0.52) return `${pick(next, [`10.0.${net}.${Math.floor(next() * 256)}`, `172.16.${net}.0/24`, '198.51.100.0/24', `10.0.${net}.64/26`])} via ${pick(next, [`10.0.${net}.1`, '10.0.9.1', `192.168.${net}.1`])} dev ${pick(next, [...PHYSICAL, ...TUNNELS])} proto dhcp${next() < 0.1 ? ' onlink' : ''}${table}${metric}`;
  if (r < 0.58) return `2001:db8:${net}::/64 via fe80::1 dev ${pick(next, PHYSICAL)} proto ra metric 1024`;
  if (r < 0.68) return `203.0.113.${Math.floor(next() * 4)} via ${pick(next, [`10.0.${net}.1`, `192.168.${net}.1`, '10.0.9.1'])} dev ${pick(next, [...PHYSICAL, 'ppp0'])} proto static${table}${metric}`;
  if (r < 0.76) return `default ${next() < 0.6 ? `via 10.0.${net}.1 ` : ''}dev ${pick(next, [...PHYSICAL, ...TUNNELS])} proto ${pick(next, ['static', 'dhcp'])}${table}${metric}`;
  if (r < 0.82) return `    nexthop via 10.0.${net}.1 dev ${pick(next, [...PHYSICAL, ...TUNNELS])} weight ${1 + Math.floor(next() * 3)}`;
  if (r < 0.86) return `10.${net}.0.0/16 proto static${metric}`;
  return randomLine(next);
}

const RULES_SECTION = ['$ ip rule', '0:\tfrom all lookup local', '100:\tfrom all lookup main suppress_prefixlength 0',
  '200:\tnot from all fwmark 0xca6c lookup 100', '32766:\tfrom all lookup main', '32767:\tfrom all lookup default', '', '$ ip route show table all'];

/** Everything an analysis shows, with routes as ids in each trie list, so two analyses compare in full. */
function snapshot(analysis: Analysis): unknown {
  const stages = [4, 6].flatMap((family) => analysis.tables.defaultStages(family as 4 | 6).map((stage) =>
    [...stage.trie.entries()].map((e) => `${formatPrefix(e.prefix)}=${e.value.map((r) => r.id).join(',')}`).sort()));
  return { document: documentValues(analysis.document), findings: analysis.findings, stages };
}

function full(text: string): StepResult {
  return drain(analysisSteps(text));
}

describe('incremental analysis', () => {
  test('equals a full analysis after random edits, and reuses the previous one for most of them', () => {
    const next = seeded(11);
    let reused = 0;
    let edits = 0;
    for (let doc = 0; doc < 12; doc++) {
      const lines = randomTable(next, 150 + Math.floor(next() * 150));
      const eol = next() < 0.2 ? '\r\n' : '\n';
      let current = full(lines.join(eol));
      for (let step = 0; step < 25; step++) {
        const at = Math.floor(next() * lines.length);
        const count = next() < 0.8 ? 1 : 1 + Math.floor(next() * 3);
        for (let i = at; i < Math.min(lines.length, at + count); i++) lines[i] = randomLine(next);
        const text = lines.join(eol);
        edits++;
        const before = current;
        current = drain(incrementalSteps(current, text));
        // A reused analysis takes over the previous line list.
        if (current.base.lines === before.base.lines) reused++;
        assert.deepEqual(snapshot(current.analysis), snapshot(full(text).analysis), `document ${doc}, edit ${step}`);
      }
    }
    assert.ok(reused > edits / 3, `only ${reused} of ${edits} edits were incremental`);
  });

  test('equals a full analysis after edits to tunnels, LANs, gateways, defaults, DHCP routes and rules', () => {
    const next = seeded(23);
    const seen = new Set<string>();
    let reused = 0;
    let edits = 0;
    for (let doc = 0; doc < 16; doc++) {
      const withRules = doc % 4 === 3;
      const lines = [...(withRules ? [...RULES_SECTION, 'default dev wg0 table 100 proto static scope link'] : []), 'default dev ppp0 proto static scope link metric 50',
        'default via 10.0.0.1 dev eth0 proto dhcp metric 100', '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2'];
      const size = 120 + Math.floor(next() * 120);
      while (lines.length < size) lines.push(next() < 0.7 ? ruleLine(next) : randomLine(next));
      const head = withRules ? RULES_SECTION.length + 1 : 0;
      let current = full(lines.join('\n'));
      for (let step = 0; step < 30; step++) {
        const at = head + Math.floor(next() * (lines.length - head));
        const count = next() < 0.85 ? 1 : 2;
        for (let i = at; i < Math.min(lines.length, at + count); i++) lines[i] = ruleLine(next);
        const text = lines.join('\n');
        edits++;
        const before = current;
        current = drain(incrementalSteps(current, text));
        if (current.base.lines === before.base.lines) reused++;
        const expected = full(text).analysis;
        for (const finding of expected.findings) {
          seen.add(finding.code);
          if (finding.code === 'tunnelvision-leak' && finding.message.includes(' looks up table ')) seen.add('tunnelvision-leak by policy');
        }
        assert.deepEqual(snapshot(current.analysis), snapshot(expected), `document ${doc}, edit ${step}`);
      }
    }
    assert.ok(reused > edits / 3, `only ${reused} of ${edits} edits were incremental`);
    for (const code of ['vpn-lan-overlap', 'gateway-not-on-link', 'equal-metric-defaults', 'tunnelvision-leak', 'endpoint-loop',
      'tunnelvision-leak by policy', 'multipath-route', 'shadowed-policy-rule', 'unreachable-table', 'split-tunnel-exception', 'shadowed-route']) {
      assert.ok(seen.has(code), `no edit led to a ${code} finding: [${[...seen].join(', ')}]`);
    }
  });

  test('an analysis is the starting point of one edit only', () => {
    const lines = randomTable(seeded(9), 120);
    const before = full(lines.join('\n'));
    lines[100] = '10.9.9.0/24 via 10.0.0.1 dev eth0 metric 7';
    const text = lines.join('\n');
    assert.ok(reanalysis(before, text));
    assert.equal(reanalysis(before, text), undefined);
    assert.deepEqual(snapshot(drain(incrementalSteps(before, text)).analysis), snapshot(full(text).analysis));
  });

  test('an edit that adds a line is analysed in full, with the same result', () => {
    const lines = randomTable(seeded(3), 80);
    const before = full(lines.join('\n'));
    lines.splice(40, 0, '10.9.9.0/24 via 10.0.0.1 dev eth0');
    const text = lines.join('\n');
    assert.equal(reanalysis(before, text), undefined);
    assert.deepEqual(snapshot(drain(incrementalSteps(before, text)).analysis), snapshot(full(text).analysis));
  });

  test('reading `ip route` output in pieces equals parseDocument, with every line-break style', () => {
    const next = seeded(5);
    for (let doc = 0; doc < 5; doc++) {
      const lines = randomTable(next, 40000);
      const text = lines.join(['\n', '\r\n', '\r'][doc % 3] as string);
      assert.deepEqual(documentValues(full(text).analysis.document), documentValues(parseDocument(text)));
    }
  });
});
