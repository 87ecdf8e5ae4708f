import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { parseDocument } from '../../server/src/core/formats/parseDocument';
import { parsePromptLine } from '../../server/src/core/formats/shellPrompt';
import { windowsRoutePrintParser as parser } from '../../server/src/core/formats/windowsRoutePrint';
import { lookup } from './helpers';
import { describe1, findingCodes, routeOnLine, winRoute, windowsFixture, windowsText } from './windowsFixtures';

const RULE = '='.repeat(75);
const lines = (...l: string[]): string => l.join('\n');

describe('route print: English Windows 10 with OpenVPN', () => {
  const a = windowsFixture('route-print-win10-openvpn.txt');
  const doc = a.document;

  test('is detected without a prompt, as one Windows section', () => {
    assert.equal(doc.format, 'windows-route-print');
    assert.equal(doc.os, 'windows');
    assert.deepEqual(doc.sections.map((s) => `${s.format}@${s.startLine + 1}-${s.endLine + 1}`), ['windows-route-print@1-60']);
  });

  test('reads every IPv4 row with its effective metric, the interface address as device and source', () => {
    assert.equal(doc.routes.filter((r) => r.family === 4).length, 21);
    assert.equal(describe1(routeOnLine(doc, 13)), 'unicast 0.0.0.0/0 main 35 192.168.1.23 via 192.168.1.1');
    assert.equal(describe1(routeOnLine(doc, 14)), 'unicast 0.0.0.0/1 main 259 10.8.0.6 via 10.8.0.1');
    const r = routeOnLine(doc, 13);
    assert.equal(r.src && r.src.words[0], 0xc0a80117);
    assert.equal(r.metricExplicit, true);
    assert.deepEqual(r.prefixSpan, { line: 12, col: 10, endLine: 12, endCol: 17 });
    assert.equal(r.text, '0.0.0.0          0.0.0.0      192.168.1.1     192.168.1.23     35');
  });

  test('On-link routes: connected subnets, own addresses, broadcasts and multicast get their kernel types', () => {
    assert.equal(describe1(routeOnLine(doc, 23)), 'unicast 192.168.1.0/24 main 291 192.168.1.23');
    assert.equal(routeOnLine(doc, 23).proto, 'kernel');
    assert.equal(routeOnLine(doc, 24).type, 'local');
    assert.equal(routeOnLine(doc, 25).type, 'broadcast');
    assert.equal(routeOnLine(doc, 19).type, 'local');
    assert.equal(routeOnLine(doc, 21).type, 'broadcast');
    assert.deepEqual([27, 28, 29].map((l) => `${routeOnLine(doc, l).type} ${routeOnLine(doc, l).flags.join(',')}`),
      ['multicast scoped,interface-copy', 'multicast scoped,interface-copy', 'multicast ']);
    assert.deepEqual([30, 31, 32].map((l) => routeOnLine(doc, l).flags.includes('scoped')), [true, true, false]);
    assert.equal(routeOnLine(doc, 26).proto, undefined);
  });

  test('persistent routes go to the persistent table, which the lookup never searches', () => {
    const p = routeOnLine(doc, 36);
    assert.equal(describe1(p), 'unicast 10.20.0.0/16 persistent 1 - via 192.168.1.5');
    assert.equal(p.tableId, -1);
    assert.deepEqual(p.flags, ['persistent']);
    const r = lookup(a, '10.20.1.1');
    assert.equal(r.route?.span.line, 17);
    assert.ok(r.lost.some((l) => l.route === p && /re-adds at boot/.test(l.reason)));
  });

  test('IPv6 rows: If index joined to the Interface List, wrapped gateways read from the next line', () => {
    assert.equal(doc.routes.filter((r) => r.family === 6).length, 11);
    assert.equal(describe1(routeOnLine(doc, 43)), 'unicast ::/0 main 291 Intel(R) Wi-Fi 6 AX201 160MHz via fe80::1');
    const wrapped = routeOnLine(doc, 46);
    assert.equal(describe1(wrapped), 'local 2001:db8:1:0:8d1e:62ab:19c4:3f70/128 main 291 Intel(R) Wi-Fi 6 AX201 160MHz');
    assert.deepEqual(wrapped.span, { line: 45, col: 1, endLine: 46, endCol: 43 });
    assert.equal(routeOnLine(doc, 45).proto, 'kernel');
    assert.equal(routeOnLine(doc, 44).type, 'local');
    assert.deepEqual(doc.interfaces.map((i) => `${i.name}=${i.description ?? ''}`), [
      'If 14=TAP-Windows Adapter V9', 'If 11=Intel(R) Wi-Fi 6 AX201 160MHz',
      'If 5=Microsoft Wi-Fi Direct Virtual Adapter', 'If 1=Software Loopback Interface 1',
    ]);
    assert.equal(a.tunnels.isTunnel('TAP-Windows Adapter V9'), true);
    assert.equal(a.tunnels.isTunnel('Intel(R) Wi-Fi 6 AX201 160MHz'), false);
  });

  test('findings: the covered default, and one note listing the adapters known only by address', () => {
    assert.deepEqual(findingCodes(a), ['unknown-adapter@9', 'shadowed-route@13']);
    const note = a.findings[0];
    assert.equal(note?.severity, 'information');
    assert.match(note?.message ?? '', /Interfaces named by address: the adapter is unknown; paste `ipconfig \/all` to name them \(192\.168\.1\.23, 10\.8\.0\.6\)/);
  });

  test('resolutions follow longest prefix, then lowest metric', () => {
    assert.equal(winRoute(a, '8.8.8.8'), 'forward 0.0.0.0/1 10.8.0.6 via 10.8.0.1 line 14');
    assert.equal(winRoute(a, '198.51.100.7'), 'forward 198.51.100.7/32 192.168.1.23 via 192.168.1.1 line 26');
    assert.equal(winRoute(a, '192.168.1.23'), 'local 192.168.1.23/32 192.168.1.23 line 24');
    assert.equal(winRoute(a, '224.0.0.251'), 'multicast 224.0.0.0/4 10.8.0.6 line 29');
    assert.equal(winRoute(a, '2001:db8:1::99'), 'forward 2001:db8:1::/64 Intel(R) Wi-Fi 6 AX201 160MHz line 45');
    assert.equal(winRoute(a, 'ff02::fb'), 'multicast ff00::/8 TAP-Windows Adapter V9 line 55');
    assert.match(lookup(a, '8.8.8.8').steps[0] ?? '', /Windows rules/);
  });

  test('the same table with every run of spaces squeezed reads the same', () => {
    const squeezed = windowsFixture('route-print-squeezed.txt').document;
    assert.deepEqual(squeezed.routes.map(describe1), doc.routes.map(describe1));
    assert.deepEqual(squeezed.routes.map((r) => [r.span.line, r.span.endLine]), doc.routes.map((r) => [r.span.line, r.span.endLine]));
    assert.deepEqual(squeezed.findings.map((f) => f.code), doc.findings.map((f) => f.code));
  });
});

