import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { getNetRouteParser as parser } from '../../server/src/core/formats/getNetRoute';
import { parseDocument } from '../../server/src/core/formats/parseDocument';
import { parsePromptLine } from '../../server/src/core/formats/shellPrompt';
import { describe1, findingCodes, routeOnLine, winRoute, windowsFixture, windowsText } from './windowsFixtures';

const lines = (...l: string[]): string => l.join('\n');
const HEAD = [
  'ifIndex DestinationPrefix                              NextHop                                  RouteMetric ifMetric PolicyStore',
  '------- -----------------                              -------                                  ----------- -------- -----------',
];

describe('Get-NetRoute: the default table', () => {
  const a = windowsFixture('get-netroute-table.txt');
  const doc = a.document;

  test('is claimed by its prompt; every row becomes a route with RouteMetric + ifMetric as its metric', () => {
    assert.deepEqual(doc.sections.map((s) => `${s.format} ${s.command ?? ''}`), ['windows-get-netroute Get-NetRoute']);
    assert.equal(doc.os, 'windows');
    assert.equal(doc.routes.length, 25);
    const r = routeOnLine(doc, 22);
    assert.equal(describe1(r), 'unicast 0.0.0.0/0 main 35 ifIndex 17 via 192.168.0.1');
    assert.deepEqual([r.attributes.routeMetric, r.attributes.interfaceMetric, r.attributes.ifIndex, r.attributes.PolicyStore],
      ['0', '35', '17', 'ActiveStore']);
    assert.deepEqual(r.prefixSpan, { line: 21, col: 8, endLine: 21, endCol: 17 });
  });

  test('NextHop 0.0.0.0 and :: are On-link; own addresses, broadcasts and multicast get their types', () => {
    assert.equal(describe1(routeOnLine(doc, 20)), 'unicast 0.0.0.0/1 main 5 ifIndex 31');
    assert.equal(routeOnLine(doc, 12).type, 'local');
    assert.equal(routeOnLine(doc, 11).type, 'broadcast');
    assert.equal(routeOnLine(doc, 13).proto, 'kernel');
    assert.equal(routeOnLine(doc, 18).type, 'local');
    assert.equal(routeOnLine(doc, 16).type, 'broadcast');
    assert.equal(routeOnLine(doc, 26).type, 'local');
    assert.deepEqual([8, 9, 10].map((l) => routeOnLine(doc, l).flags.join(',')), ['', 'scoped,interface-copy', 'scoped,interface-copy']);
  });

  test('a truncated `Persiste...` store with an empty ifMetric is a persistent route', () => {
    const p = routeOnLine(doc, 14);
    assert.equal(describe1(p), 'unicast 172.20.0.0/16 persistent 256 ifIndex 17 via 192.168.0.1');
    assert.equal(p.attributes.interfaceMetric, undefined);
    assert.equal(p.tableId, -1);
  });

  test('findings and resolutions', () => {
    assert.deepEqual(findingCodes(a), ['unknown-adapter@3', 'shadowed-route@22']);
    assert.match(a.findings[0]?.message ?? '', /Interfaces named by index: .*\(ifIndex 31, ifIndex 17\)/);
    assert.equal(winRoute(a, '8.8.8.8'), 'forward 0.0.0.0/1 ifIndex 31 line 20');
    assert.equal(winRoute(a, '172.20.3.4'), 'forward 172.20.0.0/16 ifIndex 17 via 192.168.0.1 line 15');
    assert.equal(winRoute(a, '2001:db8::1'), 'forward ::/0 ifIndex 17 via fe80::1 line 28');
    assert.deepEqual(doc.interfaces.map((i) => `${i.name}/${i.index}`), ['ifIndex 31/31', 'ifIndex 17/17', 'ifIndex 1/1']);
  });

  test('rows whose spaces a forum squeezed read the same', () => {
    const squeezed = analyze(windowsText('get-netroute-table.txt').replace(/ +/g, ' '));
    assert.deepEqual(squeezed.document.routes.map(describe1), doc.routes.map(describe1));
    assert.deepEqual(findingCodes(squeezed), findingCodes(a));
  });
});

describe('Get-NetRoute: Format-Table with InterfaceAlias', () => {
  const a = windowsFixture('get-netroute-alias.txt');
  const doc = a.document;

  test('aliases with spaces are read whole and become the devices, recorded as interfaces', () => {
    assert.equal(describe1(routeOnLine(doc, 17)), 'unicast 169.254.0.0/16 main 281 Local Area Connection* 12');
    assert.deepEqual(doc.interfaces.map((i) => `${i.name}|${i.aliases.join(',')}|${i.index}`), [
      'NordLynx|ifIndex 31|31', 'Wi-Fi|ifIndex 17|17', 'Local Area Connection* 12|ifIndex 24|24',
    ]);
    assert.equal(a.tunnels.isTunnel('NordLynx'), true);
    assert.equal(a.tunnels.isTunnel('Wi-Fi'), false);
  });

  test('NordLynx full tunnel: the default is covered, the server host route and one subnet escape it', () => {
    assert.deepEqual(findingCodes(a), ['split-tunnel-exception@14', 'shadowed-route@21', 'split-tunnel-exception@22']);
    const server = a.findings.find((f) => f.span.line === 21);
    assert.equal(server?.severity, 'information');
    assert.equal(winRoute(a, '203.0.113.40'), 'forward 203.0.113.40/32 Wi-Fi via 192.168.0.1 line 22');
    assert.equal(winRoute(a, '1.1.1.1'), 'forward 0.0.0.0/1 NordLynx line 19');
    assert.equal(winRoute(a, '169.254.1.1'), 'forward 169.254.0.0/16 Local Area Connection* 12 line 17');
  });
});

