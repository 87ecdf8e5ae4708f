// Policy routing: `ip rule` walked by priority for a flow, as `ip route get ADDR from/mark/uid/...` answers.
// Each expectation was checked against the kernel in a namespace (see test/kernel/policy.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Analysis, analyze } from '../../server/src/core/analyze';
import { addressHover } from '../../server/src/core/explain/addressHover';
import { parseAddress } from '../../server/src/core/net/address';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { type Flow, parseFlowText } from '../../server/src/core/policy/flow';
import { type Resolution, resolve } from '../../server/src/core/resolver';
import { WG_QUICK_RULES, WG_QUICK_TABLE } from './wgQuickRules';

const WG = [
  ...WG_QUICK_RULES,
  ...WG_QUICK_TABLE,
  'local 192.168.1.20 dev eth0 table local proto kernel scope host src 192.168.1.20',
  'broadcast 192.168.1.255 dev eth0 table local proto kernel scope link src 192.168.1.20',
];

function doc(...lines: string[]): Analysis {
  return analyze(lines.join('\n'));
}

function get(a: Analysis, address: string, flowText = ''): Resolution {
  const parsed = parseAddress(address);
  const flow = parseFlowText(flowText);
  if (!parsed || typeof flow === 'string') throw new Error(`bad test input ${address} ${flowText}`);
  return resolve(a.tables, parsed, { rules: a.document.rules, flow });
}

/** `outcome table dev` or the kernel's error, like `ip route get` prints it. */
function answer(a: Analysis, address: string, flowText = ''): string {
  const r = get(a, address, flowText);
  if (r.error) return `error ${r.error}`;
  const dev = r.nexthops.map((h) => h.device ?? '-').join(',');
  return `${r.outcome} ${r.route ? `${formatPrefix(r.route.prefix)} table ${r.route.table}` : 'no route'} ${dev}`;
}

function rules(...lines: string[]): string[] {
  return ['$ ip rule', '0:\tfrom all lookup local', ...lines, '32766:\tfrom all lookup main', '32767:\tfrom all lookup default'];
}

const ROUTES = [
  '$ ip route show table all',
  'default via 192.0.2.254 dev eth0',
  '192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.1',
  'default dev eth1 table 100',
  '10.0.0.0/8 dev eth1 table 200',
  'unreachable 10.9.0.0/16 table 200',
  'throw 10.8.0.0/16 table 200',
  'local 192.0.2.1 dev eth0 table local proto kernel scope host src 192.0.2.1',
  'broadcast 192.0.2.255 dev eth0 table local proto kernel scope link src 192.0.2.1',
];

describe('wg-quick full tunnel', () => {
  const a = doc(...WG);
  test('unmarked traffic goes to wg0, the LAN stays on the LAN, WireGuard\'s own packets take the main default', () => {
    assert.equal(answer(a, '8.8.8.8'), 'forward 0.0.0.0/0 table 51820 wg0');
    assert.equal(answer(a, '192.168.1.7'), 'forward 192.168.1.0/24 table main eth0');
    assert.equal(answer(a, '8.8.8.8', 'mark 0xca6c'), 'forward 0.0.0.0/0 table main eth0');
    assert.equal(answer(a, '192.168.1.20'), 'local 192.168.1.20/32 table local eth0');
  });
  test('the explanation tells the rule chain and the suppressed default', () => {
    const r = get(a, '8.8.8.8');
    assert.equal(r.rule?.priority, 32765);
    assert.ok(r.steps.some((s) => s.startsWith('Rule 32765 `not fwmark 0xca6c lookup 51820` (line 4) matches (mark 0x0 is not fwmark 0xca6c, and `not` inverts that)')), r.steps.join('\n'));
    assert.ok(r.steps.some((s) => s.includes('suppress_prefixlength 0: rule 32764 suppresses it')));
    const lost = r.lost.map((l) => `${l.route.span.line + 1}: ${l.reason}`);
    assert.ok(lost.includes('9: suppressed: it has prefix length /0, not more than the suppress_prefixlength 0 of rule 32764 (line 3)'), lost.join('\n'));
  });
  test('a table no rule reached says which rule would have', () => {
    const lan = get(a, '192.168.1.7');
    const wg = lan.lost.find((l) => l.route.table === '51820');
    assert.equal(wg?.reason, 'table 51820 is looked up by rule 32765 `not fwmark 0xca6c lookup 51820`, which the walk never reached: rule 32764 decided first');
    const marked = get(a, '8.8.8.8', 'mark 0xca6c').lost.find((l) => l.route.table === '51820');
    assert.match(marked?.reason ?? '', /does not apply to this flow: every selector holds, and `not` inverts that/);
  });
  test('the hover walks the document\'s rules for the plain flow and names the deciding rule', () => {
    const text = addressHover(a, parseAddress('8.8.8.8') as never);
    assert.match(text, /wg0/);
    assert.match(text, /Rule: `32765: not fwmark 0xca6c lookup 51820` \(line 4\)/);
    assert.match(text, /suppress_prefixlength 0: rule 32764 suppresses it/);
    const refused = addressHover(doc(...rules('10:\tfrom all to 10.8.0.0/16 prohibit'), ...ROUTES), parseAddress('10.8.0.1') as never);
    assert.match(refused, /is refused by rule 10 \(`prohibit`\): the kernel answers "Permission denied"/);
  });
  test('no note for rules that are evaluated', () => {
    assert.deepEqual(a.findings.filter((f) => f.code.startsWith('policy')).map((f) => f.code), []);
  });
});

