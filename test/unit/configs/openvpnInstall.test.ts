import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type HostInfo, type InstallPlan, installRoutes, matchInstalled } from '../../../server/src/core/configs/openvpn/install';
import { interpret } from '../../../server/src/core/configs/openvpn/interpret';
import { parseConfig } from '../../../server/src/core/configs/openvpn/parse';
import { hostInfo, hostView, predict } from '../../../server/src/core/configs/openvpn/predict';
import { installedText } from '../../../server/src/core/configs/openvpn/where';
import { type Address, formatAddress, parseAddress } from '../../../server/src/core/net/address';
import { formatPrefix, parsePrefix } from '../../../server/src/core/net/prefix';
import { resolve } from '../../../server/src/core/resolver';
import { simulateConnecting } from '../../../server/src/core/configs/openvpn';
import { fixture, homeDump } from './openvpnHelpers';

const HOME: HostInfo = {
  gateway4: { address: address('192.168.1.1'), device: 'wlan0' },
  gateway6: { address: address('fe80::1'), device: 'wlan0' },
  lan: [parsePrefix('192.168.1.0/24')?.prefix ?? assert.fail()],
};

function address(text: string): Address {
  return parseAddress(text) ?? assert.fail(text);
}

/** The plan of a client config's own options. */
function plan(lines: string[], host?: HostInfo): InstallPlan {
  const config = interpret(parseConfig(lines.join('\n')));
  return installRoutes({
    redirects: config.local.redirects, routes: config.local.routes, routes6: config.local.routes6, remotes: config.remotes,
    device: config.device, ...(config.vpnGateway ? { vpnGateway: config.vpnGateway } : {}), tunnelNetworks: [],
    ...(host ? { host } : {}), ...(config.routeNoexec ? { noexec: config.routeNoexec.span } : {}),
  });
}

/** `prefix target via` per route, in the order OpenVPN adds them. */
function rows(p: InstallPlan): string[] {
  return p.routes.map((r) => `${formatPrefix(r.prefix)} ${r.target} ${r.gateway ? formatAddress(r.gateway) : r.via}${r.condition ? ` (${r.condition})` : ''}`);
}

describe('routes a config installs', () => {
  test('def1: a host route to each literal remote, then both halves into the tunnel', () => {
    const p = plan(['remote 198.51.100.7', 'remote 203.0.113.5', 'ifconfig 10.8.0.6 10.8.0.5', 'redirect-gateway def1'], HOME);
    assert.deepEqual(rows(p), [
      '198.51.100.7/32 net_gateway 192.168.1.1 (while connected to 198.51.100.7)',
      '203.0.113.5/32 net_gateway 192.168.1.1 (while connected to 203.0.113.5)',
      '0.0.0.0/1 tunnel 10.8.0.5',
      '128.0.0.0/1 tunnel 10.8.0.5',
    ]);
    assert.deepEqual(p.removed, []);
  });

  test('without def1 the default route is deleted and replaced', () => {
    const p = plan(['remote 198.51.100.7', 'redirect-gateway'], HOME);
    assert.deepEqual(rows(p), ['198.51.100.7/32 net_gateway 192.168.1.1', '0.0.0.0/0 tunnel vpn_gateway']);
    assert.deepEqual(p.removed.map((r) => formatPrefix(r.prefix)), ['0.0.0.0/0']);
  });

  test('local leaves out the host route; autolocal keeps it with a condition', () => {
    assert.deepEqual(rows(plan(['remote 198.51.100.7', 'redirect-gateway def1 local'])), ['0.0.0.0/1 tunnel vpn_gateway', '128.0.0.0/1 tunnel vpn_gateway']);
    assert.deepEqual(rows(plan(['remote 198.51.100.7', 'redirect-gateway def1 autolocal']))[0],
      '198.51.100.7/32 net_gateway net_gateway (unless 198.51.100.7 is on a local subnet (autolocal))');
  });

  test('block-local routes both halves of the LAN into the tunnel and keeps the gateway outside', () => {
    const p = plan(['redirect-gateway def1 block-local'], HOME);
    assert.deepEqual(rows(p), ['192.168.1.1/32 net_gateway 192.168.1.1', '192.168.1.0/25 tunnel vpn_gateway', '192.168.1.128/25 tunnel vpn_gateway', '0.0.0.0/1 tunnel vpn_gateway', '128.0.0.0/1 tunnel vpn_gateway']);
    assert.match(plan(['redirect-gateway def1 block-local']).notes[0]?.message ?? '', /split in two halves/);
  });

  test('ipv6 adds the four routes of OpenVPN 2.6; !ipv4 drops the IPv4 part and the host route', () => {
    assert.deepEqual(rows(plan(['remote 198.51.100.7', 'redirect-gateway ipv6 !ipv4'])), ['::/3 tunnel the tunnel', '2000::/4 tunnel the tunnel', '3000::/4 tunnel the tunnel', 'fc00::/7 tunnel the tunnel']);
  });

  test('redirect-private adds only the host route to the server', () => {
    assert.deepEqual(rows(plan(['remote 198.51.100.7', 'redirect-private'], HOME)), ['198.51.100.7/32 net_gateway 192.168.1.1']);
  });

  test('route gateways: default, vpn_gateway, net_gateway, an address and remote_host as the network', () => {
    const p = plan([
      'remote 198.51.100.7', 'route-gateway 10.8.0.1', 'route 10.1.0.0 255.255.0.0', 'route 10.2.0.0 255.255.0.0 vpn_gateway 5',
      'route 203.0.113.0 255.255.255.0 net_gateway', 'route 10.3.0.0 255.255.0.0 192.168.1.254', 'route remote_host 255.255.255.255 net_gateway',
    ], HOME);
    assert.deepEqual(rows(p), [
      '10.1.0.0/16 tunnel 10.8.0.1', '10.2.0.0/16 tunnel 10.8.0.1', '203.0.113.0/24 net_gateway 192.168.1.1',
      '10.3.0.0/16 gateway 192.168.1.254', '198.51.100.7/32 net_gateway 192.168.1.1',
    ]);
    assert.equal(p.routes[1]?.metric, 5);
    assert.equal(installedText(p.routes[0] ?? assert.fail()), '10.1.0.0/16 via 10.8.0.1 dev tun0');
  });

  test('an IPv6 server inside an IPv6 tunnel route gets a /128 via the IPv6 gateway, metric 1', () => {
    const p = plan(['remote 2001:db8:5::7', 'redirect-gateway ipv6'], HOME);
    const last = p.routes[p.routes.length - 1] ?? assert.fail('no routes');
    assert.equal(`${formatPrefix(last.prefix)} ${last.target} ${last.metric}`, '2001:db8:5::7/128 net_gateway 1');
  });

  test('route-noexec installs nothing', () => {
    const p = plan(['route-noexec', 'redirect-gateway def1', 'route 10.0.0.0 255.0.0.0']);
    assert.deepEqual(p.routes, []);
    assert.match(p.notes[0]?.message ?? '', /route-noexec/);
  });

  test('the longest installed prefix wins', () => {
    const p = plan(['remote 198.51.100.7', 'redirect-gateway def1', 'route 10.0.0.0 255.0.0.0 net_gateway'], HOME);
    const at = (a: string): string | undefined => {
      const r = matchInstalled(p.routes, parseAddress(a) ?? assert.fail());
      return r && `${formatPrefix(r.prefix)} ${r.target}`;
    };
    assert.equal(at('8.8.8.8'), '0.0.0.0/1 tunnel');
    assert.equal(at('10.9.9.9'), '10.0.0.0/8 net_gateway');
    assert.equal(at('198.51.100.7'), '198.51.100.7/32 net_gateway');
    assert.equal(at('2001:db8::1'), undefined);
  });
});

