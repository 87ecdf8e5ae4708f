import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { type Analysis, analyze } from '../../server/src/core/analyze';
import { ipRuleParser } from '../../server/src/core/formats/ipRule';
import { parsePromptLine } from '../../server/src/core/formats/shellPrompt';
import type { PolicyRule } from '../../server/src/core/model';
import { answer, codes } from './helpers';

const lines = (...l: string[]): string => l.join('\n');

/** A fixture under test/fixtures/linux; the bundled test runs from out/test/unit, so the root is searched for. */
function fixture(name: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'test/fixtures/linux'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('test/fixtures/linux not found');
    dir = parent;
  }
  return readFileSync(join(dir, 'test/fixtures/linux', name), 'utf8');
}

function formats(a: Analysis): string[] {
  return a.document.sections.map((s) => `${s.format}@${s.startLine + 1}`);
}

/** A rule in one line: `v4 32765 not lookup 51820 fwmark=0xca6c from=all`. */
function summary(r: PolicyRule): string {
  const selectors = Object.entries(r.selectors).map(([k, v]) => (v === '' ? k : `${k}=${v}`)).sort();
  return [`v${r.family}`, r.priority, ...(r.not ? ['not'] : []), r.action, ...(r.table !== undefined ? [r.table] : []), ...selectors].join(' ');
}

