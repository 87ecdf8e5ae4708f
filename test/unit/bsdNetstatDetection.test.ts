import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import {
  freebsdNetstatParser, macosNetstatParser, openbsdNetstatParser,
} from '../../server/src/core/formats/bsdNetstat';
import { parsePromptLine } from '../../server/src/core/formats/shellPrompt';
import { formatPrefix } from '../../server/src/core/net/prefix';
import { findings, route } from './bsdNetstatFixtures';

const lines = (...l: string[]): string => l.join('\n');

describe('BSD netstat detection', () => {
  test('the header opens a section; no parser claims the netstat command', () => {
    for (const parser of [macosNetstatParser, freebsdNetstatParser, openbsdNetstatParser]) {
      assert.ok(parser.isHeader('Routing tables'));
      assert.ok(parser.isHeader('Routing tables (fib: 2)'));
      assert.ok(!parser.isHeader('Kernel IP routing table'));
      assert.ok(!parser.isHeader('Routing tables are fun'));
      assert.ok(!parser.claims(parsePromptLine('$ netstat -rn') ?? { command: '', argv: [] }));
    }
  });

  test('without the header, the rows alone tell the systems apart', () => {
    const mac = analyze(lines('default            192.168.1.1        UGScg            en0', '192.168.1          link#15            UCS              en0      !'));
    assert.deepEqual([mac.document.format, mac.document.os], ['macos-netstat', 'macos']);
    const free = analyze(lines('default            10.0.2.2           UGS         em0', '10.0.2.0/24        link#1             U           em0'));
    assert.deepEqual([free.document.format, free.document.os], ['freebsd-netstat', 'bsd']);
    const open = analyze(lines(
      'Destination        Gateway            Flags   Refs      Use   Mtu  Prio Iface',
      'default            192.168.1.1        UGS        6    48213     -     8 em0',
    ));
    assert.deepEqual([open.document.format, open.document.os], ['openbsd-netstat', 'bsd']);
    assert.equal(open.document.routes[0]?.metric, 8);
  });

  test('headerless Linux net-tools IPv6 rows look alike but are not BSD tables', () => {
    const a = analyze(lines(
      '::1/128                        ::                         Un   0   2     0 lo',
      'fe80::/64                      ::                         U    256 1     0 eth0',
      '::/0                           fe80::1                    UG   1024 2    0 eth0',
    ));
    assert.ok(!a.document.format.endsWith('-netstat') || a.document.format.startsWith('linux'), a.document.format);
  });

  test('a forced format reads the whole paste', () => {
    const a = analyze(lines('default 10.0.0.1 UGS em0'), { format: 'openbsd-netstat' });
    assert.deepEqual([a.document.format, a.document.routes.length], ['openbsd-netstat', 1]);
  });

  test('`netstat -r` without -n: localhost is read, other names are errors', () => {
    const a = analyze(lines(
      'Routing tables', '', 'Internet:',
      'Destination        Gateway            Flags     Netif Expire',
      'localhost          link#2             UH          lo0',
      'default            _gateway           UGS         em0',
    ));
    assert.equal(formatPrefix(a.document.routes[0]?.prefix ?? { family: 4, words: [0], len: 0 }), '127.0.0.1/32');
    assert.deepEqual(findings(a), ['parse-error@6 error']);
    assert.equal(a.findings[0]?.span.col, 19);
  });
});

