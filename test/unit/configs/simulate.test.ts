import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeDocument } from '../../../server/src/core/analyzeDocument';
import { showRule } from '../../../server/src/core/configs/simulated';
import type { SimulatedTable } from '../../../server/src/core/configs/types';
import { addedLines, addedRules, fixtures, read, reread, simulateFixture, via } from './simulateHelpers';

/** Every config fixture of a family folder with the dump of that folder, when there is one. */
const FAMILIES: Readonly<Record<string, string | undefined>> = {
  wireguard: 'wireguard/routes.txt',
  openvpn: 'openvpn/home-laptop.routes',
  strongswan: 'strongswan/routes.txt',
  l2tp: 'l2tp/routes.txt',
  networkmanager: 'networkmanager/routes.txt',
};

function sanitized(table: SimulatedTable): string[] {
  return reread(table).findings.filter((f) => f.code === 'parse-error' || f.code === 'invalid-prefix').map((f) => `${f.span.line + 1}: ${f.message}`);
}

describe('simulated tables read back as dumps', () => {
  for (const [family, dump] of Object.entries(FAMILIES)) {
    test(`${family}: every fixture, with and without the dump, re-parses without errors`, () => {
      const names = readdirSync(join(fixtures, family)).filter((n) => n !== 'README.md' && !/routes/.test(n));
      let simulated = 0;
      for (const name of names) {
        for (const withDump of [undefined, dump]) {
          const table = simulateFixture(`${family}/${name}`, withDump);
          if (!table) continue;
          simulated++;
          assert.deepEqual(sanitized(table), [], `${name} ${withDump ?? 'without a dump'}`);
          assert.equal(table.lines.length, table.text.split('\n').length - 1, name);
          assert.ok(table.text.startsWith('# Routing table predicted once'), name);
        }
      }
      assert.ok(simulated > 0);
    });
  }
});

