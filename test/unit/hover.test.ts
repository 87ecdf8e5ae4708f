import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/explain/hover';
import { addressWordAt, lineOf } from '../../server/src/core/explain/tokenAt';
import { L2TP } from './helpers';

/** Hover where `|` marks the cursor in `marked`; the marker is removed before analysis. */
function hover(marked: string): string | undefined {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const line = before.length - 1;
  const character = (before[line] ?? '').length;
  return hoverAt(analyze(text), text.split('\n')[line] ?? '', line, character)?.markdown;
}

const l2tpWith = (line: number, needle: string): string => {
  const lines = L2TP.split('\n');
  const target = lines[line] ?? '';
  const at = target.indexOf(needle) + 1;
  lines[line] = `${target.slice(0, at)}|${target.slice(at)}`;
  return lines.join('\n');
};

describe('hover', () => {
  test('on the VPN server route: the route, the exception and where the range goes', () => {
    const md = hover(l2tpWith(3, '203.0.113.77'))!;
    assert.match(md, /\*\*Route, line 4\*\*/);
    assert.match(md, /eth0 via 192\.168\.101\.1/);
    assert.match(md, /VPN server/);
  });

  test('on the shadowed default: never selected, and by whom', () => {
    const md = hover(l2tpWith(1, 'default'))!;
    assert.match(md, /\*\*Never selected\.\*\*/);
    assert.match(md, /metric 50 beats 100/);
  });

  test('on an address elsewhere: the answer, the chain of decisions and the losers', () => {
    const md = hover(`${L2TP}\n# ping 8.8.|8.8 is slow`)!;
    assert.match(md, /\*\*8\.8\.8\.8\*\* → `ppp0` · \*\*through the tunnel\*\*/);
    assert.match(md, /default rules apply/);
    assert.match(md, /longest matching prefix is 0\.0\.0\.0\/0 \(line 1\)/);
    assert.match(md, /line 2: `default via 192\.168\.101\.1[^`]*`: same prefix, but metric 100 is worse than 50/);
  });

  test('on the gateway address: it is on the LAN, outside the tunnel', () => {
    const md = hover(l2tpWith(1, '192.168.101.1'))!;
    assert.match(md, /\*\*192\.168\.101\.1\*\* → `eth0` · \*\*outside the tunnel\*\*/);
  });

  test('on a prefix in a comment: how its range splits across routes', () => {
    const md = hover(`${L2TP}\n# is 192.168.0.0/1|6 tunnelled?`)!;
    assert.match(md, /65,536 addresses \(192\.168\.0\.0 – 192\.168\.255\.255\)/);
    assert.match(md, /`192\.168\.101\.0\/24` → `eth0`/);
    assert.match(md, /everything else → `ppp0` · tunnel/);
  });

  test('refused and unroutable addresses say the kernel\'s answer', () => {
    assert.match(hover('blackhole 10.0.0.0/8\n# 10.1.|1.1')!, /refused by a `blackhole` route: the kernel answers "Invalid argument"/);
    assert.match(hover('10.0.0.0/8 dev eth0\n# 8.8.|8.8')!, /no route; the kernel answers "Network is unreachable"/);
  });

  test('interface names explain the interface; nothing to say on keywords and metrics', () => {
    assert.match(hover(l2tpWith(0, 'ppp0'))!, /\*\*`ppp0`\*\* · tunnel interface \(pattern `ppp\*`\)/);
    assert.equal(hover(l2tpWith(0, 'metric')), undefined);
    assert.equal(hover(l2tpWith(0, '50')), undefined);
  });
});

describe('address words', () => {
  test('finds IPv4, IPv6, prefixes and zones; not names with dots', () => {
    assert.deepEqual(addressWordAt('via fe80::1%eth0 dev', 6), { text: 'fe80::1', start: 4, end: 16 });
    assert.equal(addressWordAt('10.0.0.0/8 dev', 3)?.text, '10.0.0.0/8');
    assert.equal(addressWordAt('ends 10.0.0.1.', 8)?.text, '10.0.0.1');
    assert.equal(addressWordAt('dev eth0.10 x', 9), undefined);
  });

  test('lineOf reads any line-end style without splitting the document', () => {
    assert.equal(lineOf('a\r\nb\rc\nd', 2), 'c');
    assert.equal(lineOf('a\r\nb\rc\nd', 3), 'd');
    assert.equal(lineOf('a', 1), undefined);
  });
});