describe('predicted table with a route dump', () => {
  test('net_gateway and the LAN come from the dump', () => {
    const view = hostView(homeDump(), 'routes.txt', parseAddress('198.51.100.7'));
    const info = hostInfo(view);
    assert.equal(info.gateway4?.device, 'wlan0');
    assert.equal(formatAddress(info.gateway4?.address ?? assert.fail()), '192.168.1.1');
    assert.deepEqual(info.lan?.map(formatPrefix), ['192.168.1.0/24']);
    assert.equal(view.hasIpv6, true);
  });

  test('def1 keeps the LAN local and sends the rest through the tunnel', () => {
    const dump = homeDump();
    const view = hostView(dump, 'routes.txt', parseAddress('198.51.100.7'));
    const p = plan(['remote 198.51.100.7', 'redirect-gateway def1'], hostInfo(view));
    const prediction = predict(view, p, 'tun0');
    const dev = (a: string): string => resolve(prediction.tables, parseAddress(a) ?? assert.fail()).nexthops.map((h) => h.device ?? '?').join(',');
    assert.equal(dev('8.8.8.8'), 'tun0');
    assert.equal(dev('192.168.1.50'), 'wlan0');
    assert.equal(dev('198.51.100.7'), 'wlan0');
    assert.equal(dev('2001:4860::1'), 'wlan0');
  });

  test('without def1 the dump\'s default route is removed from the prediction', () => {
    const dump = homeDump();
    const view = hostView(dump, 'routes.txt');
    const prediction = predict(view, plan(['redirect-gateway'], hostInfo(view)), 'tun0');
    assert.deepEqual(prediction.removed.map((r) => r.span.line), [0]);
    assert.equal(resolve(prediction.tables, parseAddress('8.8.8.8') ?? assert.fail()).nexthops[0]?.device, 'tun0');
  });
});

describe('simulate connecting', () => {
  test('a client config: the routes it adds and the predicted table', () => {
    const sim = simulateConnecting(fixture('client-full-tunnel.ovpn'), { dump: homeDump(), dumpName: 'routes.txt' }, 'openvpn');
    assert.equal(sim.who, 'this machine');
    assert.deepEqual(sim.added.map((r) => formatPrefix(r.prefix)), ['198.51.100.7/32', '0.0.0.0/1', '128.0.0.0/1']);
    assert.equal(sim.table?.length, 9);
    assert.equal(sim.vpnRouteIds?.size, 3);
  });

  test('a server config describes its clients; a log its own routes', () => {
    assert.equal(simulateConnecting(fixture('server.conf'), {}, 'openvpn').who, 'clients');
    const log = simulateConnecting(fixture('client-linux-2.6.log'), {}, 'openvpn-log');
    assert.deepEqual(log.added.map((r) => formatPrefix(r.prefix)), ['198.51.100.7/32', '0.0.0.0/1', '128.0.0.0/1', '10.8.0.1/32']);
    assert.equal(log.table, undefined);
  });
});
