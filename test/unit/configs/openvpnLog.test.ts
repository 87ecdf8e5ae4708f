import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeLog } from '../../../server/src/core/configs/openvpn/log/analyze';
import { messageStart } from '../../../server/src/core/configs/openvpn/log/prefix';
import { parseLog } from '../../../server/src/core/configs/openvpn/log/parse';
import { parseRouteCommand } from '../../../server/src/core/configs/openvpn/log/routeCommands';
import { formatAddress } from '../../../server/src/core/net/address';
import { formatPrefix } from '../../../server/src/core/net/prefix';
import { analyzeText, codes, fixture, hover, homeDump } from './openvpnHelpers';

function command(message: string): string | undefined {
  const r = parseRouteCommand(message, 0, 0);
  return r && `${r.action} ${formatPrefix(r.prefix)}${r.gateway ? ` via ${formatAddress(r.gateway)}` : ''}${r.device ? ` dev ${r.device}` : ''}${r.metric !== undefined ? ` metric ${r.metric}` : ''}`;
}

describe('openvpn log lines', () => {
  test('the message starts after timestamps, syslog prefixes and peers', () => {
    const cases: [string, string][] = [
      ['2024-05-13 09:41:02 TUN/TAP device tun0 opened', 'TUN/TAP device tun0 opened'],
      ['Mon May 13 11:20:01 2024 OpenVPN 2.4.7', 'OpenVPN 2.4.7'],
      ['May 13 12:00:01 laptop openvpn[2211]: ROUTE_GATEWAY 192.168.1.1', 'ROUTE_GATEWAY 192.168.1.1'],
      ['2024-05-13 09:41:02 us=123456 Initialization Sequence Completed', 'Initialization Sequence Completed'],
      ['2024-05-13 09:41:02 alice/198.51.100.20:51234 PUSH: Received control message', 'PUSH: Received control message'],
      ['>LOG:1715593262,I,net_iface_up: set tun0 up', 'net_iface_up: set tun0 up'],
      ['net_route_v4_add: 0.0.0.0/1 via 10.8.0.5 dev [NULL] table 0 metric -1', 'net_route_v4_add: 0.0.0.0/1 via 10.8.0.5 dev [NULL] table 0 metric -1'],
    ];
    for (const [line, message] of cases) assert.equal(line.slice(messageStart(line)), message, line);
  });

  test('route commands of every platform', () => {
    assert.equal(command('net_route_v4_add: 0.0.0.0/1 via 10.8.0.5 dev [NULL] table 0 metric -1'), 'add 0.0.0.0/1 via 10.8.0.5');
    assert.equal(command('net_route_v6_add: 2000::/4 via :: dev tun0 table 0 metric -1'), 'add 2000::/4 dev tun0');
    assert.equal(command('add_route_ipv6(2000::/4 -> fd00::1 metric -1) dev tun0'), 'add 2000::/4 via fd00::1 dev tun0');
    assert.equal(command('/sbin/ip route add 198.51.100.7/32 via 192.168.1.1'), 'add 198.51.100.7/32 via 192.168.1.1');
    assert.equal(command('/sbin/ip route add 10.30.0.0/16 via 10.9.0.1 metric 101'), 'add 10.30.0.0/16 via 10.9.0.1 metric 101');
    assert.equal(command('/sbin/ip -6 route add 2000::/3 dev tun0'), 'add 2000::/3 dev tun0');
    assert.equal(command('/sbin/ip route del 0.0.0.0/0 via 192.168.1.1'), 'del 0.0.0.0/0 via 192.168.1.1');
    assert.equal(command('C:\\WINDOWS\\system32\\route.exe ADD 0.0.0.0 MASK 128.0.0.0 10.8.0.5'), 'add 0.0.0.0/1 via 10.8.0.5');
    assert.equal(command('C:\\Windows\\system32\\route.exe ADD 198.51.100.7 MASK 255.255.255.255 192.168.1.1 METRIC 25 IF 12'), 'add 198.51.100.7/32 via 192.168.1.1 dev If 12 metric 25');
    assert.equal(command('/sbin/route add -net 0.0.0.0 netmask 128.0.0.0 gw 10.8.0.5'), 'add 0.0.0.0/1 via 10.8.0.5');
    assert.equal(command('/sbin/route add -net 128.0.0.0 10.8.0.5 128.0.0.0'), 'add 128.0.0.0/1 via 10.8.0.5');
    assert.equal(command('/sbin/route add -cloning -net 198.51.100.7 -netmask 255.255.255.255 -interface en0'), 'add 198.51.100.7/32 dev en0');
    assert.equal(command('/sbin/route add -inet6 2000:: -prefixlen 4 -iface utun3'), 'add 2000::/4 dev utun3');
    assert.equal(command('C:\\WINDOWS\\system32\\netsh.exe interface ipv6 add route 2000::/4 interface=12 fe80::8 store=active'), 'add 2000::/4 via fe80::8 dev If 12');
    assert.equal(command('net_route_v4_best_gw query: dst 0.0.0.0'), undefined);
  });
});