describe('route print: German Windows 11 with WireGuard', () => {
  const a = windowsFixture('route-print-de-wireguard.txt');
  const doc = a.document;

  test('`Auf Verbindung` is On-link, `Ständige Routen` persistent, `Standard` a default metric', () => {
    assert.equal(doc.format, 'windows-route-print');
    assert.equal(describe1(routeOnLine(doc, 13)), 'unicast 0.0.0.0/0 main 5 10.66.66.2');
    assert.equal(routeOnLine(doc, 13).attributes.gateway, 'Auf Verbindung');
    const standard = routeOnLine(doc, 32);
    assert.equal(describe1(standard), 'unicast 172.16.0.0/12 persistent 0 - via 192.168.178.2');
    assert.equal(standard.metricExplicit, false);
    assert.equal(standard.attributes.routeMetric, 'Standard');
    assert.equal(describe1(routeOnLine(doc, 39)), 'unicast ::/0 main 5 WireGuard Tunnel');
  });

  test('findings: the physical defaults lose on metric; an IPv6 range escapes the WireGuard tunnel', () => {
    assert.deepEqual(findingCodes(a), ['unknown-adapter@8', 'shadowed-route@12', 'shadowed-route@40', 'split-tunnel-exception@42']);
    assert.equal(winRoute(a, '1.1.1.1'), 'forward 0.0.0.0/0 10.66.66.2 line 13');
    assert.equal(winRoute(a, '2606:4700::1111'), 'forward ::/0 WireGuard Tunnel line 39');
    assert.equal(winRoute(a, '2001:db8:abcd::1'),
      'forward 2001:db8:abcd::/48 Intel(R) Ethernet Connection (7) I219-V via fe80::3a10:d5ff:fe6c:1f01 line 42');
  });
});