describe('Get-NetRoute: Format-List', () => {
  const a = windowsFixture('get-netroute-list.txt');
  const doc = a.document;

  test('each `Key : Value` block is a route spanning its lines; Store decides the table', () => {
    assert.equal(doc.routes.length, 8);
    const first = routeOnLine(doc, 3);
    assert.equal(describe1(first), 'unicast 0.0.0.0/1 main 5 wg-office');
    assert.deepEqual(first.span, { line: 2, col: 0, endLine: 12, endCol: 45 });
    assert.deepEqual(first.prefixSpan, { line: 2, col: 20, endLine: 2, endCol: 29 });
    assert.equal(first.attributes.Protocol, 'NetMgmt');
    assert.equal(describe1(routeOnLine(doc, 75)), 'unicast 10.30.0.0/16 persistent 1 Ethernet via 192.168.10.254');
    assert.equal(routeOnLine(doc, 27).type, 'local');
    assert.equal(routeOnLine(doc, 51).proto, 'kernel');
  });

  test('findings and resolutions', () => {
    assert.deepEqual(findingCodes(a), ['shadowed-route@39', 'split-tunnel-exception@87']);
    assert.equal(winRoute(a, '10.30.9.9'), 'forward 10.30.0.0/16 Ethernet via 192.168.10.254 line 87');
    assert.equal(winRoute(a, '192.168.10.57'), 'local 192.168.10.57/32 Ethernet line 63');
  });

  test('an unknown property is kept and reported once; a block without DestinationPrefix is an error', () => {
    const b = analyze(lines(
      'PS C:\\> Get-NetRoute | fl *', '',
      'DestinationPrefix : 10.0.0.0/8', 'NextHop           : 10.1.1.1', 'RouteMetric       : 5', 'ifIndex           : 4', 'FancyNewThing     : yes', '',
      'DestinationPrefix : 10.9.0.0/16', 'NextHop           : 10.1.1.1', 'RouteMetric       : 5', 'ifIndex           : 4', 'FancyNewThing     : no', '',
      'NextHop           : 10.1.1.1', 'RouteMetric       : 5', '',
    ));
    assert.deepEqual(findingCodes(b, 'unknown-keyword', 'parse-error'), ['unknown-keyword@7', 'parse-error@15']);
    assert.equal(b.document.routes[0]?.attributes.FancyNewThing, 'yes');
    assert.equal(b.document.routes.length, 2);
  });
});

describe('Get-NetRoute: unreadable lines and detection', () => {
  test('truncated prefixes, wrong values and stray text are parse errors; PowerShell errors are skipped', () => {
    const a = analyze(lines(
      'PS C:\\> Get-NetRoute', '', ...HEAD,
      '12      2001:db8:1234:5678:9abc:def0:1234:5678/1...  ::                                               256 25       ActiveStore',
      '12      10.0.0.0/8                                     10.0.0.300                                       256 25       ActiveStore',
      '12      10.0.0.0/8                                     10.0.0.1                                         256 25       ActiveStore',
      'something else entirely',
      'PS C:\\> Get-NetRoute -DestinationPrefix 192.0.2.0/24',
      'Get-NetRoute : No matching MSFT_NetRoute objects found by CIM query for instances of the ROOT/StandardCimv2/MSFT_NetRoute class',
      'At line:1 char:1',
      '+ Get-NetRoute -DestinationPrefix 192.0.2.0/24',
      '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : ObjectNotFound: (MSFT_NetRoute:String) [Get-NetRoute], CimJobException',
      '    + FullyQualifiedErrorId : CmdletizationQuery_NotFound,Get-NetRoute',
    ));
    assert.deepEqual(findingCodes(a, 'parse-error'), ['parse-error@5', 'parse-error@6', 'parse-error@8']);
    assert.match(a.findings.find((f) => f.span.line === 4)?.message ?? '', /Format-Table -AutoSize/);
    assert.equal(a.document.routes.length, 1);
  });

  test('claims Get-NetRoute pipelines; recognises its table title and Format-List blocks without a prompt', () => {
    const claim = (line: string): boolean => parser.claims(parsePromptLine(line)!);
    assert.equal(claim('PS C:\\> Get-NetRoute -AddressFamily IPv6 | Format-Table -AutoSize'), true);
    assert.equal(claim('PS C:\\> get-netroute | fl'), true);
    assert.equal(claim('PS C:\\> Get-NetIPInterface'), false);
    assert.equal(parser.isHeader(HEAD[0] as string), true);
    assert.equal(parser.isHeader('DestinationPrefix : 0.0.0.0/0'), true);
    assert.equal(parser.isHeader('NextHop : 0.0.0.0'), false);
    const doc = parseDocument(windowsText('get-netroute-list.txt').split(/\r?\n/).slice(2).join('\n'));
    assert.equal(doc.format, 'windows-get-netroute');
    assert.equal(doc.routes.length, 8);
  });

  test('a pathological 10 MB line is one parse error, read in linear time', () => {
    const started = performance.now();
    const a = analyze(lines('PS C:\\> Get-NetRoute', ...HEAD, `12 ${'x '.repeat(5_000_000)}`, `DestinationPrefix : ${'1'.repeat(10_000_000)}`));
    assert.ok(performance.now() - started < 3000);
    assert.deepEqual(findingCodes(a, 'parse-error'), ['parse-error@4', 'parse-error@5']);
  });
});