describe('selectors', () => {
  test('from: a plain lookup has no source yet, so `from X` rules do not match it; a local source does', () => {
    const a = doc(...rules('100:\tfrom 192.0.2.0/24 lookup 100'), ...ROUTES);
    assert.equal(answer(a, '8.8.8.8'), 'forward 0.0.0.0/0 table main eth0');
    assert.equal(answer(a, '8.8.8.8', 'from 192.0.2.1'), 'forward 0.0.0.0/0 table 100 eth1');
    // An IPv4 source that is not this host's is refused before any rule.
    assert.equal(answer(a, '8.8.8.8', 'from 192.0.2.77'), 'error Network is unreachable');
    assert.equal(answer(a, '8.8.8.8', 'from 192.0.2.255'), 'error Network is unreachable');
  });
  test('fwmark with and without a mask', () => {
    const a = doc(...rules('40:\tfrom all fwmark 0x10/0xf0 lookup 200', '41:\tfrom all fwmark 0x5 lookup 100'), ...ROUTES);
    assert.equal(answer(a, '10.1.1.1', 'mark 0x13'), 'forward 10.0.0.0/8 table 200 eth1');
    assert.equal(answer(a, '10.1.1.1', 'mark 0x23'), 'forward 0.0.0.0/0 table main eth0');
    assert.equal(answer(a, '10.1.1.1', 'mark 5'), 'forward 0.0.0.0/0 table 100 eth1');
  });
  test('uidrange: a plain lookup runs as uid 0; forwarded packets always have uid 0', () => {
    const a = doc(...rules('50:\tfrom all uidrange 1000-1999 lookup 200', '51:\tfrom all uidrange 0-0 lookup 100'), ...ROUTES);
    assert.equal(answer(a, '10.1.1.1', 'uid 1500'), 'forward 10.0.0.0/8 table 200 eth1');
    assert.equal(answer(a, '10.1.1.1'), 'forward 0.0.0.0/0 table 100 eth1');
    assert.equal(answer(a, '10.1.1.1', 'from 203.0.113.9 iif eth0 uid 1500'), 'forward 0.0.0.0/0 table 100 eth1');
  });
  test('ipproto and ports: `ip route get` asks IPv4 as udp; ranges; a forwarded ICMP packet has no ports', () => {
    const a = doc(...rules('20:\tfrom all ipproto tcp dport 443 lookup 200', '21:\tfrom all dport 1000-2000 lookup 100', '22:\tfrom all ipproto udp lookup 100'), ...ROUTES);
    assert.equal(answer(a, '10.1.1.1', 'ipproto tcp dport 443'), 'forward 10.0.0.0/8 table 200 eth1');
    assert.equal(answer(a, '10.1.1.1', 'dport 443'), 'forward 0.0.0.0/0 table 100 eth1');
    assert.equal(answer(a, '10.1.1.1', 'ipproto icmp dport 1500'), 'forward 0.0.0.0/0 table 100 eth1');
    assert.equal(answer(a, '10.1.1.1', 'from 203.0.113.9 iif eth0 ipproto icmp dport 1500'), 'forward 0.0.0.0/0 table main eth0');
    assert.equal(answer(a, '10.1.1.1', 'ipproto tcp'), 'forward 0.0.0.0/0 table main eth0');
  });
  test('tos: the RT bits of the flow\'s TOS must equal the rule\'s', () => {
    const a = doc(...rules('22:\tfrom all tos 0x10 lookup 200'), ...ROUTES);
    assert.equal(answer(a, '10.1.1.1', 'tos 0x10'), 'forward 10.0.0.0/8 table 200 eth1');
    assert.equal(answer(a, '10.1.1.1', 'tos 0x50'), 'forward 10.0.0.0/8 table 200 eth1');
    assert.equal(answer(a, '10.1.1.1', 'tos 0x14'), 'forward 0.0.0.0/0 table main eth0');
  });
  test('iif: locally generated packets come from lo; a forwarded one needs a source and is no martian', () => {
    const a = doc(...rules('5:\tfrom all iif lo lookup 200', '6:\tfrom all iif eth0 lookup 100'), ...ROUTES);
    assert.equal(answer(a, '10.1.1.1'), 'forward 10.0.0.0/8 table 200 eth1');
    assert.equal(answer(a, '10.1.1.1', 'from 203.0.113.9 iif eth0'), 'forward 0.0.0.0/0 table 100 eth1');
    assert.equal(answer(a, '10.1.1.1', 'iif eth0'), 'error Invalid argument');
    assert.equal(answer(a, '10.1.1.1', 'from 192.0.2.1 iif eth0'), 'error Invalid argument');
    assert.match(get(a, '10.1.1.1', 'from 203.0.113.9 iif eth0').steps.join(' '), /forwarding must be on for eth0/);
  });
  test('not inverts the whole rule; l3mdev rules match nothing in a dump', () => {
    const a = doc(...rules('10:\tnot from all to 10.0.0.0/8 lookup 100', '11:\tfrom all lookup [l3mdev-table]'), ...ROUTES);
    assert.equal(answer(a, '8.8.8.8'), 'forward 0.0.0.0/0 table 100 eth1');
    assert.equal(answer(a, '10.1.1.1'), 'forward 0.0.0.0/0 table main eth0');
    assert.match(get(a, '10.1.1.1').steps.join(' '), /no VRF \(l3mdev\) device appears in a dump/);
  });
});

