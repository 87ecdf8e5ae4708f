import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeStrongSwan, strongswanFamily } from '../../../server/src/core/configs/strongswan';
import { codes, fixture, hover, routesDump, swan } from './strongswanHelpers';

const withDump = (name: string) => analyzeStrongSwan(fixture(name), { dump: routesDump(), dumpName: 'routes.txt' }, { fileName: name });

describe('strongswan fixtures: expected findings', () => {
  const expected: Record<string, { format: string; plain: string[]; dump: string[] }> = {
    'roadwarrior-full.conf': { format: 'ipsec.conf', plain: ['tunnel-cuts-lan@17', 'ipv6-leak@17'], dump: ['tunnel-cuts-lan@17', 'ipv6-leak@17'] },
    // The IPv6 LAN (2001:db8:1::/64 in the dump) is still cut: the passthrough exempts only IPv4.
    'roadwarrior-lan-pass.conf': { format: 'ipsec.conf', plain: ['tunnel-cuts-lan@12', 'passthrough-exception@17'], dump: ['tunnel-cuts-lan@12', 'passthrough-exception@17'] },
    'site-to-site.conf': {
      format: 'ipsec.conf',
      plain: ['overlapping-selectors@22', 'overlapping-selectors@27', 'overlapping-selectors@27', 'missing-also@31', 'invalid-subnet@32', 'invalid-subnet@32', 'unknown-key@33', 'parse-error@35', 'auto-ignore@40'],
      dump: ['overlapping-selectors@22', 'overlapping-selectors@27', 'overlapping-selectors@27', 'missing-also@31', 'invalid-subnet@32', 'invalid-subnet@32', 'unknown-key@33', 'parse-error@35', 'auto-ignore@40'],
    },
    'swanctl.conf': { format: 'swanctl', plain: ['tunnel-cuts-lan@18', 'passthrough-exception@29'], dump: ['tunnel-cuts-lan@18', 'passthrough-exception@29'] },
    'swanctl-errors.conf': {
      format: 'swanctl',
      plain: ['unknown-key@4', 'tunnel-cuts-lan@8', 'ipv6-leak@8', 'invalid-subnet@8', 'overlapping-selectors@14', 'parse-error@19', 'parse-error@20'],
      dump: ['unknown-key@4', 'tunnel-cuts-lan@8', 'ipv6-leak@8', 'invalid-subnet@8', 'overlapping-selectors@14', 'parse-error@19', 'parse-error@20'],
    },
    'ipsec.secrets': { format: 'ipsec.secrets', plain: ['parse-error@6'], dump: ['parse-error@6'] },
  };
  for (const [name, want] of Object.entries(expected)) {
    test(name, () => {
      const plain = analyzeStrongSwan(fixture(name), {}, { fileName: name });
      assert.equal(plain.format, want.format);
      assert.deepEqual(codes(plain), want.plain);
      assert.deepEqual(codes(withDump(name)), want.dump);
    });
  }
});