describe('route print in other display languages', () => {
  const cases: [string, number, string[], string][] = [
    ['route-print-fr.txt', 16, ['unknown-adapter@9'], 'forward 0.0.0.0/0 192.168.182.187 via 192.168.182.1 line 13'],
    ['route-print-zh-fortinet.txt', 10, ['unknown-adapter@9', 'shadowed-route@13'], 'forward 0.0.0.0/0 172.31.1.11 line 14'],
    ['route-print-ja.txt', 5, ['unknown-adapter@8'], 'forward 0.0.0.0/0 172.16.5.20 via 172.16.5.1 line 12'],
    ['route-print-ko.txt', 7, ['unknown-adapter@8'], 'forward 0.0.0.0/0 192.168.0.12 via 192.168.0.1 line 12'],
    ['route-print-es.txt', 6, ['unknown-adapter@7'], 'forward 0.0.0.0/0 192.168.1.35 via 192.168.1.1 line 11'],
  ];
  for (const [file, count, codes, answer] of cases) {
    test(`${file}: every row read, titles and the None word skipped silently`, () => {
      const a = windowsFixture(file);
      assert.equal(a.document.format, 'windows-route-print');
      assert.equal(a.document.routes.length, count);
      assert.deepEqual(findingCodes(a), codes);
      assert.equal(winRoute(a, '9.9.9.9'), answer);
      assert.ok(a.document.routes.filter((r) => r.table === 'main').every((r) => r.nexthops[0]?.device !== undefined));
    });
  }

  test('On-link words of every language are read as no gateway', () => {
    for (const file of ['route-print-zh-fortinet.txt', 'route-print-ja.txt', 'route-print-ko.txt', 'route-print-es.txt']) {
      const doc = windowsFixture(file).document;
      const connected = doc.routes.filter((r) => r.proto === 'kernel' && r.type === 'unicast');
      assert.ok(connected.length > 0, file);
      assert.ok(connected.every((r) => r.nexthops[0]?.gateway === undefined), file);
    }
  });

  test('a language without word lists is read by the position of its titles', () => {
    const a = analyze(lines(
      RULE, 'Arayüz Listesi',
      ' 7...52 54 00 12 34 56 ......Red Hat VirtIO Ethernet Adapter',
      '  1...........................Software Loopback Interface 1',
      RULE, '', 'IPv4 Yönlendirme Tablosu', RULE, 'Etkin Yönlendirmeler:',
      'Ağ Hedefi        Ağ Maskesi       Ağ Geçidi       Arabirim  Ölçüm',
      '          0.0.0.0          0.0.0.0       10.0.0.1        10.0.0.9     25',
      '         10.0.0.0    255.255.255.0          Bağlı        10.0.0.9    281',
      RULE, 'Kalıcı Yönlendirmeler:', '  Yok', RULE,
      '', 'IPv6 Yönlendirme Tablosu', RULE, 'Etkin Yönlendirmeler:',
      ' Arabirim Ölçüm Ağ Hedefi      Ağ Geçidi',
      '  7    281 fe80::/64                Bağlı',
      RULE, 'Kalıcı Yönlendirmeler:', '  Yok',
    ));
    assert.deepEqual(findingCodes(a, 'parse-error'), []);
    assert.deepEqual(a.document.routes.map(describe1), [
      'unicast 0.0.0.0/0 main 25 10.0.0.9 via 10.0.0.1', 'unicast 10.0.0.0/24 main 281 10.0.0.9',
      'unicast fe80::/64 main 281 Red Hat VirtIO Ethernet Adapter',
    ]);
  });
});

describe('route print: Windows XP', () => {
  const a = windowsFixture('route-print-xp.txt');
  const doc = a.document;

  test('hex interface indexes, gateways equal to the own address, and the Default Gateway line', () => {
    assert.deepEqual(doc.interfaces.map((i) => `${i.index}=${i.description ?? ''}`), [
      '1=MS TCP Loopback interface', '2=AMD PCNET Family PCI Ethernet Adapter - Packet Scheduler Miniport', '3=WAN (PPP/SLIP) Interface',
    ]);
    assert.equal(describe1(routeOnLine(doc, 11)), 'unicast 0.0.0.0/0 main 1 10.99.0.17');
    assert.equal(describe1(routeOnLine(doc, 14)), 'unicast 192.168.1.0/24 main 20 192.168.1.100');
    assert.equal(routeOnLine(doc, 15).type, 'local');
    assert.equal(routeOnLine(doc, 12).type, 'local');
    assert.equal(doc.routes.length, 10);
    assert.deepEqual(findingCodes(a), ['unknown-adapter@8', 'shadowed-route@10']);
    assert.equal(winRoute(a, '192.168.1.100'), 'local 192.168.1.100/32 127.0.0.1 line 15');
    assert.equal(winRoute(a, '198.51.100.20'), 'forward 198.51.100.20/32 192.168.1.100 via 192.168.1.1 line 17');
  });
});

