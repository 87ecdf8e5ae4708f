import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeNetworkManager } from '../../../server/src/core/configs/networkmanager';
import { formatPrefix } from '../../../server/src/core/net/prefix';
import { codes, fixture, hover, nm, routesDump } from './networkmanagerHelpers';

/** What each fixture reports alone (no dump, no other profiles), as `code@line`; the fixtures' README says why. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'openvpn-split.nmconnection': ['vpn-not-default@25'],
  'l2tp-full-tunnel.nmconnection': ['dns-leak@21', 'full-tunnel-ipv6-leak@25'],
  'wireguard-full.nmconnection': [],
  'wireguard-no-peer-routes.nmconnection': ['wireguard-allowed-ips-without-peer-routes@9'],
  'route-table-no-rule.nmconnection': ['route-table-without-rule@12', 'route-table-without-rule@15'],
  'tunnelvision-mitigated.nmconnection': [],
  'home-wifi.nmconnection': [],
  'strongswan.nmconnection': ['unknown-key@8', 'vpn-not-default@20'],
  'errors.nmconnection': [
    'parse-error@1', 'parse-error@5', 'parse-error@6', 'unknown-key@9', 'invalid-address@10', 'invalid-address@11', 'unknown-key@12',
    'invalid-address@13', 'invalid-route@14', 'invalid-route@15', 'invalid-route@16', 'invalid-route@17', 'invalid-route@18', 'unknown-key@20',
  ],
};

describe('networkmanager fixtures', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    test(name, () => assert.deepEqual(codes(analyzeNetworkManager(fixture(name))), expected));
  }

  test('severities', () => {
    const sev = (name: string): string[] => analyzeNetworkManager(fixture(name)).findings.map((f) => f.severity);
    assert.deepEqual(sev('openvpn-split.nmconnection'), ['information']);
    assert.deepEqual(sev('l2tp-full-tunnel.nmconnection'), ['warning', 'warning']);
    assert.deepEqual(sev('route-table-no-rule.nmconnection'), ['warning', 'warning']);
    assert.ok(sev('errors.nmconnection').every((s) => s === 'error' || s === 'warning'));
  });

  test('exact ranges: the bad token, not the line', () => {
    const errors = analyzeNetworkManager(fixture('errors.nmconnection')).findings;
    const dns = errors.find((f) => f.code === 'invalid-address' && f.span.line === 12);
    assert.deepEqual(dns?.span, { line: 12, col: 15, endLine: 12, endCol: 24 });
    const key = errors.find((f) => f.code === 'unknown-key' && f.span.line === 8);
    assert.deepEqual(key?.span, { line: 8, col: 0, endLine: 8, endCol: 6 });
    assert.match(key?.message ?? '', /Did you mean method\?/);
  });
});

describe('networkmanager across profiles and dumps', () => {
  test('a physical profile next to a full-tunnel VPN: TunnelVision exposure and a DNS leak', () => {
    const wifi = nm(fixture('home-wifi.nmconnection'), undefined, ['l2tp-full-tunnel.nmconnection']);
    assert.deepEqual(codes(wifi), ['ignore-auto-routes-off-on-vpn-host@17', 'dns-leak@18']);
    assert.equal(wifi.findings[0]?.severity, 'information');
    assert.match(wifi.findings[0]?.message ?? '', /CVE-2024-3661.*route-table 75.*priority 32345 from all table 75/);
  });

  test('the VPN side names the physical profile IPv6 leaves through', () => {
    const vpn = nm(fixture('l2tp-full-tunnel.nmconnection'), undefined, ['home-wifi.nmconnection']);
    const leak = vpn.findings.find((f) => f.code === 'full-tunnel-ipv6-leak');
    assert.match(leak?.message ?? '', /"home-wifi" \(home-wifi\.nmconnection: \[ipv6\] method=auto\)/);
    assert.match(vpn.findings.find((f) => f.code === 'dns-leak')?.message ?? '', /"home-wifi".*-10/);
  });

  test('with a dump: DHCP routes on the host make a full-tunnel VPN exposed; the mitigated profile is not', () => {
    assert.ok(codes(nm(fixture('l2tp-full-tunnel.nmconnection'), routesDump())).includes('ignore-auto-routes-off-on-vpn-host@20'));
    assert.deepEqual(codes(nm(fixture('tunnelvision-mitigated.nmconnection'), routesDump())), []);
  });

  test('route-table with a rule in another profile of the folder is reached', () => {
    const text = fixture('route-table-no-rule.nmconnection').replace('route-table=100', 'route-table=100\nrouting-rule1=priority 100 from all table 100');
    assert.deepEqual(codes(nm(text)), ['route-table-without-rule@16']);
  });
});

describe('networkmanager install plan', () => {
  test('addresses, gateway, routes with metric and table, rules', () => {
    const plan = nm(fixture('route-table-no-rule.nmconnection')).plan;
    const routes = plan.routes.map((r) => `${formatPrefix(r.prefix)} t${r.table} m${r.metric} ${r.why}`);
    assert.deepEqual(routes, ['192.0.2.0/24 t100 m100 address', '0.0.0.0/0 t100 m100 default', '198.51.100.0/24 t100 m100 route', '203.0.113.0/24 t200 m10 route']);
  });

  test('WireGuard /0 goes to its own table with two NetworkManager rules', () => {
    const plan = nm(fixture('wireguard-full.nmconnection')).plan;
    assert.deepEqual(plan.rules.map((r) => `${r.priority} ${r.text}`), ['30999 table main suppress_prefixlength 0', '30999 table main suppress_prefixlength 0', '31000 not fwmark 51820 table 51820', '31000 not fwmark 51820 table 51820']);
    assert.deepEqual(plan.defaults, [4, 6]);
    assert.ok(plan.routes.some((r) => r.prefix.len === 0 && r.table === 51820 && r.device === 'wg-home'));
  });

  test('never-default on a VPN: no default route', () => {
    const plan = nm(fixture('openvpn-split.nmconnection')).plan;
    assert.deepEqual(plan.defaults, []);
    assert.equal(plan.device, 'tun0');
  });
});

describe('networkmanager hover', () => {
  test('an address under [ipv4]: where it goes once connected', () => {
    const text = fixture('openvpn-split.nmconnection').replace('route1=10.20.0.0/16', 'route1=10.20.0.0/16\n# probe 10.20.3.4|');
    const md = hover(text) ?? '';
    assert.match(md, /10\.20\.3\.4.*through tun0.*10\.20\.0\.0\/16/s);
  });

  test('with a dump, an address outside the split tunnel leaves via the physical route', () => {
    const text = fixture('openvpn-split.nmconnection').replace('route1=10.20.0.0/16', 'route1=10.20.0.0/16\n# 192.168.1.|7');
    assert.match(hover(text, routesDump()) ?? '', /via wlan0.*line 3 of routes\.txt/s);
  });

  test('route-table with its rule: route in table 75, reached by rule 32345 before main', () => {
    const text = fixture('tunnelvision-mitigated.nmconnection').replace('dns-priority=-50', 'address1=10.8.0.2/24\ndns-priority=-50\n# 10.8.0.|9');
    const md = hover(text, routesDump()) ?? '';
    assert.match(md, /rule 32345.*table 75/s);
  });

  test('keys: never-default, route-table, routing-rule, ignore-auto-routes, dns-priority', () => {
    assert.match(hover(fixture('openvpn-split.nmconnection').replace('never-default=true', 'never-|default=true')) ?? '', /no default route goes through tun0/);
    assert.match(hover(fixture('tunnelvision-mitigated.nmconnection').replace('route-table=75', 'route-tab|le=75')) ?? '', /32345: priority 32345 from all table 75/);
    assert.match(hover(fixture('tunnelvision-mitigated.nmconnection').replace('routing-rule1=priority 32345 from all table 75\ndns', 'routing-|rule1=priority 32345 from all table 75\ndns')) ?? '', /policy routing rule/);
    assert.match(hover(fixture('home-wifi.nmconnection').replace('dns-priority', 'dns-pri|ority')) ?? '', /exclusive/);
    assert.match(hover(fixture('home-wifi.nmconnection').replace('method=auto\ndns', 'ignore-auto-|routes=false\nmethod=auto\ndns')) ?? '', /TunnelVision/);
  });

  test('secrets: hidden', () => {
    assert.match(hover(fixture('home-wifi.nmconnection').replace('psk=Correct', 'psk=Corr|ect')) ?? '', /\(hidden\)/);
  });
});

describe('networkmanager symbols', () => {
  test('sections, routes, peers', () => {
    const wgSymbols = nm(fixture('wireguard-full.nmconnection')).symbols;
    const peer = wgSymbols.find((s) => s.kind === 'peer');
    assert.equal(peer?.name, 'Peer XPfnDTIP…');
    assert.deepEqual(peer?.children.map((c) => c.name), ['0.0.0.0/0', '::/0']);
    const ipv4 = nm(fixture('openvpn-split.nmconnection')).symbols.find((s) => s.name === '[ipv4]');
    assert.deepEqual(ipv4?.children.map((c) => c.name), ['10.20.0.0/16', '172.16.8.0/22']);
  });
});
