import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { type Analysis, analyze } from '../../server/src/core/analyze';
import { ipJsonParser } from '../../server/src/core/formats/ipJson';
import { parsePromptLine } from '../../server/src/core/formats/shellPrompt';
import type { Route } from '../../server/src/core/model';
import { formatAddress } from '../../server/src/core/net/address';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { answer, codes, lookup } from './helpers';

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

/** The document text a span covers, for spans on one line. */
function spanText(text: string, r: Route): string {
  const line = text.split('\n')[r.prefixSpan.line] ?? '';
  return line.slice(r.prefixSpan.col, r.prefixSpan.endCol);
}

function summary(r: Route): string {
  const hops = r.nexthops.map((h) => `${h.gateway ? formatAddress(h.gateway) : '-'}@${h.device ?? '-'}${h.weight === 1 ? '' : `*${h.weight}`}`);
  return `${r.type} ${formatPrefix(r.prefix)} ${r.table} ${r.metric} ${hops.join(',')}`;
}

function claims(command: string): boolean {
  const cmd = parsePromptLine(`$ ${command}`);
  assert.ok(cmd);
  return ipJsonParser.claims(cmd);
}

describe('ip -j route / ip -j rule', () => {
  test('wg-quick laptop: ip rule text and compact ip -j route show table all', () => {
    const text = fixture('ip-j-route-wireguard.txt');
    const a = analyze(text);
    assert.equal(a.document.format, 'linux-ip-json');
    assert.deepEqual(formats(a), ['linux-ip-rule@2', 'linux-ip-rule@8', 'linux-ip-json@13', 'linux-ip-json@16']);
    assert.deepEqual(codes(a), []);
    assert.equal(a.document.routes.length, 22);
    assert.equal(a.document.rules.length, 9);
    const routes = a.document.routes;
    assert.equal(summary(routes[0]!), 'unicast 0.0.0.0/0 51820 0 -@wg0');
    assert.equal(summary(routes[1]!), 'unicast 0.0.0.0/0 main 100 192.168.178.1@eth0');
    assert.equal(routes[1]!.proto, 'dhcp');
    assert.equal(formatAddress(routes[1]!.src!), '192.168.178.40');
    assert.equal(summary(routes[10]!), 'unicast ::/0 51820 1024 -@wg0');
    // Compact output: every route is a column range on line 14.
    assert.ok(routes.slice(0, 21).every((r) => r.span.line === 13 && r.span.endLine === 13));
    assert.deepEqual(routes.slice(0, 4).map((r) => spanText(text, r)), ['default', 'default', '10.64.0.0/10', '192.168.178.0/24']);
    assert.equal(routes[0]!.text, '{"dst":"default","dev":"wg0","table":"51820","scope":"link","flags":[]}');
    // Rules are kept, but lookups follow the default rules: main, not table 51820.
    assert.equal(answer(a, '1.1.1.1'), 'forward 0.0.0.0/0 eth0 line 14');
    assert.ok(lookup(a, '1.1.1.1').lost.some((l) => l.route.table === '51820'));
    assert.equal(answer(a, '10.70.0.1'), 'forward 10.64.0.0/10 wg0 line 14');
    assert.equal(answer(a, '192.168.178.40'), 'local 192.168.178.40/32 eth0 line 14');
    assert.equal(answer(a, '2606:4700::1111'), 'forward ::/0 eth0 line 14');
    assert.ok(a.tunnels.isTunnel(routes[0]!.nexthops[0]?.device));
    // `ip -j route get` answers read as a host route, like the text format's.
    assert.equal(summary(routes[21]!), 'unicast 1.1.1.1/32 51820 0 -@wg0');
    assert.equal(routes[21]!.attributes.uid, '0');
  });

  test('pretty IPv6 dump: multipath weights, metrics, reject routes, multi-line spans', () => {
    const a = analyze(fixture('ip-j-p-route-ipv6.txt'));
    assert.deepEqual(formats(a), ['linux-ip-json@1']);
    assert.deepEqual(codes(a), ['multipath-route@17', 'multipath-route@64']);
    assert.deepEqual(a.document.routes.map(summary), [
      'unicast 2001:db8:1::/64 main 256 -@enp1s0',
      'unicast 2001:db8:2::/64 main 256 -@enp2s0',
      'unicast 2001:db8:100::/48 main 1024 2001:db8:1::1@enp1s0*3,2001:db8:2::1@enp2s0',
      'unicast 2001:db8:200::/48 main 50 2001:db8:2::1@enp2s0',
      'unreachable 2001:db8:300::/48 main 1024 ',
      'unicast fe80::/64 main 256 -@enp1s0',
      'unicast fe80::/64 main 256 -@enp2s0',
      'unicast ::/0 main 1024 fe80::1@enp1s0,fe80::2@enp2s0',
    ]);
    const r = a.document.routes[2]!;
    assert.deepEqual(r.span, { line: 16, col: 8, endLine: 31, endCol: 5 });
    assert.deepEqual(r.prefixSpan, { line: 16, col: 16, endLine: 16, endCol: 33 });
    assert.deepEqual(r.nexthops[0]?.span, { line: 21, col: 16, endLine: 25, endCol: 13 });
    assert.equal(a.document.routes[3]!.attributes.mtu, '1280');
    assert.equal(a.document.routes[7]!.attributes.expires, '1499');
    assert.equal(a.document.routes[7]!.attributes.pref, 'high');
    assert.equal(a.document.routes[7]!.proto, 'ra');
    assert.equal(lookup(a, '2001:db8:100::1').nexthops.length, 2);
    assert.equal(lookup(a, '2001:db8:300::1').error, 'No route to host');
    assert.equal(answer(a, '2001:db8:200::1'), 'forward 2001:db8:200::/48 enp2s0 line 33');
  });

  test('claims ip -j/-json route and rule commands, with iproute2 option prefixes', () => {
    for (const c of ['ip -j route', 'ip -json route show table all', 'ip --json -6 r', 'ip -j -p ro get 1.1.1.1', 'ip -n ns1 -j route', 'ip -j rule', 'ip -j ru show', 'sudo ip -d -j -4 route list']) {
      assert.equal(claims(c), true, c);
    }
    for (const c of ['ip route', 'ip -j addr', 'ip -j link', 'ip rule', 'ip -j -x route', 'route -n']) {
      assert.equal(claims(c), false, c);
    }
  });

  test('the command names the table and family that the objects leave out', () => {
    const a = analyze(lines('$ ip -j -6 route show table 100', '[{"dst":"default","dev":"wg0","flags":[]},{"type":"blackhole","dst":"default","flags":[]}]'));
    assert.deepEqual(a.document.routes.map(summary), ['unicast ::/0 100 1024 -@wg0', 'blackhole ::/0 100 1024 ']);
    const all = analyze(lines('$ ip -j route show table all', '[{"dst":"default","dev":"eth0","flags":[]}]'));
    assert.equal(all.document.routes[0]?.table, 'main');
  });

  test('a named table from rt_tables stays its own table, searched only through rules', () => {
    const a = analyze('[{"dst":"default","dev":"wg0","table":"vpn","flags":[]},{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]}]');
    const vpn = a.document.routes[0]!;
    assert.equal(vpn.table, 'vpn');
    assert.ok(vpn.tableId > 0xffffffff);
    assert.equal(answer(a, '8.8.8.8'), 'forward 0.0.0.0/0 eth0 line 1');
    assert.deepEqual(codes(a), []);
  });

  test('gateways in another family, hosts, odd destinations and unknown keys', () => {
    const json = '[{"dst":"10.7.0.0/16","via":{"family":"inet6","host":"2001:db8::77"},"dev":"eth0","flags":["onlink"]},'
      + '{"dst":"default","via":{"family":"inet6","host":"fe80::1"},"dev":"eth0","flags":[]},'
      + '{"dst":"10.9.0.1/8","dev":"eth0","flags":[]},{"dst":"0/8 ","dev":"eth1","flags":[]},'
      + '{"dst":"10.2.0.0/16","dev":"eth0","frobnicate":3,"flags":[]}]';
    const a = analyze(lines('$ ip -j route', json));
    assert.deepEqual(a.document.routes.map(summary), [
      'unicast 10.7.0.0/16 main 0 2001:db8::77@eth0',
      'unicast 0.0.0.0/0 main 0 fe80::1@eth0',
      'unicast 10.0.0.0/8 main 0 -@eth0',
      'unicast 0.0.0.0/8 main 0 -@eth1',
      'unicast 10.2.0.0/16 main 0 -@eth0',
    ]);
    assert.deepEqual(a.document.routes[0]!.flags, ['onlink']);
    assert.equal(a.document.routes[4]!.attributes.frobnicate, '3');
    const host = json.indexOf('10.9.0.1/8');
    const key = json.indexOf('"frobnicate"');
    assert.deepEqual(a.findings.map((f) => `${f.code}@${f.span.col}-${f.span.endCol}`),
      [`invalid-prefix@${host}-${host + 10}`, `unknown-keyword@${key}-${key + 12}`]);
  });

  test('invalid JSON: an error at the exact position, the routes before it count, reading resumes at the next array', () => {
    const text = lines(
      '[{"dst":"10.1.0.0/16","dev":"eth0","flags":[]},{"dst":"10.2.0.0/16","dev" "eth1"},{"dst":"10.3.0.0/16","dev":"eth2"}]',
      'not json at all',
      'neither is this',
      '[ {',
      '        "dst": "10.4.0.0/16",',
      '        "dev": "eth3"',
      '    },{',
      '        "dst": 12,',
      '        "dev": "eth4"',
      '    },{',
      '        "dst": "10.6.0.0/16",',
      '        "dev": "eth5",',
      '    },{',
      '        "dst": "10.7.0.0/16",',
      '        "dev": "eth6"',
      '    } ]',
      '[{"dst":"10.8.0.0/16","dev":"eth7"}',
    );
    const a = analyze(lines('$ ip -j route', text));
    const bad = text.indexOf('"eth1"');
    assert.deepEqual(a.findings.map((f) => `${f.code}@${f.span.line + 1}:${f.span.col}-${f.span.endCol}`), [
      `parse-error@2:${bad}-${bad + 1}`,
      'parse-error@3:0-15',
      'parse-error@4:0-15',
      'parse-error@9:15-17',
      'parse-error@14:4-5',
      'parse-error@18:35-35',
    ]);
    assert.match(a.findings[0]!.message, /Expected `:` after the key/);
    assert.match(a.findings[3]!.message, /needs a "dst" string/);
    // The compact line resumes after its broken element; the pretty array at its next `},{`.
    assert.deepEqual(a.document.routes.map((r) => formatPrefix(r.prefix)), ['10.1.0.0/16', '10.3.0.0/16', '10.4.0.0/16', '10.7.0.0/16', '10.8.0.0/16']);
  });

  test('JSON alone is detected by its look; a paste with ip route text and garbage reads every readable line', () => {
    const alone = analyze('[{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]}]');
    assert.deepEqual(formats(alone), ['linux-ip-json@1']);
    const a = analyze(lines(
      '$ ip -j route',
      '[{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]},',
      '{"dst":"192.0.2.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"192.0.2.10","flags":[]}]',
      '%% garbage %%',
      '$ ip route',
      'default via 192.0.2.1 dev eth0',
      'garbage again',
      '10.0.0.0/8 dev wg0',
    ));
    assert.deepEqual(a.findings.filter((f) => f.code === 'parse-error').map((f) => f.span.line + 1), [4, 7]);
    assert.deepEqual(a.document.routes.map((r) => r.span.line + 1), [2, 3, 6, 8]);
    assert.deepEqual(formats(a), ['linux-ip-json@1', 'linux-ip-route@5']);
  });

  test('a 10 MB one-line dump stays linear', () => {
    const started = Date.now();
    const item = (i: number): string => `{"dst":"10.${i >> 8}.${i & 255}.0/24","dev":"eth0","flags":[]}`;
    const many = `[${Array.from({ length: 20_000 }, (_, i) => item(i)).join(',')}]`;
    const a = analyze(lines('$ ip -j route', many, `["${'x'.repeat(10_000_000)}`));
    assert.equal(a.document.routes.length, 20_000);
    assert.deepEqual(a.findings.filter((f) => f.code === 'parse-error').map((f) => f.span.line + 1), [3]);
    assert.ok((a.findings.find((f) => f.code === 'parse-error')?.message.length ?? 0) < 200);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });
});