describe('route print: unreadable lines', () => {
  test('bad netmask, metric, gateway and a wrapped row without its gateway are parse errors on the exact token', () => {
    const a = analyze(lines(
      'IPv4 Route Table', 'Active Routes:',
      '         10.0.0.0      255.0.255.0         On-link      10.0.0.9     25',
      '         10.1.0.0      255.255.0.0         On-link      10.0.0.9     x5',
      '         10.2.0.0      255.255.0.0        10.0.0.1.5    10.0.0.9     25',
      '         10.3.0.0      255.255.0.0         On-link      10.0.0.9',
      '         10.0.0.1        255.0.0.0         On-link      10.0.0.9     25',
      'IPv6 Route Table', 'Active Routes:',
      ' 12    281 2001:db8:1:2:3:4:5:6/128',
      ' 12    281 2001:db8::/64            On-link',
    ));
    const errors = a.findings.filter((f) => f.code === 'parse-error' || f.code === 'invalid-prefix')
      .map((f) => `${f.code}@${f.span.line + 1}:${f.span.col}-${f.span.endCol}`);
    assert.deepEqual(errors, [
      'parse-error@3:23-34', 'parse-error@4:69-71', 'parse-error@5:42-52', 'parse-error@6:9-64', 'invalid-prefix@7:9-17',
      'parse-error@10:1-35',
    ]);
    assert.deepEqual(a.document.routes.map(describe1), ['unicast 10.0.0.0/8 main 25 10.0.0.9', 'unicast 2001:db8::/64 main 281 If 12']);
  });

  test('pathological 10 MB lines are one parse error each, read in linear time', () => {
    const started = performance.now();
    const a = analyze(lines(RULE, 'Active Routes:', 'Network Destination Netmask Gateway Interface Metric',
      `${'1.'.repeat(2_500_000)} ${'9'.repeat(5_000_000)}`, `1${'.'.repeat(1_000_000)}x`, `0.0.0.0 ${'0 '.repeat(5_000_000)}`,
      `${' '.repeat(3_000)}0.0.0.0 0.0.0.0 ${'On-link '.repeat(1_000)}10.0.0.1 5`));
    assert.ok(performance.now() - started < 3000);
    assert.deepEqual(findingCodes(a, 'parse-error'), ['parse-error@4', 'parse-error@5', 'parse-error@6', 'parse-error@7']);
    assert.equal(a.document.routes.length, 0);
  });
});

describe('route print: detection', () => {
  test('claims `route print` in any case and with options, never `route -n`', () => {
    const claim = (line: string): boolean => parser.claims(parsePromptLine(line)!);
    assert.equal(claim('C:\\> route print'), true);
    assert.equal(claim('C:\\Windows\\system32>ROUTE.EXE PRINT -4'), true);
    assert.equal(claim('PS C:\\> route -4 print 10.*'), true);
    assert.equal(claim('$ route -n'), false);
  });

  test('headers: the rule line and the titles of every listed language; not Linux titles', () => {
    for (const h of [RULE, 'Interface List', 'Schnittstellenliste', "Liste d'Interfaces", '接口列表', 'IPv4 Route Table',
      'IPv6-Routentabelle', 'IPv4 ルート テーブル', 'IPv4 경로 테이블', 'Active Routes:', 'Itinéraires actifs :', '活动路由:',
      'Persistent Routes:', '固定ルート:', 'Network Destination        Netmask          Gateway       Interface  Metric']) {
      assert.equal(parser.isHeader(h), true, h);
    }
    for (const h of ['Kernel IPv6 routing table', 'Routing tables', '=====', 'IPv4', 'default via 10.0.0.1 dev eth0']) {
      assert.equal(parser.isHeader(h), false, h);
    }
  });

  test('Windows `netstat -rn` output after a prompt is read as route print', () => {
    const doc = parseDocument(`C:\\> netstat -rn\n${windowsText('route-print-fr.txt').split('\n').slice(1).join('\n')}`);
    assert.equal(doc.sections[0]?.format, 'windows-route-print');
    assert.equal(doc.routes.length, 16);
  });

  test('rows alone, without any title, are recognised by their shape', () => {
    const doc = parseDocument(lines(
      '          0.0.0.0          0.0.0.0      192.168.1.1     192.168.1.23     35',
      '      192.168.1.0    255.255.255.0         On-link      192.168.1.23    291',
    ));
    assert.equal(doc.format, 'windows-route-print');
    assert.equal(doc.routes.length, 2);
  });
});

describe('route print in a mixed paste', () => {
  test('every readable line is read; parse errors land exactly on the unreadable ones', () => {
    const a = windowsFixture('mixed-paste.txt');
    assert.deepEqual(a.document.sections.map((s) => s.format),
      ['windows-route-print', 'linux-ip-route', 'windows-get-netroute', 'windows-ipconfig']);
    assert.deepEqual(findingCodes(a, 'parse-error'), [
      'parse-error@13', 'parse-error@14', 'parse-error@16', 'parse-error@23', 'parse-error@30', 'parse-error@40',
    ]);
    assert.deepEqual(a.document.routes.map((r) => r.span.line + 1), [12, 15, 17, 22, 24, 29, 31]);
    assert.deepEqual(findingCodes(a, 'mixed-os'), ['mixed-os@21']);
    assert.equal(a.document.interfaces.find((i) => i.name === 'Ethernet')?.addresses.length, 1);
  });
});
