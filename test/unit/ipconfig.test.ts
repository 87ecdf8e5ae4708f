import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { ipconfigParser as parser } from '../../server/src/core/formats/ipconfig';
import { parseDocument } from '../../server/src/core/formats/parseDocument';
import { parsePromptLine } from '../../server/src/core/formats/shellPrompt';
import { joinWindowsInterfaces } from '../../server/src/core/formats/windowsJoin';
import { formatAddress } from '../../server/src/core/net/address';
import { describe1, findingCodes, joined, routeOnLine, windowsFixture, windowsText } from './windowsFixtures';

const lines = (...l: string[]): string => l.join('\n');

describe('ipconfig /all', () => {
  const a = windowsFixture('ipconfig-all-openvpn.txt');
  const doc = a.document;

  test('one interface per adapter: its connection name, Description, addresses and link-local index', () => {
    assert.equal(doc.format, 'windows-ipconfig');
    assert.equal(doc.os, 'windows');
    assert.equal(doc.routes.length, 0);
    assert.deepEqual(a.findings, []);
    assert.deepEqual(doc.interfaces.map((i) => `${i.name}|${i.description ?? ''}|${i.index ?? ''}|${i.addresses.map(formatAddress).join(',')}`), [
      'OpenVPN TAP|TAP-Windows Adapter V9|14|fe80::9c4b:21ff:fe3a:1d2e,10.8.0.6',
      'Local Area Connection* 2|Microsoft Wi-Fi Direct Virtual Adapter||',
      'Wi-Fi|Intel(R) Wi-Fi 6 AX201 160MHz|11|2001:db8:1::23,2001:db8:1:0:8d1e:62ab:19c4:3f70,fe80::b1c3:7a2f:e4d0:5c19,192.168.1.23',
    ]);
    const tap = doc.interfaces[0];
    assert.deepEqual(tap?.aliases, ['fe80::9c4b:21ff:fe3a:1d2e', '10.8.0.6', 'TAP-Windows Adapter V9']);
    assert.deepEqual(tap?.span, { line: 9, col: 0, endLine: 24, endCol: 46 });
  });

  test('the TAP adapter is a tunnel under its name and its address; Wi-Fi is not', () => {
    assert.equal(a.tunnels.isTunnel('OpenVPN TAP'), true);
    assert.equal(a.tunnels.isTunnel('10.8.0.6'), true);
    assert.equal(a.tunnels.isTunnel('Wi-Fi'), false);
  });

  test('German labels and adapter titles', () => {
    const de = windowsFixture('ipconfig-all-de-wireguard.txt').document;
    assert.deepEqual(de.interfaces.map((i) => `${i.name}|${i.description ?? ''}|${i.addresses.map(formatAddress).join(',')}`), [
      'Ethernet|Intel(R) Ethernet Connection (7) I219-V|fe80::5d1c:8e2b:a4f0:7c31,192.168.178.20',
      'buero-wg|WireGuard Tunnel|fd42:42:42::2,10.66.66.2',
    ]);
    assert.deepEqual(de.findings, []);
  });

  test('French labels and adapter titles', () => {
    const fr = analyze(lines(
      'Configuration IP de Windows', '',
      'Carte Ethernet Ethernet 2 :', '',
      '   Suffixe DNS propre à la connexion. . . : home',
      '   Description. . . . . . . . . . . . . . : Realtek PCIe GbE Family Controller',
      '   Adresse IPv6 de liaison locale. . . . .: fe80::c1d:9a2:4e7b:51f0%7(préféré)',
      '   Adresse IPv4. . . . . . . . . . . . . .: 192.168.1.20(préféré)',
      '   Masque de sous-réseau. . . . . . . . . : 255.255.255.0',
      '   Passerelle par défaut. . . . . . . . . : 192.168.1.254', '',
      'Carte réseau sans fil Wi-Fi :', '',
      '   Statut du média. . . . . . . . . . . . : Média déconnecté',
    ));
    assert.deepEqual(fr.document.interfaces.map((i) => `${i.name}|${i.index ?? ''}|${i.addresses.map(formatAddress).join(',')}`), [
      'Ethernet 2|7|fe80::c1d:9a2:4e7b:51f0,192.168.1.20', 'Wi-Fi||',
    ]);
    assert.deepEqual(fr.findings, []);
  });
});