describe('actions', () => {
  test('unreachable, prohibit and blackhole rules answer like the kernel', () => {
    const a = doc(...rules('10:\tfrom all to 10.8.0.0/16 unreachable', '11:\tfrom all to 10.7.0.0/16 prohibit', '12:\tfrom all to 10.6.0.0/16 blackhole'), ...ROUTES);
    assert.equal(answer(a, '10.8.0.1'), 'error Network is unreachable');
    assert.equal(answer(a, '10.7.0.1'), 'error Permission denied');
    assert.equal(answer(a, '10.6.0.1'), 'error Invalid argument');
    assert.equal(get(a, '10.7.0.1').rule?.priority, 11);
  });
  test('goto jumps to the first rule of that priority, which must match in turn; an unresolved goto is skipped', () => {
    const a = doc(...rules('24:\tfrom all to 10.5.0.0/16 goto 50', '30:\tfrom all lookup 100', '50:\tfrom all to 10.5.1.0/24 lookup 200', '50:\tfrom all lookup main', '60:\tfrom all goto 70 [unresolved]'), ...ROUTES);
    assert.equal(answer(a, '10.5.1.1'), 'forward 10.0.0.0/8 table 200 eth1');
    assert.equal(answer(a, '10.5.2.1'), 'forward 0.0.0.0/0 table main eth0');
    assert.equal(answer(a, '10.6.2.1'), 'forward 0.0.0.0/0 table 100 eth1');
    const b = doc(...rules('60:\tfrom all goto 70 [unresolved]', '80:\tfrom all nop'), ...ROUTES);
    const steps = get(b, '10.1.1.1').steps.join(' ');
    assert.match(steps, /no rule has priority 70 .* it is skipped/);
    assert.match(steps, /`nop` does nothing/);
  });
  test('a throw route and a missing table let the walk go on; a rule\'s refused route is not suppressed', () => {
    const a = doc(...rules('30:\tfrom all lookup 200 suppress_prefixlength 16', '31:\tfrom all lookup 999'), ...ROUTES);
    assert.equal(answer(a, '10.8.1.1'), 'forward 0.0.0.0/0 table main eth0');
    assert.equal(answer(a, '10.9.1.1'), 'error No route to host');
    // 10.0.0.0/8 is no longer than /16: suppressed.
    assert.equal(answer(a, '10.1.1.1'), 'forward 0.0.0.0/0 table main eth0');
    assert.match(get(a, '10.8.1.1').steps.join(' '), /Table 999 has no routes in the input/);
  });
});