describe('strongswan findings', () => {
  test('tunnel-cuts-lan names the LAN from the dump, and the exact selector range', () => {
    const a = withDump('roadwarrior-full.conf');
    const f = a.findings.find((x) => x.code === 'tunnel-cuts-lan');
    assert.ok(f);
    assert.match(f.message, /192\.168\.1\.0\/24 on eth0 \(line 2 of routes\.txt\)/);
    assert.doesNotMatch(f.message, /docker0/, 'a linkdown bridge is not the LAN');
    assert.deepEqual(f.span, { line: 16, col: 16, endLine: 16, endCol: 25 });
    assert.equal(f.related[0]?.span.line, 1);
  });

  test('tunnel-cuts-lan without a dump warns generally; a passthrough of the family silences it', () => {
    const a = swan('\nconn a\n    right=203.0.113.1\n    rightsubnet=0.0.0.0/0\n    auto=start\n');
    assert.match(a.findings.find((f) => f.code === 'tunnel-cuts-lan')?.message ?? '', /no passthrough conn exempts it/);
    const b = swan('\nconn a\n    right=203.0.113.1\n    rightsubnet=0.0.0.0/0,::/0\n    auto=start\nconn lan\n    leftsubnet=192.168.1.0/24\n    rightsubnet=192.168.1.0/24\n    type=passthrough\n    auto=route\n');
    assert.deepEqual(codes(b).filter((c) => c.startsWith('tunnel-cuts-lan')), ['tunnel-cuts-lan@3']);
  });

  test('with a dump, an IPv6 LAN is named when only IPv4 is exempted', () => {
    const f = withDump('roadwarrior-lan-pass.conf').findings.find((x) => x.code === 'tunnel-cuts-lan');
    assert.match(f?.message ?? '', /all IPv6 traffic \(::\/0\).*2001:db8:1::\/64 on eth0 \(line 5 of routes\.txt\)/);
  });

  test('a drop policy for ::/0 stops the ipv6-leak', () => {
    const a = swan('\nconn a\n    right=203.0.113.1\n    rightsubnet=0.0.0.0/0\n    auto=start\nconn v6\n    rightsubnet=::/0\n    type=drop\n    auto=route\n');
    assert.ok(!codes(a).some((c) => c.startsWith('ipv6-leak')));
  });

  test('unknown keys suggest the close one, in both formats', () => {
    assert.match(swan('\nconn a\n    leftsubnett=10.0.0.0/8\n').findings.find((f) => f.code === 'unknown-key')?.message ?? '', /Did you mean "leftsubnet"\?/);
    assert.match(swan('\nconnections {\n  a {\n    remote_adrs = 1.2.3.4\n  }\n}\n').findings[0]?.message ?? '', /Did you mean "remote_addrs"\?/);
  });

  test('parse errors: an indented line before any section, and a line without "="', () => {
    const a = swan('\n    left=1.2.3.4\nconn a\n    auto add\n');
    assert.deepEqual(codes(a), ['parse-error@1', 'auto-ignore@2', 'parse-error@3']);
  });

  test('also= chains and %default apply, own keys win', () => {
    const a = swan('\nconn %default\n    auto=add\nconn t\n    rightsubnet=10.9.0.0/16\nconn x\n    also=t\n    rightsubnet=10.8.0.0/16\n');
    const x = a.state.doc.tunnels.find((t) => t.name === 'x');
    assert.equal(x?.start, 'add');
    assert.deepEqual(x?.remote.map((s) => s.text), ['10.8.0.0/16']);
  });

  test('the family object', () => {
    assert.equal(strongswanFamily.languageId, 'strongswan');
    assert.equal(strongswanFamily.analyze(fixture('swanctl.conf'), {}).format, 'swanctl');
  });
});

describe('strongswan hover', () => {
  test('a selector: which conn protects it, and with a dump, table 220 before main', () => {
    const text = fixture('roadwarrior-lan-pass.conf').replace('rightsubnet=0.0.0.0/0', 'rightsubnet=0.0.0.0/0|');
    const plain = hover(text) ?? '';
    assert.match(plain, /protected by IPsec: conn "office"/);
    assert.match(plain, /ip xfrm policy/);
    const lan = hover(fixture('roadwarrior-lan-pass.conf').replace('rightsubnet=192.168.1.0/24', 'rightsubnet=192.168.1.|0/24'), routesDump()) ?? '';
    assert.match(lan, /bypasses IPsec: the passthrough conn "lan-passthrough"/);
    const any = hover('\nconn a\n    right=203.0.113.1\n    rightsubnet=0.0.0.0/0\n    auto=start\n# 8.8.|8.8\n', routesDump()) ?? '';
    assert.match(any, /table 220 first \(rule 220\), 0\.0\.0\.0\/0 via 192\.168\.1\.1 dev eth0/);
  });

  test('a conn name shows its policies and table-220 routes', () => {
    const h = hover('\nconn off|ice\n    right=203.0.113.1\n    leftsourceip=%config\n    rightsubnet=10.0.0.0/8\n    auto=start\n', routesDump()) ?? '';
    assert.match(h, /dir out/);
    assert.match(h, /10\.0\.0\.0\/8 via 192\.168\.1\.1 dev eth0 src the virtual IP the peer assigns table 220/);
    assert.match(h, /from all lookup 220/);
  });

  test('a swanctl child and its connection', () => {
    assert.match(hover(fixture('swanctl.conf').replace('            all {', '            a|ll {')) ?? '', /child "home\/all"/);
    assert.match(hover(fixture('swanctl.conf').replace('    home {', '    ho|me {')) ?? '', /child "home\/all"/);
  });
});