describe('ipconfig in East Asian languages', () => {
  test('Chinese and Korean titles, labels and state suffixes', () => {
    const a = analyze(lines(
      'Windows IP 配置', '',
      '以太网适配器 以太网:', '',
      '   连接特定的 DNS 后缀 . . . . . . . :',
      '   描述. . . . . . . . . . . . . . . : Realtek PCIe GbE Family Controller',
      '   本地链接 IPv6 地址. . . . . . . . : fe80::5cf1:1d2a:9b7e:2c11%6(首选)',
      '   IPv4 地址 . . . . . . . . . . . . : 192.168.3.3(首选)',
      '   子网掩码  . . . . . . . . . . . . : 255.255.255.0',
      '   默认网关. . . . . . . . . . . . . : 192.168.3.1', '',
      'Windows IP 구성', '',
      '이더넷 어댑터 VMware Network Adapter VMnet8:', '',
      '   IPv4 주소 . . . . . . . . . : 192.168.136.1(기본 설정)',
      '   서브넷 마스크 . . . . . . . : 255.255.255.0',
      '   기본 게이트웨이 . . . . . . :',
    ));
    assert.deepEqual(a.document.interfaces.map((i) => `${i.name}|${i.description ?? ''}|${i.index ?? ''}|${i.addresses.map(formatAddress).join(',')}`), [
      '以太网|Realtek PCIe GbE Family Controller|6|fe80::5cf1:1d2a:9b7e:2c11,192.168.3.3',
      'VMware Network Adapter VMnet8|이더넷 어댑터 VMware Network Adapter VMnet8||192.168.136.1',
    ]);
    assert.deepEqual(a.findings, []);
  });
});

describe('plain ipconfig', () => {
  test('without Description lines, the adapter title describes it: a PPP adapter is a tunnel', () => {
    const a = windowsFixture('ipconfig-plain.txt');
    assert.deepEqual(a.document.sections.map((s) => `${s.format} ${s.command ?? ''}`), ['windows-ipconfig ipconfig']);
    assert.deepEqual(a.document.interfaces.map((i) => `${i.name}|${i.description ?? ''}`), [
      'Ethernet 2|Ethernet adapter Ethernet 2', 'Branch VPN|PPP adapter Branch VPN', 'Wi-Fi|Wireless LAN adapter Wi-Fi',
    ]);
    assert.equal(a.tunnels.isTunnel('Branch VPN'), true);
    assert.equal(a.tunnels.isTunnel('172.29.8.5'), true);
    assert.equal(a.tunnels.isTunnel('Wi-Fi'), false);
    assert.deepEqual(a.findings, []);
  });
});

describe('ipconfig: unreadable lines and detection', () => {
  test('text that is neither a title nor `Label : value` is a parse error', () => {
    const a = analyze(lines(
      'C:\\> ipconfig', 'Windows IP Configuration',
      'Ethernet adapter Ethernet:',
      '   IPv4 Address. . . . . . . . . . . : 192.168.1.50',
      '   %%% pasted twice %%%',
      'random words here',
      `   ${'x '.repeat(100_000)}`,
      '   Subnet Mask . . . . . . . . . . . : 255.255.255.0',
    ));
    assert.deepEqual(findingCodes(a), ['parse-error@5', 'parse-error@6', 'parse-error@7']);
    assert.equal(a.document.interfaces[0]?.addresses.length, 1);
  });

  test('claims `ipconfig` and `/all` only; other switches are another format', () => {
    const claim = (line: string): boolean => parser.claims(parsePromptLine(line)!);
    assert.equal(claim('C:\\> ipconfig'), true);
    assert.equal(claim('C:\\Users\\x>IPCONFIG.EXE /ALL'), true);
    assert.equal(claim('PS C:\\> ipconfig -all'), true);
    assert.equal(claim('C:\\> ipconfig /displaydns'), false);
    const doc = parseDocument(lines('C:\\> ipconfig /flushdns', '', 'Windows IP Configuration', '', 'Successfully flushed the DNS Resolver Cache.'));
    assert.deepEqual(doc.findings, []);
    assert.deepEqual(doc.interfaces, []);
  });

  test('titles: `Windows IP Configuration` in several languages and adapter titles', () => {
    for (const h of ['Windows IP Configuration', 'Windows-IP-Konfiguration', 'Configuration IP de Windows', 'Windows IP 配置',
      'Ethernet adapter Ethernet:', 'PPP-Adapter VPN:', 'Carte réseau sans fil Wi-Fi :']) {
      assert.equal(parser.isHeader(h), true, h);
    }
    for (const h of ['   Connection-specific DNS Suffix  . :', 'Internet:', 'Routing tables']) assert.equal(parser.isHeader(h), false, h);
  });
});