describe('BSD netstat robustness', () => {
  test('a paste mixing netstat, ip route, prompts and garbage reads every readable line', () => {
    const a = analyze(lines(
      'me@mac:~$ netstat -rn',
      'Routing tables',
      '',
      'Internet:',
      'Destination        Gateway            Flags          Netif Expire',
      'default            192.168.1.1        UGScg            en0',
      '%%% garbage %%%',
      '192.168.1          link#15            UCS              en0      !',
      'this is not a route',
      '127.0.0.1          127.0.0.1          UH               lo0',
      '',
      'Internet6:',
      'Destination                             Gateway                                 Flags          Netif Expire',
      'fe80::%lo0/64                           fe80::1%lo0                             UcI              lo0',
      'me@linux:~$ ip route',
      '172.16.0.0/12 via 10.0.0.1 dev eth0',
      'garbage in the linux part',
      '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5',
    ));
    assert.deepEqual(a.document.sections.map((s) => [s.format, s.startLine]), [['macos-netstat', 0], ['linux-ip-route', 14]]);
    assert.deepEqual(a.document.routes.map((r) => r.span.line + 1), [6, 8, 10, 14, 16, 18]);
    assert.deepEqual(findings(a).filter((f) => f.startsWith('parse-error')), ['parse-error@7 error', 'parse-error@9 error', 'parse-error@17 error']);
    assert.deepEqual(findings(a).filter((f) => !f.startsWith('parse-error')), ['mixed-os@15 warning']);
    assert.equal(route(a, '192.168.1.9'), 'forward 192.168.1.0/24 en0 line 8');
  });

  test('unreadable cells are parse errors on the cell; the rest of the table is read', () => {
    const a = analyze(lines(
      'Routing tables', '', 'Internet:',
      'Destination        Gateway            Flags     Netif Expire',
      '300.1.2.3          link#1             U           em0',
      '10.0.0.0/8         not:a:gateway!     UGS         em0',
      '10.1.2.0/33        link#1             U           em0',
      '10.9.0.0/24        link#1             U           em0',
    ));
    assert.deepEqual(findings(a), ['parse-error@5 error', 'parse-error@6 error', 'parse-error@7 error']);
    assert.deepEqual([a.findings[0]?.span.col, a.findings[0]?.span.endCol], [0, 9]);
    assert.deepEqual([a.findings[1]?.span.col, a.findings[1]?.span.endCol], [19, 33]);
    assert.equal(a.document.routes.length, 1);
  });

  test('unknown flags are kept and reported; a route that is not up is skipped', () => {
    const a = analyze(lines(
      'Routing tables', '', 'Internet:',
      'Destination        Gateway            Flags     Netif Expire',
      'default            10.0.0.1           UGSZ        em0',
      '10.0.0.0/8         10.0.0.254         GS          em0',
      '10.0.0.0/24        link#1             U           em0',
    ));
    assert.deepEqual(findings(a), ['unknown-keyword@5 information']);
    assert.equal(a.document.routes[0]?.attributes.flags, 'UGSZ');
    assert.ok(a.document.routes[1]?.flags.includes('dead'));
    assert.equal(route(a, '10.9.9.9'), 'forward 0.0.0.0/0 em0 via 10.0.0.1 line 5');
  });

  test('notes after a route are comments; link#N is not', () => {
    const a = analyze(lines('Routing tables', '', 'Internet:', 'default   link#4   UCSg   utun3   # the VPN', '10.0.0.0/8   10.0.0.1   UGS   en0   #'));
    assert.deepEqual(findings(a), ['split-tunnel-exception@5 warning']);
    assert.deepEqual(a.document.routes.map((r) => [r.nexthops[0]?.device, r.span.endCol]), [['utun3', 31], ['en0', 33]]);
  });

  test('host bits past the length are a warning; the masked prefix is used', () => {
    const a = analyze(lines('Routing tables', '', 'Internet:', '10.1.2.3/8         10.0.0.1           UGS         em0'));
    assert.deepEqual(findings(a), ['invalid-prefix@4 warning']);
    assert.equal(formatPrefix(a.document.routes[0]?.prefix ?? { family: 4, words: [0], len: 0 }), '10.0.0.0/8');
  });

  test('10 MB lines are one parse error each and read in linear time', () => {
    const longToken = `1.${'2.'.repeat(5_000_000)}3 link#1 U em0`;
    const manyTokens = `10.0.0.0/8 link#1 U ${'x '.repeat(5_000_000)}`;
    const started = performance.now();
    const a = analyze(lines('Routing tables', '', 'Internet:', longToken, manyTokens, '10.0.0.0/24 link#1 U em0'));
    assert.ok(performance.now() - started < 3000);
    assert.deepEqual(findings(a), ['parse-error@4 error', 'parse-error@5 error']);
    assert.ok(a.findings.every((f) => f.message.length < 200));
    assert.equal(a.document.routes.length, 1);
  });
});