describe('WireGuard', () => {
  test('an IPv4-only full tunnel: the /0 in table 51820 with the fwmark rules, and IPv6 still leaves via eth0', () => {
    const table = simulateFixture('wireguard/ipv6-leak.conf', 'wireguard/routes.txt');
    assert.ok(table);
    assert.deepEqual(addedLines(table), [
      'default dev ipv6-leak table 51820',
      'local 10.7.0.2 dev ipv6-leak table local proto kernel scope host src 10.7.0.2',
    ]);
    assert.deepEqual(addedRules(table), ['32764:\tfrom all lookup main suppress_prefixlength 0', '32765:\tnot from all fwmark 0xca6c lookup 51820']);
    assert.doesNotMatch(table.text, /ip -6 rule/);
    // The leak shows in the re-read table: no IPv6 default goes into the tunnel.
    assert.equal(via(table, '2001:4860:4860::8888'), 'eth0');
    const six = reread(table).analysis.document.routes.filter((r) => r.family === 6);
    assert.ok(six.every((r) => r.nexthops.every((h) => h.device === 'eth0')));
    // Kept lines say which line of the dump they come from.
    const first = table.lines.find((l) => l.origin === 'dump');
    assert.equal(first?.dumpLine, 0);
    assert.match(first?.text ?? '', /^default via 192\.168\.1\.1 dev eth0 proto dhcp src 192\.168\.1\.23 metric 100$/);
    assert.equal(table.dumpName, 'routes.txt');
  });

  test('without a dump: only the VPN\'s own routes, and a note that says so', () => {
    const table = simulateFixture('wireguard/full-tunnel.conf');
    assert.ok(table);
    assert.equal(table.dumpName, undefined);
    assert.match(table.notes[0] ?? '', /No dump of this machine is known: only the VPN's own routes are shown/);
    assert.ok(table.lines.every((l) => l.origin !== 'dump'));
    assert.ok(addedLines(table).includes('default dev full-tunnel table 51820 metric 0'));
  });

  test('Table = off adds no routes', () => {
    const text = '[Interface]\nAddress = 10.9.0.2/24\nTable = off\n\n[Peer]\nPublicKey = abGudJzKKWB4j0ng+dJZN0vyYTAj9BTmgq/E4J50bXY=\nAllowedIPs = 0.0.0.0/0\n';
    const table = simulateFixture('wireguard/off.conf', 'wireguard/routes.txt', text);
    assert.ok(table);
    assert.deepEqual(addedLines(table), ['10.9.0.0/24 dev off proto kernel scope link src 10.9.0.2']);
    assert.ok(table.notes.some((n) => /Table = off/.test(n)));
  });
});

describe('OpenVPN', () => {
  test('redirect-gateway def1: two halves into tun0 over the kept default, the server outside, IPv6 outside', () => {
    const table = simulateFixture('openvpn/client-full-tunnel.ovpn', 'openvpn/home-laptop.routes');
    assert.ok(table);
    assert.deepEqual(addedLines(table), ['198.51.100.7 via 192.168.1.1 dev wlan0 proto static', '0.0.0.0/1 dev tun0 proto static', '128.0.0.0/1 dev tun0 proto static']);
    assert.equal(via(table, '8.8.8.8'), 'tun0');
    assert.equal(via(table, '198.51.100.7'), 'wlan0');
    assert.equal(via(table, '2001:4860:4860::8888'), 'wlan0');
    const codes = reread(table).findings.map((f) => f.code);
    assert.ok(codes.includes('shadowed-route') && codes.includes('split-tunnel-exception'), codes.join());
  });

  test('a log: the routes it installed', () => {
    const table = simulateFixture('openvpn/client-linux-2.6.log', 'openvpn/home-laptop.routes');
    assert.ok(table);
    assert.ok(addedLines(table).includes('10.8.0.1 dev tun0 proto static'));
    assert.ok(table.lines.filter((l) => l.origin === 'vpn').every((l) => l.configLine !== undefined));
  });

  test('without a dump, a net_gateway route is left out with a note', () => {
    const table = simulateFixture('openvpn/client-full-tunnel.ovpn');
    assert.ok(table);
    assert.deepEqual(addedLines(table), ['0.0.0.0/1 dev tun0 proto static', '128.0.0.0/1 dev tun0 proto static']);
    assert.ok(table.notes.some((n) => /198\.51\.100\.7 via net_gateway .* left out/.test(n)), table.notes.join('\n'));
  });
});

describe('strongSwan', () => {
  test('table-220 routes and the rule before main; xfrm policies as comments', () => {
    const table = simulateFixture('strongswan/roadwarrior-lan-pass.conf', 'strongswan/routes.txt');
    assert.ok(table);
    assert.deepEqual(addedLines(table), [
      'default via 192.168.1.1 dev eth0 table 220 proto static',
      '192.168.1.0/24 dev eth0 table 220 proto static src 192.168.1.23',
      // The peer is reached over IPv4, so the IPv6 route names only the interface.
      'default dev eth0 table 220 proto static metric 1024',
    ]);
    assert.match(table.text, /^220:\tfrom all lookup 220$/m);
    assert.match(table.text, /^# xfrm policy of conn office: src the virtual IP dst 0\.0\.0\.0\/0 dir out/m);
  });

  test('a route charon would add twice is added once, with a note', () => {
    const table = simulateFixture('strongswan/site-to-site.conf');
    assert.ok(table);
    assert.equal(addedLines(table).filter((l) => l.startsWith('10.2.0.0/16')).length, 1);
    assert.ok(table.notes.some((n) => /File exists/.test(n)));
  });

  test('ipsec.secrets brings nothing up', () => {
    assert.equal(simulateFixture('strongswan/ipsec.secrets'), undefined);
  });
});

describe('L2TP and pppd', () => {
  test('replacedefaultroute: the dump\'s default is removed and ppp0 takes it', () => {
    const table = simulateFixture('l2tp/peers-full-tunnel', 'l2tp/routes.txt');
    assert.ok(table);
    assert.deepEqual(addedLines(table), ['default dev ppp0 scope link']);
    assert.equal(table.removed.length, 1);
    assert.equal(table.removed[0]?.dumpLine, 0);
    assert.match(table.text, /^# - default via 192\.168\.101\.1 dev eth0 .* \(line 1 of routes\.txt\): replacedefaultroute/m);
    assert.equal(via(table, '8.8.8.8'), 'ppp0');
  });

  test('defaultroute without replacedefaultroute adds nothing when a default exists', () => {
    const table = simulateFixture('l2tp/options.l2tpd.client', 'l2tp/routes.txt');
    assert.ok(table);
    assert.deepEqual(addedLines(table), []);
    assert.ok(table.notes.some((n) => /`defaultroute` adds nothing: pppd finds the default route on line 1 of routes\.txt/.test(n)), table.notes.join('\n'));
    assert.equal(via(table, '8.8.8.8'), 'eth0');
  });

  test('xl2tpd.conf: the pppoptfile decides; unread, it says so', () => {
    const table = simulateFixture('l2tp/xl2tpd.conf', 'l2tp/routes.txt');
    assert.ok(table);
    assert.ok(table.notes.some((n) => /\[lac corp\]: the routing options are in \/etc\/ppp\/options\.l2tpd\.client, which was not read/.test(n)));
  });

  test('chap-secrets brings nothing up', () => {
    assert.equal(simulateFixture('l2tp/chap-secrets'), undefined);
  });
});

describe('NetworkManager', () => {
  test('WireGuard full tunnel: the default in its own table and NetworkManager\'s two rules', () => {
    const table = simulateFixture('networkmanager/wireguard-full.nmconnection', 'networkmanager/routes.txt');
    assert.ok(table);
    assert.ok(addedLines(table).includes('default dev wg-home table 51820 proto static metric 50'));
    assert.match(table.text, /^30999:\tfrom all lookup main suppress_prefixlength 0$/m);
    assert.match(table.text, /^31000:\tnot from all fwmark 0xca6c lookup 51820$/m);
  });

  test('a VPN plugin profile: its own routes, and a note about pushed ones', () => {
    const table = simulateFixture('networkmanager/openvpn-split.nmconnection');
    assert.ok(table);
    assert.deepEqual(addedLines(table), ['10.20.0.0/16 dev tun0 proto static metric 50', '172.16.8.0/22 dev tun0 proto static metric 20']);
    assert.ok(table.notes.some((n) => /pushes/.test(n)));
  });
});

describe('ip rule text', () => {
  test('`ip rule add` words become what `ip rule show` prints', () => {
    assert.equal(showRule('not fwmark 51820 table 51820'), 'not from all fwmark 0xca6c lookup 51820');
    assert.equal(showRule('priority 5 from 10.0.0.0/8 table 100'), 'from 10.0.0.0/8 lookup 100');
    assert.equal(showRule('table main suppress_prefixlength 0'), 'from all lookup main suppress_prefixlength 0');
    assert.equal(showRule('priority 9 to 192.0.2.0/24 type blackhole'), 'from all to 192.0.2.0/24 blackhole');
    assert.equal(showRule('table 254'), 'from all lookup main');
  });
});

describe('secrets', () => {
  test('no secret text of a config appears in its simulated table', () => {
    for (const [path, dump] of [
      ['wireguard/ipv6-leak.conf', 'wireguard/routes.txt'], ['openvpn/auth-inline.ovpn', 'openvpn/home-laptop.routes'],
      ['networkmanager/wireguard-full.nmconnection', 'networkmanager/routes.txt'], ['l2tp/peers-full-tunnel', 'l2tp/routes.txt'],
    ] as const) {
      const text = read(path);
      const doc = analyzeDocument(text, { fileName: path });
      assert.equal(doc.kind, 'config');
      const lines = text.split(/\r?\n/);
      const table = simulateFixture(path, dump);
      assert.ok(table);
      for (const s of doc.secrets) {
        const secret = s.line === s.endLine ? (lines[s.line] ?? '').slice(s.col, s.endCol) : (lines[s.line] ?? '').slice(s.col);
        if (secret.trim().length >= 6) assert.ok(!table.text.includes(secret.trim()), `${path}: a secret appears`);
      }
    }
  });
});