describe('openvpn logs', () => {
  test('Linux 2.6 netlink log: gateway, device, pushed options and routes', () => {
    const parsed = parseLog(fixture('client-linux-2.6.log'));
    assert.equal(parsed.device?.name, 'tun0');
    assert.equal(formatAddress(parsed.gateway4?.address ?? assert.fail()), '192.168.1.1');
    assert.equal(parsed.gateway4?.device, 'wlan0');
    assert.equal(formatPrefix(parsed.gateway4?.lan ?? assert.fail()), '192.168.1.0/24');
    assert.deepEqual(parsed.pushes[0]?.options.map((o) => o.name), ['redirect-gateway', 'dhcp-option', 'route', 'topology', 'ping', 'ping-restart', 'ifconfig', 'peer-id', 'cipher']);
    assert.deepEqual(parsed.routes.map((r) => formatPrefix(r.prefix)), ['198.51.100.7/32', '0.0.0.0/1', '128.0.0.0/1', '10.8.0.1/32']);
    assert.equal(formatAddress(parsed.servers[0]?.address ?? assert.fail()), '198.51.100.7');
  });

  test('the routes in effect say tunnel or outside', () => {
    const { connection } = analyzeLog(fixture('client-linux-2.6.log'), {});
    assert.deepEqual(connection.side.plan.routes.map((r) => `${formatPrefix(r.prefix)} ${r.target} ${r.device ?? ''}`), [
      '198.51.100.7/32 net_gateway wlan0', '0.0.0.0/1 tunnel tun0', '128.0.0.0/1 tunnel tun0', '10.8.0.1/32 tunnel tun0',
    ]);
    const windows = analyzeLog(fixture('client-windows.log'), {}).connection;
    assert.deepEqual(windows.side.plan.routes.map((r) => `${formatPrefix(r.prefix)} ${r.target}`), ['198.51.100.7/32 net_gateway', '0.0.0.0/1 tunnel', '128.0.0.0/1 tunnel']);
  });

  test('findings of each log', () => {
    assert.deepEqual(codes(analyzeText(fixture('client-linux-2.6.log'))), ['ipv6-leak@16']);
    assert.deepEqual(codes(analyzeText(fixture('client-windows.log'))), ['ipv6-leak@6']);
    assert.deepEqual(codes(analyzeText(fixture('client-iproute-conflict.log'))), ['dns-outside-tunnel@3', 'pushed-route-lan-conflict@8', 'route-add-failed@9']);
    assert.deepEqual(codes(analyzeText(fixture('client-filtered.log'))), ['pull-filter-split@4', 'pull-filter-split@5']);
    const windows = analyzeText(fixture('client-windows.log')).findings[0];
    assert.equal(windows?.severity, 'information');
    assert.match(windows?.message ?? '', /no IPv6 default gateway/);
  });

  test('a failed route is not part of the table', () => {
    const { connection } = analyzeLog(fixture('client-iproute-conflict.log'), {});
    assert.deepEqual(connection.side.plan.routes.map((r) => formatPrefix(r.prefix)), ['10.30.0.0/16']);
    assert.equal(connection.parsed.routes[0]?.failed, 'File exists');
  });

  test('restarts: the last connection\'s routes are the ones in effect', () => {
    const text = [
      '2024-05-13 09:00:00 OpenVPN 2.6.3 x86_64-pc-linux-gnu',
      '2024-05-13 09:00:01 net_route_v4_add: 10.1.0.0/16 via 10.8.0.5 dev [NULL] table 0 metric -1',
      '2024-05-13 09:00:01 Initialization Sequence Completed',
      '2024-05-13 09:10:00 SIGUSR1[soft,ping-restart] received, process restarting',
      '2024-05-13 09:10:05 net_route_v4_add: 10.2.0.0/16 via 10.8.0.9 dev [NULL] table 0 metric -1',
    ].join('\n');
    const { connection } = analyzeLog(text, {});
    assert.deepEqual(connection.side.plan.routes.map((r) => formatPrefix(r.prefix)), ['10.2.0.0/16']);
  });

  test('hovers: route lines, pushed options and addresses', () => {
    const text = fixture('client-linux-2.6.log');
    const result = analyzeText(text);
    assert.match(hover(result, text, 31, 'net_route_v4_add') ?? '', /OpenVPN added `128\.0\.0\.0\/1 via 10\.8\.0\.5 dev tun0`: through the tunnel/);
    assert.match(hover(result, text, 16, 'redirect-gateway') ?? '', /Routes the log shows for it/);
    assert.match(hover(result, text, 16, '10.8.0.1', 2) ?? '', /\*\*10\.8\.0\.1\*\* goes \*\*through the tunnel\*\*/);
    const withDump = analyzeText(text, homeDump());
    assert.match(hover(withDump, text, 29, '198.51.100.7', 1) ?? '', /stays \*\*outside the tunnel\*\* \(`wlan0 via 192\.168\.1\.1`\)/);
    const filtered = fixture('client-filtered.log');
    assert.match(hover(analyzeText(filtered), filtered, 3, 'redirect-gateway') ?? '', /Removed by a pull filter/);
  });

  test('an auth token in a push reply is a secret', () => {
    const result = analyzeText(fixture('client-windows.log'));
    assert.equal(result.secrets.length, 1);
    const text = fixture('client-windows.log');
    assert.equal(hover(result, text, 6, 'SESS_ID'), 'Session credential: (hidden)');
  });
});

describe('openvpn log credentials', () => {
  test('tokens in filter lines and management passwords are secrets too', () => {
    const text = [
      "2024-05-13 09:41:02 Pushed option removed by filter: 'auth-token SESS_ID_secret123'",
      '2024-05-13 09:41:02 MANAGEMENT: CMD \'password "Auth" "hunter2hunter2"\'',
      "2024-05-13 09:41:02 PUSH: Received control message: 'PUSH_REPLY,auth-token [REDACTED],ping 10'",
    ].join('\n');
    const lines = text.split('\n');
    const result = analyzeText(`2024-05-13 09:41:02 OpenVPN 2.6.3 x86_64\n${text}`);
    const hidden = result.secrets.map((s) => (lines[s.line - 1] ?? '').slice(s.col, s.endCol));
    assert.deepEqual(hidden, ['SESS_ID_secret123', 'hunter2hunter2']);
  });
});