describe('what stays as it was', () => {
  test('without rules a plain lookup keeps the default-rule explanation; IPv4 local and main stay merged', () => {
    const a = doc('default via 192.0.2.254 dev eth0', '127.1.0.0/16 dev eth1', 'local 127.0.0.0/8 dev lo table local');
    const r = resolve(a.tables, parseAddress('127.1.2.3') as never, { rules: a.document.rules });
    assert.match(r.steps[0] ?? '', /No policy rules in the input/);
    assert.equal(r.route?.table, 'main');
  });
  test('custom rules split local and main: local is searched first', () => {
    const a = doc(...rules('100:\tfrom all fwmark 0x1 lookup 100'), '$ ip route show table all', 'default via 192.0.2.254 dev eth0', '127.1.0.0/16 dev eth1', 'local 127.0.0.0/8 dev lo table local');
    assert.equal(answer(a, '127.1.2.3'), 'local 127.0.0.0/8 table local lo');
  });
  test('IPv6 rules: a plain lookup has source ::, so `from` rules do not match it; any source may be asked', () => {
    const a = doc('$ ip -6 rule', '0:\tfrom all lookup local', '100:\tfrom 2001:db8::/64 lookup 100', '32766:\tfrom all lookup main',
      '$ ip -6 route show table all', 'default via 2001:db8::fe dev eth0 metric 1024', 'default dev eth1 table 100 metric 1024');
    assert.equal(answer(a, '2001:db9::1'), 'forward ::/0 table main eth0');
    assert.equal(answer(a, '2001:db9::1', 'from 2001:db8::77'), 'forward ::/0 table 100 eth1');
  });
  test('IPv6 forwarded lookups need no source; their uid is the one asked, else none', () => {
    const a = doc('$ ip -6 rule', '0:\tfrom all lookup local', '10:\tfrom all uidrange 0-0 lookup 100', '32766:\tfrom all lookup main',
      '$ ip -6 route show table all', 'default via 2001:db8::fe dev eth0 metric 1024', 'default dev eth1 table 100 metric 1024');
    assert.equal(answer(a, '2001:db9::1', 'iif in0'), 'forward ::/0 table main eth0');
    assert.equal(answer(a, '2001:db9::1', 'iif in0 uid 0'), 'forward ::/0 table 100 eth1');
    assert.equal(answer(a, '2001:db9::1'), 'forward ::/0 table 100 eth1');
  });
  test('the unsearched-table reason names the rule that would search it', () => {
    const a = doc(...WG);
    const wg = a.document.routes.find((r) => r.table === '51820');
    assert.ok(wg);
    assert.equal(a.tables.unsearchedReason(wg), 'table 51820 is searched only for flows that rule 32765 `not fwmark 0xca6c lookup 51820` selects');
    const b = doc(...rules('100:\tfrom all fwmark 0x1 lookup 100'), '$ ip route show table all', 'default dev eth1 table 300');
    assert.equal(b.tables.unsearchedReason(b.document.routes[0] as never), 'no rule in the input looks up table 300');
  });
});

describe('flows and notes', () => {
  test('flow keys in ip route get syntax, with messages for bad values', () => {
    const flow = parseFlowText('from 10.0.0.2 mark 0xca6c uid 1000 iif eth0 ipproto tcp dport 443 tos 0x10') as Flow;
    assert.deepEqual({ ...flow, from: undefined }, { from: undefined, mark: 0xca6c, uid: 1000, iif: 'eth0', proto: 6, dport: 443, tos: 0x10 });
    assert.deepEqual(parseFlowText('mark 0x1ff/0xf0'), parseFlowText('mark 0xf0'));
    assert.match(parseFlowText('mark zz') as string, /'zz' is not a mark/);
    assert.match(parseFlowText('dport 70000') as string, /not a port/);
    assert.match(parseFlowText('ipproto bogus') as string, /not a protocol/);
    assert.match(parseFlowText('from') as string, /'from' needs a value/);
    assert.match(parseFlowText('colour red') as string, /Unknown flow key 'colour'/);
  });
  test('a selector a dump cannot decide gets a note at its exact range', () => {
    const a = doc('$ ip rule', '0:\tfrom all lookup local', '3002:\tfrom all lookup main suppress_ifgroup 5');
    const notes = a.findings.filter((f) => f.code === 'policy-selector-undecided');
    assert.equal(notes.length, 1);
    assert.deepEqual(notes[0]?.span, { line: 2, col: 27, endLine: 2, endCol: 45 });
  });
});
