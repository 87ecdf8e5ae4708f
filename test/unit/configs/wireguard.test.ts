import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Analysis, analyze } from '../../../server/src/core/analyze';
import { analyzeWireGuard } from '../../../server/src/core/configs/wireguard';
import { KEY, codes, fixture, routesDump, wg } from './wireguardHelpers';

/** What each fixture must report, as `code@line`; test/fixtures/wireguard/README.md says why. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'full-tunnel.conf': [],
  'split-tunnel.conf': [],
  'overlapping-peers.conf': ['overlapping-allowed-ips@9', 'overlapping-allowed-ips@9', 'overlapping-allowed-ips@19'],
  'ipv6-leak.conf': ['ipv6-leak@9'],
  'endpoint-in-tunnel.conf': ['endpoint-in-tunnel@9'],
  'endpoint-table-off.conf': ['endpoint-in-tunnel@11'],
  'dns-outside.conf': ['dns-outside-tunnel@5'],
  'bad-keys.conf': ['invalid-key@2', 'invalid-key@6', 'invalid-key@7', 'duplicate-public-key@16', 'missing-public-key@19'],
  'malformed.conf': [
    'parse-error@1', 'address-is-network@4', 'address-is-network@4', 'invalid-address@4', 'invalid-port@5', 'invalid-value@6',
    'invalid-value@7', 'invalid-value@8', 'invalid-address@9', 'invalid-value@10', 'unknown-key@11', 'invalid-allowed-ips@15',
    'invalid-allowed-ips@15', 'invalid-allowed-ips@15', 'unknown-key@16', 'invalid-port@17', 'invalid-value@18', 'parse-error@19',
    'parse-error@21',
  ],
  'hub.conf': ['overlapping-allowed-ips@40'],
  'wg-show.txt': ['overlapping-allowed-ips@10'],
  'wg-show-keys.txt': [],
};

describe('wireguard fixtures', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    test(name, () => {
      assert.deepEqual(codes(analyzeWireGuard(fixture(name), {})), expected);
    });
  }

  test('formats: config files and wg show output', () => {
    assert.equal(analyzeWireGuard(fixture('hub.conf')).format, 'wireguard');
    assert.equal(analyzeWireGuard(fixture('wg-show.txt')).format, 'wireguard-show');
  });

  test('severities', () => {
    const overlapping = analyzeWireGuard(fixture('overlapping-peers.conf')).findings.map((f) => f.severity);
    assert.deepEqual(overlapping, ['information', 'warning', 'warning']);
    assert.equal(analyzeWireGuard(fixture('endpoint-table-off.conf')).findings[0]?.severity, 'information');
    assert.equal(analyzeWireGuard(fixture('endpoint-in-tunnel.conf')).findings[0]?.severity, 'warning');
    const malformed = analyzeWireGuard(fixture('malformed.conf')).findings;
    assert.deepEqual(malformed.filter((f) => f.code === 'invalid-allowed-ips').map((f) => f.severity), ['warning', 'error', 'error']);
  });
});

describe('wireguard reading', () => {
  test('keys are case-insensitive, spaces around = are free, # comments anywhere', () => {
    const a = wg(`
[interface]
privatekey=${KEY.a}   # trailing comment
ADDRESS   =   10.0.0.2/24 ,fd00::2/64
[PEER]
publickey = ${KEY.b}
allowedips = 10.0.0.0/24
Allowed IPs = 10.9.0.0/16
`);
    assert.deepEqual(codes(a), []);
    const config = a.state.devices[0]?.config;
    assert.deepEqual(config?.interface.addresses.map((x) => x.text), ['10.0.0.2/24', 'fd00::2/64']);
    assert.deepEqual(config?.peers[0]?.allowedIps.map((x) => x.text), ['10.0.0.0/24', '10.9.0.0/16']);
  });

  test('DNS: addresses are servers, anything else a search domain (as wg-quick decides)', () => {
    const iface = wg(`
[Interface]
PrivateKey = ${KEY.a}
DNS = 10.0.0.53 corp.example, fd00::53
`).state.devices[0]?.config.interface;
    assert.deepEqual(iface?.dns.map((d) => d.text), ['10.0.0.53', 'fd00::53']);
    assert.deepEqual(iface?.searchDomains, ['corp.example']);
  });

  test('Endpoint forms: name, IPv4, [IPv6] and the unbracketed IPv6 wg also accepts', () => {
    const peers = wg(`
[Interface]
PrivateKey = ${KEY.a}
[Peer]
PublicKey = ${KEY.b}
Endpoint = vpn.example.com:51820
[Peer]
PublicKey = ${KEY.c}
Endpoint = 192.0.2.1:4500
[Peer]
PublicKey = ${KEY.d}
Endpoint = [2001:db8::1]:51820
[Peer]
PublicKey = ${KEY.e}
Endpoint = 2001:db8::2:51820
`).state.devices[0]?.config.peers ?? [];
    assert.deepEqual(peers.map((p) => [p.endpoint?.host, p.endpoint?.address !== undefined, p.endpoint?.port]), [
      ['vpn.example.com', false, 51820], ['192.0.2.1', true, 4500], ['2001:db8::1', true, 51820], ['2001:db8::2', true, 51820],
    ]);
  });

  test('Table, FwMark and PersistentKeepalive values', () => {
    const a = wg(`
[Interface]
PrivateKey = ${KEY.a}
Table = 1234
FwMark = 0xca6c
[Peer]
PublicKey = ${KEY.b}
PersistentKeepalive = off
`);
    assert.deepEqual(codes(a), []);
    const device = a.state.devices[0];
    assert.deepEqual(device?.config.interface.table, { kind: 'table', name: '1234' });
    assert.equal(device?.config.interface.fwmark, 0xca6c);
    assert.equal(device?.config.peers[0]?.keepalive, 0);
  });

  test('peer names: Name comment above, friendly_name inside, PiVPN markers, else the key prefix', () => {
    const names = wg(`
[Interface]
PrivateKey = ${KEY.a}
# Name = laptop
[Peer]
PublicKey = ${KEY.b}
[Peer]
# friendly_name = phone
PublicKey = ${KEY.c}
### begin tablet ###
[Peer]
PublicKey = ${KEY.d}
### end tablet ###
[Peer]
PublicKey = ${KEY.e}
`).symbols.filter((s) => s.kind === 'peer').map((s) => s.name);
    assert.deepEqual(names, ['laptop', 'phone', 'tablet', `${KEY.e.slice(0, 8)}…`]);
  });

  test('parse errors have exact ranges and the rest is still read', () => {
    const a = wg(`
[Interface]
PrivateKey = ${KEY.a}
  garbage here
[Peer]
PublicKey = ${KEY.b}
AllowedIPs = 10.0.0.0/8
`);
    const error = a.findings.find((f) => f.code === 'parse-error');
    assert.deepEqual(error?.span, { line: 2, col: 2, endLine: 2, endCol: 14 });
    assert.equal(a.state.devices[0]?.config.peers[0]?.allowedIps.length, 1);
  });

  test('unknown keys suggest the key that was meant, or the section it belongs in', () => {
    const messages = wg(`
[Interface]
PrivateKey = ${KEY.a}
AllowedIPs = 10.0.0.0/8
ListenPrt = 51820
[Peer]
PublicKey = ${KEY.b}
Keepalive = 25
DNS = 1.1.1.1
Colour = blue
`).findings.filter((f) => f.code === 'unknown-key').map((f) => f.message);
    assert.match(messages[0] ?? '', /AllowedIPs belongs in \[Peer\]/);
    assert.match(messages[1] ?? '', /did you mean ListenPort\?/);
    assert.match(messages[2] ?? '', /did you mean PersistentKeepalive\?/);
    assert.match(messages[3] ?? '', /DNS belongs in \[Interface\]/);
    assert.doesNotMatch(messages[4] ?? '', /did you mean/);
  });

  test('invalid-key points at the value and never repeats it', () => {
    const bad = `${KEY.b.slice(0, 30)}!!${KEY.b.slice(32)}`;
    const a = wg(`
[Interface]
PrivateKey = ${KEY.a.slice(0, 43)}
[Peer]
PublicKey = ${bad}
`);
    assert.deepEqual(codes(a), ['invalid-key@2', 'invalid-key@4']);
    assert.deepEqual(a.findings[1]?.span, { line: 3, col: 12, endLine: 3, endCol: 56 });
    for (const f of a.findings) assert.ok(!f.message.includes(bad) && !f.message.includes(KEY.a.slice(0, 20)));
  });

  test('missing-private-key for a config without one, not for wg show output', () => {
    assert.deepEqual(codes(wg(`
[Interface]
ListenPort = 51820
`)), ['missing-private-key@1']);
    assert.deepEqual(codes(analyzeWireGuard(fixture('wg-show-keys.txt'))), []);
  });

  test('address-is-network leaves /31 and /32 alone', () => {
    assert.deepEqual(codes(wg(`
[Interface]
PrivateKey = ${KEY.a}
Address = 10.0.0.0/31, 10.0.0.0/32, 10.0.1.0/24, fd00::/64
`)), ['address-is-network@3', 'address-is-network@3']);
  });
});

describe('wireguard edge cases', () => {
  test('wg show all: one device per interface, each with its own cryptokey routing', () => {
    const a = wg(`
interface: wg0
  listening port: 51820

peer: ${KEY.b}
  allowed ips: 10.0.0.0/8

interface: wg1
  listening port: 51821

peer: ${KEY.c}
  allowed ips: 10.0.0.0/8
`);
    assert.equal(a.state.devices.length, 2);
    assert.deepEqual(a.state.devices.map((d) => d.config.name), ['wg0', 'wg1']);
    // The same prefix on two interfaces is no overlap: each interface routes on its own.
    assert.deepEqual(codes(a), []);
    assert.deepEqual(a.symbols.map((s) => s.name), ['interface: wg0', `${KEY.b.slice(0, 8)}…`, 'interface: wg1', `${KEY.c.slice(0, 8)}…`]);
  });

  test('CRLF line ends read the same', () => {
    const text = fixture('overlapping-peers.conf').replace(/\n/g, '\r\n');
    assert.deepEqual(codes(analyzeWireGuard(text)), EXPECTED['overlapping-peers.conf']);
  });

  test('ipv6-leak also for 0.0.0.0/1 + 128.0.0.0/1, and not when ::/1 + 8000::/1 come along', () => {
    const body = (allowed: string): string => `
[Interface]
PrivateKey = ${KEY.a}
[Peer]
PublicKey = ${KEY.b}
AllowedIPs = ${allowed}
`;
    assert.deepEqual(codes(wg(body('0.0.0.0/1, 128.0.0.0/1'))), ['ipv6-leak@5']);
    assert.deepEqual(codes(wg(body('0.0.0.0/1, 128.0.0.0/1, ::/1, 8000::/1'))), []);
    assert.deepEqual(codes(wg(body('0.0.0.0/0, 2000::/3'))), []);
  });

  test('values wg takes but not as meant are warnings: wrapped ports, inet_aton hosts, port 0', () => {
    const a = wg(`
[Interface]
PrivateKey = ${KEY.a}
ListenPort = 70000
[Peer]
PublicKey = ${KEY.b}
Endpoint = 1.2.3:51820
[Peer]
PublicKey = ${KEY.c}
Endpoint = 192.0.2.1:0
`);
    assert.deepEqual(a.findings.map((f) => `${f.code} ${f.severity}`), ['invalid-port warning', 'invalid-address warning', 'invalid-port warning']);
    assert.match(a.findings[0]?.message ?? '', /wraps it to port 4464/);
    assert.match(a.findings[1]?.message ?? '', /as 1\.2\.0\.3/);
  });

  test('a DNS server inside a /0 that the LAN route keeps outside', () => {
    const f = analyzeWireGuard(`[Interface]
PrivateKey = ${KEY.a}
DNS = 192.168.1.1
[Peer]
PublicKey = ${KEY.b}
AllowedIPs = 0.0.0.0/0, ::/0
`, { dump: routesDump(), dumpName: 'routes.txt' }).findings;
    assert.deepEqual(f.map((x) => `${x.code} ${x.severity}`), ['dns-outside-tunnel information']);
    assert.match(f[0]?.message ?? '', /a more specific route keeps it outside/);
  });
});

describe('wireguard findings against a route dump', () => {
  test('dns-outside-tunnel names the dump line the queries take', () => {
    const f = analyzeWireGuard(fixture('dns-outside.conf'), { dump: routesDump(), dumpName: 'routes.txt' }).findings[0];
    assert.match(f?.message ?? '', /via eth0 via 192\.168\.1\.1 \(line 1 of routes\.txt\)/);
  });

  test('ipv6-leak says where IPv6 leaves', () => {
    const f = analyzeWireGuard(fixture('ipv6-leak.conf'), { dump: routesDump(), dumpName: 'routes.txt' }).findings[0];
    assert.match(f?.message ?? '', /via eth0 via fe80::1 \(line 4 of routes\.txt\)/);
  });

  test('a host route for the endpoint in the dump exempts it on Linux', () => {
    const text = fixture('endpoint-in-tunnel.conf');
    const dump = wgDump('198.51.100.7 via 192.168.1.1 dev eth0 proto static');
    assert.deepEqual(codes(analyzeWireGuard(text, { dump })), []);
    const plain = analyzeWireGuard(text, { dump: routesDump(), dumpName: 'routes.txt' }).findings[0];
    assert.match(plain?.message ?? '', /instead of outside the tunnel via eth0 via 192\.168\.1\.1 \(line 1 of routes\.txt\)/);
  });
});

/** The fixture dump plus one more route line. */
function wgDump(extra: string): Analysis {
  return analyze(`${fixture('routes.txt')}${extra}\n`);
}
