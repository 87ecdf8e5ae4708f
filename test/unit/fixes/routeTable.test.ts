import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import { fixesFor } from '../../../server/src/core/fixes';
import { ipRouteCommand } from '../../../server/src/core/fixes/ipRouteCommand';
import type { Route } from '../../../server/src/core/model';
import { analyse, applyAndRecheck, findingOf, fixOf, text } from './helpers';

const ROUTES = { languageId: 'route-table' } as const;

function routeOn(dump: string, line: number): Route {
  const route = analyze(dump).document.routes.find((r) => r.span.line === line);
  assert.ok(route, `no route on line ${line + 1}`);
  return route;
}

function scriptOf(source: string, code: string): string {
  const analysis = analyse(source, ROUTES);
  const fix = fixOf(analysis, source, findingOf(analysis, code), 'Show the ip route commands');
  assert.equal(fix.command?.id, 'showCommands');
  assert.deepEqual(fix.edits, []);
  return fix.command.id === 'showCommands' ? fix.command.script : '';
}

describe('route dump fixes', () => {
  test('"Remove this shadowed route" takes the whole route, continuation lines too, CRLF kept', () => {
    const dump = text(`
default via 192.0.2.1 dev eth0 metric 100
default proto static metric 100
\tnexthop via 192.0.2.1 dev eth0 weight 1
\tnexthop via 198.51.100.1 dev eth1 weight 1
192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.10
`).replace(/\n/g, '\r\n');
    const analysis = analyse(dump, ROUTES);
    const finding = findingOf(analysis, 'shadowed-route');
    assert.equal(finding.span.line, 1);
    const fix = fixOf(analysis, dump, finding, 'Remove this shadowed route');
    const { after } = applyAndRecheck(dump, ROUTES, fix, 'shadowed-route');
    assert.equal(after, 'default via 192.0.2.1 dev eth0 metric 100\r\n192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.10\r\n');
  });

  test('ip route syntax: table, metric, proto, scope, src, onlink, multipath, IPv6 and route types', () => {
    const dump = text(`
default via 10.0.0.1 dev eth0 table 100 proto static metric 50 onlink
10.1.0.0/16 dev wg0 proto kernel scope link src 10.1.0.2 mtu 1420
blackhole 203.0.113.0/24 table 200
2001:db8::/32 via fe80::1 dev eth0 metric 1024 pref medium
default proto static metric 20
\tnexthop via 192.0.2.1 dev eth0 weight 2
\tnexthop via 198.51.100.1 dev eth1 weight 1
`);
    assert.equal(ipRouteCommand(routeOn(dump, 0), { verb: 'del' }), 'ip route del default via 10.0.0.1 dev eth0 table 100 proto static metric 50 onlink');
    assert.equal(ipRouteCommand(routeOn(dump, 1), { verb: 'add', metric: 5 }), 'ip route add 10.1.0.0/16 dev wg0 proto kernel scope link src 10.1.0.2 metric 5 mtu 1420');
    assert.equal(ipRouteCommand(routeOn(dump, 2), { verb: 'del' }), 'ip route del blackhole 203.0.113.0/24 table 200');
    assert.equal(ipRouteCommand(routeOn(dump, 3), { verb: 'replace' }), 'ip -6 route replace 2001:db8::/32 via fe80::1 dev eth0 metric 1024 pref medium');
    assert.equal(ipRouteCommand(routeOn(dump, 4), { verb: 'add' }),
      'ip route add default proto static metric 20 nexthop via 192.0.2.1 dev eth0 weight 2 nexthop via 198.51.100.1 dev eth1');
  });

  test('shadowed-route: delete it, or move it below the winner\'s metric (new route first)', () => {
    const script = scriptOf(text(`
default dev ppp0 proto static scope link metric 50
default via 192.168.101.1 dev eth0 proto dhcp src 192.168.101.23 metric 100
192.168.101.0/24 dev eth0 proto kernel scope link src 192.168.101.23 metric 100
`), 'shadowed-route');
    const commands = script.split('\n').filter((l) => l.startsWith('ip '));
    assert.deepEqual(commands, [
      'ip route del default via 192.168.101.1 dev eth0 proto dhcp metric 100',
      'ip route add default via 192.168.101.1 dev eth0 proto dhcp src 192.168.101.23 metric 49',
      'ip route del default via 192.168.101.1 dev eth0 proto dhcp metric 100',
    ]);
    assert.match(script, /^#!\/bin\/sh\n# Route Lens: shadowed-route on line 2\. Nothing has been run\./);
  });

  test('equal-metric-defaults and gateway-not-on-link get their commands', () => {
    const tie = scriptOf(text(`
default via 192.168.1.1 dev eth0 metric 100
default via 10.0.0.1 dev wlan0 metric 100
default via 172.16.0.1 dev usb0 metric 101
192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.5
`), 'equal-metric-defaults');
    assert.deepEqual(tie.split('\n').filter((l) => l.startsWith('ip ')), [
      'ip route add default via 10.0.0.1 dev wlan0 metric 102',
      'ip route del default via 10.0.0.1 dev wlan0 metric 100',
    ]);
    const onlink = scriptOf(text(`
default via 10.9.9.1 dev eth0
192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.5
`), 'gateway-not-on-link');
    assert.deepEqual(onlink.split('\n').filter((l) => l.startsWith('ip ')), ['ip route replace default via 10.9.9.1 dev eth0 onlink']);
  });

  test('no ip route commands for a Windows table', () => {
    const dump = text(`
===========================================================================
IPv4 Route Table
===========================================================================
Active Routes:
Network Destination        Netmask          Gateway       Interface  Metric
          0.0.0.0          0.0.0.0      192.168.1.1    192.168.1.10     25
          0.0.0.0          0.0.0.0      192.168.1.1    192.168.1.10     35
===========================================================================
`);
    const analysis = analyse(dump, ROUTES);
    for (const finding of analysis.findings) {
      assert.ok(!fixesFor(analysis, dump, finding).some((f) => f.command), finding.code);
    }
  });
});
