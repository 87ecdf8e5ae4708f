import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/explain/hover';
import { deviceWordAt, interfaceHover } from '../../server/src/core/explain/interfaceHover';
import { L2TP, table } from './helpers';

/** Hover where `|` marks the cursor in `marked`; the marker is removed before analysis. */
function hover(marked: string): { markdown: string; span: unknown } | undefined {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const line = before.length - 1;
  return hoverAt(analyze(text), text.split(/\r\n|\r|\n/)[line] ?? '', line, (before[line] ?? '').length);
}

describe('interface hover', () => {
  test('the tunnel: its pattern, the route it wins with and the addresses it carries', () => {
    const found = hover(L2TP.replace('dev ppp0', 'dev pp|p0'));
    assert.ok(found);
    assert.deepEqual(found.span, { line: 0, col: 12, endLine: 0, endCol: 16 });
    assert.match(found.markdown, /^\*\*`ppp0`\*\* · tunnel interface \(pattern `ppp\*`\)/);
    assert.match(found.markdown, /Carries 4,294,967,039 addresses \(IPv4\): the lookups that end in a route through it/);
    assert.match(found.markdown, /\*\*Selected\*\* \(1\)\n\n- line 1: `default dev ppp0[^`]*` → 4,294,967,039 addresses/);
    assert.doesNotMatch(found.markdown, /Never selected/);
  });

  test('the LAN interface: selected and never-selected routes apart', () => {
    const md = hover(L2TP.replace('dev eth0 proto kernel', 'dev |eth0 proto kernel'))?.markdown ?? '';
    assert.match(md, /^\*\*`eth0`\*\* · not a tunnel/);
    assert.match(md, /Carries 257 addresses \(IPv4\)/);
    assert.match(md, /\*\*Selected\*\* \(2\)\n\n- line 3: [^\n]* → 256 addresses\n- line 4: [^\n]* → 1 address$/m);
    assert.match(md, /\*\*Never selected\*\* \(1\)\n\n- line 2: `default via 192\.168\.101\.1[^`]*`: shadowed by line 1/);
  });

  test('names in nexthop lines, in comments and in zones; VLAN names whole', () => {
    const multipath = 'default proto ra metric 1024\n\tnexthop via fe80::1 dev eth0 weight 1\n\tnexthop via fe80::2 dev wg|0 weight 1';
    const md = hover(multipath)?.markdown ?? '';
    assert.match(md, /`wg0`\*\* · tunnel interface \(pattern `wg\*`\)/);
    assert.match(md, /shared by 2 next hops/);
    assert.match(hover(`${L2TP}\n# is pp|p0 up?`)?.markdown ?? '', /`ppp0`/);
    assert.match(hover('fe80::/64 via fe80::1%et|h0 dev eth0')?.markdown ?? '', /^\*\*`eth0`\*\*/);
    assert.match(hover('10.0.0.0/8 dev eth0.1|0')?.markdown ?? '', /^\*\*`eth0\.10`\*\*/);
  });

  test('a name after dev that no route uses still explains itself', () => {
    const md = hover(`$ ip route show dev wl|an9\n${L2TP}`)?.markdown ?? '';
    assert.match(md, /`wlan9`\*\* · not a tunnel/);
    assert.match(md, /No route in this document uses it\./);
  });

  test('nothing on keywords and on words that are no interface', () => {
    assert.equal(hover(L2TP.replace('proto static scope', 'pro|to static scope')), undefined);
    assert.equal(hover(`${L2TP}\n# the rob|ot`), undefined);
    assert.equal(hover(L2TP.replace('metric 50', 'metric 5|0')), undefined);
  });

  test('an interface with only never-selected routes carries nothing', () => {
    const md = interfaceHover(table('default dev wg0 table 51820', 'default via 192.168.1.1 dev eth0'), 'wg0');
    assert.match(md, /Carries no forwarded traffic/);
    assert.match(md, /not searched without ip rule \(table 51820\)/);
  });

  test('device words', () => {
    assert.deepEqual(deviceWordAt('dev eth0.', 5), { text: 'eth0', start: 4, end: 8 });
    assert.deepEqual(deviceWordAt('dev br-lan weight', 6), { text: 'br-lan', start: 4, end: 10 });
    assert.equal(deviceWordAt('a  b', 2), undefined);
  });
});
