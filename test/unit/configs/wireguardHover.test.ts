import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeWireGuard } from '../../../server/src/core/configs/wireguard';
import { KEY, fixture, hover, routesDump } from './wireguardHelpers';

const hub = `
[Interface]
PrivateKey = ${KEY.a}
Address = 10.0.200.2/24
DNS = 10.0.0.53
# Name = datacenter
[Peer]
PublicKey = ${KEY.b}
AllowedIPs = 10.0.0.0/16
Endpoint = 198.51.100.7:51820
# Name = lab
[Peer]
PublicKey = ${KEY.c}
AllowedIPs = 10.0.5.0/24
# Reach 10.0.5.9 and 10.7.0.1 from here.
`;

/** `hub` with `|` inserted before the first `needle` on the line that contains `onLine`. */
function at(onLine: string, needle: string, offset = 1): string {
  const lines = hub.split('\n');
  const i = lines.findIndex((l) => l.includes(onLine));
  const l = lines[i] ?? '';
  const col = l.indexOf(needle) + offset;
  lines[i] = `${l.slice(0, col)}|${l.slice(col)}`;
  return lines.join('\n');
}

describe('wireguard hover', () => {
  test('an address in a comment: the longest-prefix peer, and which prefix lost', () => {
    const md = hover(at('# Reach', '10.0.5.9'))!;
    assert.match(md, /\*\*10\.0\.5\.9 → peer `lab` \(line 11\)\*\*/);
    assert.match(md, /`10\.0\.5\.0\/24` of peer `lab` \(line 11\) beats `10\.0\.0\.0\/16` of peer `datacenter`/);
  });

  test('an address no peer receives', () => {
    assert.match(hover(at('# Reach', '10.7.0.1'))!, /\*\*10\.7\.0\.1 → no peer\.\*\*/);
  });

  test('a prefix: who receives it, except the longer prefixes of other peers', () => {
    const md = hover(at('10.0.0.0/16', '10.0.0.0/16', 3))!;
    assert.match(md, /\*\*10\.0\.0\.0\/16 → peer `datacenter` \(line 6\)\*\*, except:/);
    assert.match(md, /- `10\.0\.5\.0\/24` → peer `lab` \(line 11\)/);
  });

  test('the endpoint: how the tunnel\'s own packets leave, per OS, and with a dump', () => {
    const md = hover(at('Endpoint', '198.51.100.7'), routesDump())!;
    assert.match(md, /\*\*198\.51\.100\.7 → no peer\.\*\*/);
    assert.match(md, /Endpoint of peer `datacenter`/);
    assert.match(md, /- Linux: leave by the machine's own routes/);
    assert.match(md, /\*\*Once connected\*\* \(routes\.txt\): outside the tunnel via eth0 via 192\.168\.1\.1 \(line 1 of routes\.txt\)\./);
  });

  test('with a dump: an address in a /0 goes through the fwmark table', () => {
    const md = hover(`
[Interface]
PrivateKey = ${KEY.a}
DNS = |9.9.9.9
[Peer]
PublicKey = ${KEY.b}
AllowedIPs = 0.0.0.0/0
`, routesDump())!;
    assert.match(md, /\*\*Once connected\*\* \(routes\.txt\): through the tunnel \(wg0, table 51820: 0\.0\.0\.0\/0\)\./);
  });

  test('with a dump: the LAN stays outside a /0 by suppress_prefixlength 0', () => {
    const md = hover(`
[Interface]
PrivateKey = ${KEY.a}
# printer at |192.168.1.40
[Peer]
PublicKey = ${KEY.b}
AllowedIPs = 0.0.0.0/0
`, routesDump())!;
    assert.match(md, /outside the tunnel via eth0 \(line 2 of routes\.txt\)/);
  });

  test('[Interface]: what wg-quick installs on each OS, the dump\'s OS first', () => {
    const md = hover(at('[Interface]', 'Interface'), routesDump())!;
    assert.match(md, /\*\*Linux \(wg-quick\)\*\*/);
    assert.ok(md.indexOf('Linux') < md.indexOf('macOS') && md.indexOf('macOS') < md.indexOf('Windows'));
    assert.match(md, /ip -4 route add 10\.0\.0\.0\/16 dev wg0/);
  });

  test('Table and FwMark: the install plan too', () => {
    const md = hover(`
[Interface]
PrivateKey = ${KEY.a}
Fw|Mark = 51821
[Peer]
PublicKey = ${KEY.b}
AllowedIPs = 0.0.0.0/0
`)!;
    assert.match(md, /ip -4 rule add not fwmark 51821 table 51821/);
    assert.match(md, /0\.0\.0\.0\/1 \+ 128\.0\.0\.0\/1/);
    assert.match(md, /Kill-switch/);
  });

  test('a PublicKey: the peer\'s AllowedIPs net of other peers', () => {
    const md = hover(at(KEY.b, KEY.b, 5))!;
    assert.match(md, /\*\*Peer `datacenter`\*\* \(line 6\)/);
    assert.match(md, /Receives: `10\.0\.0\.0\/16` except `10\.0\.5\.0\/24` → peer `lab`/);
    assert.match(md, /endpoint `198\.51\.100\.7:51820`/);
  });

  test('a PrivateKey value: hidden', () => {
    const md = hover(at('PrivateKey', KEY.a, 10))!;
    assert.equal(md, `**PrivateKey**: (hidden). Route Lens never shows secret values.`);
  });

  test('wg show: the peer line and the interface line', () => {
    const text = fixture('wg-show.txt');
    const a = analyzeWireGuard(text);
    const lines = text.split('\n');
    assert.match(a.hoverAt(lines[0] ?? '', 0, 3)?.markdown ?? '', /What bringing this tunnel up installs/);
    assert.match(a.hoverAt(lines[6] ?? '', 6, 2)?.markdown ?? '', /endpoint `\[2001:db8::1\]:51820`/);
  });
});

describe('wireguard symbols', () => {
  test('[Interface] and peers, AllowedIPs as children with their fate', () => {
    const symbols = analyzeWireGuard(fixture('overlapping-peers.conf')).symbols;
    assert.deepEqual(symbols.map((s) => s.name), ['Interface', 'datacenter', 'lab', 'old-gateway', 'left', 'right']);
    const datacenter = symbols[1]?.children.map((c) => `${c.name}: ${c.detail ?? ''}`);
    assert.deepEqual(datacenter, ['10.0.0.0/16: partly to other peers', '10.9.0.0/24: taken by lab (line 12)']);
    assert.equal(symbols[3]?.children[0]?.detail, 'none of it: other peers take all');
  });
});

describe('wireguard resolve', () => {
  test('which peer, and with a dump where it leaves', () => {
    const a = analyzeWireGuard(fixture('split-tunnel.conf'), { dump: routesDump(), dumpName: 'routes.txt' });
    assert.deepEqual(a.resolveAddress('10.30.1.1')?.peer, { name: 'office', prefix: '10.30.0.0/16', line: 10 });
    assert.equal(a.resolveAddress('10.30.1.1')?.prediction?.tunnel, true);
    assert.equal(a.resolveAddress('8.8.8.8')?.peer, undefined);
    assert.match(a.resolveAddress('8.8.8.8')?.prediction?.sentence ?? '', /^outside the tunnel via eth0 via 192\.168\.1\.1/);
  });
});