describe('ip rule', () => {
  test('default rules: kept, no note, with or without -d', () => {
    const a = analyze(fixture('ip-rule-defaults.txt'));
    assert.deepEqual(formats(a), ['linux-ip-rule@1', 'linux-ip-rule@5', 'linux-ip-rule@8', 'linux-ip-json@12']);
    assert.deepEqual(codes(a), []);
    assert.deepEqual(a.document.rules.map(summary), [
      'v4 0 lookup local from=all', 'v4 32766 lookup main from=all', 'v4 32767 lookup default from=all',
      'v6 0 lookup local from=all', 'v6 32766 lookup main from=all',
      'v4 0 lookup local from=all proto=kernel', 'v4 32766 lookup main from=all proto=kernel', 'v4 32767 lookup default from=all proto=kernel',
      'v4 0 lookup local from=all', 'v4 32766 lookup main from=all', 'v4 32767 lookup default from=all',
    ]);
    assert.deepEqual(a.document.rules[0]?.span, { line: 1, col: 0, endLine: 1, endCol: 24 });
    assert.equal(a.document.rules[0]?.text, '0:\tfrom all lookup local');
    assert.deepEqual(a.document.rules[8]?.span, { line: 13, col: 8, endLine: 16, endCol: 5 });
  });

  test('Tailscale: text and JSON agree, no note for rules that are evaluated, plain lookups follow the default rules', () => {
    const a = analyze(fixture('ip-rule-tailscale.txt'));
    assert.equal(a.document.format, 'linux-ip-route');
    assert.deepEqual(formats(a), ['linux-ip-rule@1', 'linux-ip-rule@9', 'linux-ip-json@16', 'linux-ip-route@19', 'linux-ip-route@25']);
    assert.deepEqual(codes(a), ['shadowed-policy-rule@4', 'shadowed-policy-rule@5']);
    const v4 = a.document.rules.filter((r) => r.family === 4);
    assert.deepEqual(v4.slice(0, 7).map(summary), v4.slice(7).map(summary));
    assert.deepEqual(v4.slice(0, 7).map(summary), [
      'v4 0 lookup local from=all',
      'v4 5210 lookup main from=all fwmark=0x80000/0xff0000',
      'v4 5230 lookup default from=all fwmark=0x80000/0xff0000',
      'v4 5250 unreachable from=all fwmark=0x80000/0xff0000',
      'v4 5270 lookup 52 from=all',
      'v4 32766 lookup main from=all',
      'v4 32767 lookup default from=all',
    ]);
    assert.equal(a.document.rules.filter((r) => r.family === 6).length, 6);
    assert.deepEqual(a.document.routes.map((r) => r.table), ['52', '52', '52', '52', '52', 'main', 'main']);
    assert.equal(answer(a, '100.100.100.100'), 'forward 0.0.0.0/0 ens3 line 26');
  });

  test('every rule form iproute2 prints', () => {
    const a = analyze(lines(
      '$ ip rule',
      '0:\tfrom all lookup local',
      '100:\tfrom 10.0.0.0/8 iif eth0 lookup 100 proto static',
      '1000:\tfrom all to 8.8.8.8 goto 2000',
      '2000:\tfrom all unreachable',
      '3000:\tfrom all tos 0x10 uidrange 1000-2000 ipproto tcp sport 1000-2000 dport 443 lookup 100',
      '3001:\tfrom all oif eth0 lookup [l3mdev-table]',
      '3002:\tfrom all lookup main suppress_ifgroup 5',
      '3003:\tfrom all to 10.99.0.0/16 blackhole',
      '3004:\tfrom 10.98.0.0/16 prohibit',
      '3005:\tfrom all nop',
      '3006:\tfrom all iif wg0 [detached] oif eth1 [detached] lookup 100',
      '3007:\tfrom all fwmark 0x10/0xff lookup 100',
      '3008:\tfrom all lookup 100 realms 1/2',
      '3009:\tfrom 192.0.2.7 map-to 198.51.100.7',
      '4000:\tfrom all goto 5000 [unresolved]',
      '32764:\tfrom all lookup main suppress_prefixlength 0',
      '32765:\tnot from all fwmark 0xca6c lookup 51820',
      '$ ip -6 rule',
      '100:\tfrom 2001:db8::/32 lookup vpn',
    ));
    // `2000: from all unreachable` rejects every packet, so no later IPv4 rule is ever reached.
    // Findings come in position order; lines 8 and 15 also hold a part a dump cannot decide (the action on 15).
    const expected = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18].map((n) => `shadowed-policy-rule@${n}`);
    expected.splice(3, 0, 'policy-selector-undecided@8');
    expected.splice(10, 0, 'policy-selector-undecided@15');
    assert.deepEqual(codes(a), expected);
    assert.deepEqual(a.document.rules.map(summary), [
      'v4 0 lookup local from=all',
      'v4 100 lookup 100 from=10.0.0.0/8 iif=eth0 proto=static',
      'v4 1000 goto from=all goto=2000 to=8.8.8.8',
      'v4 2000 unreachable from=all',
      'v4 3000 lookup 100 dport=443 from=all ipproto=tcp sport=1000-2000 tos=0x10 uidrange=1000-2000',
      'v4 3001 lookup from=all l3mdev oif=eth0',
      'v4 3002 lookup main from=all suppress_ifgroup=5',
      'v4 3003 blackhole from=all to=10.99.0.0/16',
      'v4 3004 prohibit from=10.98.0.0/16',
      'v4 3005 nop from=all',
      'v4 3006 lookup 100 detached=iif,oif from=all iif=wg0 oif=eth1',
      'v4 3007 lookup 100 from=all fwmark=0x10/0xff',
      'v4 3008 lookup 100 from=all realms=1/2',
      'v4 3009 nat from=192.0.2.7 map-to=198.51.100.7',
      'v4 4000 goto from=all goto=5000 unresolved',
      'v4 32764 lookup main from=all suppress_prefixlength=0',
      'v4 32765 not lookup 51820 from=all fwmark=0xca6c',
      'v6 100 lookup vpn from=2001:db8::/32',
    ]);
  });

  test('unreadable lines: parse-error on the line or the word; unknown words are kept', () => {
    const a = analyze(lines(
      '$ ip rule',
      '0:\tfrom all lookup local',
      'RTNETLINK answers: Operation not permitted',
      '5:\tfrom 10.0.0.300 lookup 100',
      '6:\tfrom all lookup',
      '7:\tfrom all frobnicate 3 lookup 100',
      '99999999999:\tfrom all lookup main',
      `8:\tfrom all ${'x '.repeat(100)}`,
    ));
    assert.deepEqual(a.findings.map((f) => `${f.code}@${f.span.line + 1}:${f.span.col}-${f.span.endCol}`), [
      'parse-error@3:0-42',
      'parse-error@4:8-18',
      'parse-error@5:12-18',
      'unknown-keyword@6:12-24',
      'parse-error@7:0-12',
      'parse-error@8:0-211',
    ]);
    assert.deepEqual(a.document.rules.map((r) => r.priority), [0, 7]);
    assert.equal(a.document.rules[1]?.selectors.frobnicate, '3');
  });

  test('claims ip rule without -j; bare rule lines are detected over ip route', () => {
    const claims = (c: string): boolean => ipRuleParser.claims(parsePromptLine(`$ ${c}`)!);
    for (const c of ['ip rule', 'ip ru', 'ip -6 rule show', 'ip -d rule list', 'sudo ip -4 rule']) assert.equal(claims(c), true, c);
    for (const c of ['ip route', 'ip r', 'ip -j rule', 'ip mrule', 'route -n']) assert.equal(claims(c), false, c);
    const bare = analyze(lines('0:\tfrom all lookup local', '32766:\tfrom all lookup main', '32767:\tfrom all lookup default'));
    assert.deepEqual(formats(bare), ['linux-ip-rule@1']);
    assert.equal(bare.document.rules.length, 3);
  });

  test('rules and a route table in one paste, with garbage between: rules kept, routes analysed', () => {
    const a = analyze(lines(
      'root@gw:~# ip rule',
      '0:\tfrom all lookup local',
      '100:\tfrom 10.8.0.0/24 lookup 100',
      'oops, a stray line',
      '32766:\tfrom all lookup main',
      '32767:\tfrom all lookup default',
      'root@gw:~# ip route show table all',
      'default via 192.0.2.1 dev eth0 proto static',
      'default dev tun0 table 100 scope link',
      'also not a route',
      '192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.10',
      'local 192.0.2.10 dev eth0 table local proto kernel scope host src 192.0.2.10',
    ));
    assert.deepEqual(formats(a), ['linux-ip-rule@1', 'linux-ip-route@7']);
    assert.deepEqual(codes(a), ['parse-error@4', 'parse-error@10']);
    assert.equal(a.document.rules.length, 4);
    assert.deepEqual(a.document.routes.map((r) => r.span.line + 1), [8, 9, 11, 12]);
    assert.equal(answer(a, '1.1.1.1'), 'forward 0.0.0.0/0 eth0 line 8');
    assert.equal(answer(a, '192.0.2.10'), 'local 192.0.2.10/32 eth0 line 12');
  });
});