describe('joining Windows routes with the adapters ipconfig describes', () => {
  test('route print + ipconfig /all: IPv4 and IPv6 routes use the adapter names, the note is gone', () => {
    const a = windowsFixture('route-print-win10-openvpn.txt', 'ipconfig-all-openvpn.txt');
    const doc = joined(a);
    assert.deepEqual(doc.sections.map((s) => s.format), ['windows-route-print', 'windows-ipconfig']);
    assert.equal(describe1(routeOnLine(doc, 14)), 'unicast 0.0.0.0/1 main 259 OpenVPN TAP via 10.8.0.1');
    assert.equal(describe1(routeOnLine(doc, 26)), 'unicast 198.51.100.7/32 main 35 Wi-Fi via 192.168.1.1');
    assert.equal(describe1(routeOnLine(doc, 43)), 'unicast ::/0 main 291 Wi-Fi via fe80::1');
    assert.equal(describe1(routeOnLine(doc, 48)), 'unicast fe80::/64 main 281 OpenVPN TAP');
    assert.equal(routeOnLine(doc, 19).nexthops[0]?.device, '127.0.0.1');
    assert.equal(routeOnLine(doc, 14).attributes.interface, '10.8.0.6');
    assert.equal(doc.findings.some((f) => f.code === 'unknown-adapter'), false);
    assert.equal(a.tunnels.isTunnel('OpenVPN TAP'), true);
    // The tunnel is known through the adapter's addresses even before the join.
    assert.deepEqual(findingCodes(a, 'shadowed-route', 'split-tunnel-exception'),
      ['shadowed-route@13', 'split-tunnel-exception@18', 'split-tunnel-exception@26']);
    assert.equal(a.findings.find((f) => f.span.line === 25)?.severity, 'information');
    assert.equal(a.findings.find((f) => f.span.line === 17)?.severity, 'warning');
  });

  test('German route print + ipconfig: IPv6 devices joined by Description and by link-local index', () => {
    const a = windowsFixture('route-print-de-wireguard.txt', 'ipconfig-all-de-wireguard.txt');
    const doc = joined(a);
    assert.equal(describe1(routeOnLine(doc, 13)), 'unicast 0.0.0.0/0 main 5 buero-wg');
    assert.equal(describe1(routeOnLine(doc, 39)), 'unicast ::/0 main 5 buero-wg');
    assert.equal(describe1(routeOnLine(doc, 42)), 'unicast 2001:db8:abcd::/48 main 281 Ethernet via fe80::3a10:d5ff:fe6c:1f01');
    assert.deepEqual(findingCodes(a, 'split-tunnel-exception'), ['split-tunnel-exception@14', 'split-tunnel-exception@42']);
  });

  test('Get-NetRoute indexes are joined through ipconfig link-local zones; unmatched ones stay listed', () => {
    const text = lines(
      'PS C:\\> Get-NetRoute', '',
      'ifIndex DestinationPrefix NextHop RouteMetric ifMetric PolicyStore',
      '------- ----------------- ------- ----------- -------- -----------',
      '14 0.0.0.0/1 10.8.0.1 0 259 ActiveStore',
      '11 0.0.0.0/0 192.168.1.1 0 35 ActiveStore',
      '9 10.9.0.0/16 10.9.0.1 0 35 ActiveStore',
      '',
      windowsText('ipconfig-all-openvpn.txt'),
    );
    const a = analyze(text);
    const doc = joinWindowsInterfaces(a.document);
    assert.deepEqual(doc.routes.map((r) => r.nexthops[0]?.device), ['OpenVPN TAP', 'Wi-Fi', 'ifIndex 9']);
    const note = doc.findings.find((f) => f.code === 'unknown-adapter');
    assert.match(note?.message ?? '', /named by index: .*\(ifIndex 9\)/);
    assert.deepEqual(note?.routeIds, [2]);
  });

  test('pure and idempotent; documents without Windows routes come back unchanged', () => {
    const a = windowsFixture('route-print-win10-openvpn.txt', 'ipconfig-all-openvpn.txt');
    // parseDocument joins already, so joining again changes nothing, and the adapter name replaced the address.
    const once = joined(a);
    assert.deepEqual(joinWindowsInterfaces(once), once);
    assert.deepEqual(once, a.document);
    assert.notEqual(a.document.routes[1]?.nexthops[0]?.device, '10.8.0.6');
    const linux = parseDocument('default via 10.0.0.1 dev eth0');
    assert.equal(joinWindowsInterfaces(linux), linux);
    const alone = windowsFixture('route-print-fr.txt').document;
    assert.equal(joinWindowsInterfaces(alone), alone);
  });
});
