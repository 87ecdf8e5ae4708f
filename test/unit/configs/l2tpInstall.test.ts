import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import { type PppRouteSettings, defaultRouteDiff, planPpp, predictAddress } from '../../../server/src/core/configs/l2tp';
import { parseIPv4 } from '../../../server/src/core/net/address';
import { dump, root } from './l2tpHelpers';

const settings = (over: Partial<PppRouteSettings> = {}): PppRouteSettings => ({
  defaultroute: true, replace: false, metric: undefined, defaultroute6: false, remote: undefined, device: 'ppp0', ...over,
});

function where(s: PppRouteSettings, dumpName: 'routes.txt' | 'routes-pinned.txt' | 'routes-no-default.txt', address: string): string {
  const d = dump(dumpName);
  const a = parseIPv4(address);
  assert.ok(a);
  const p = predictAddress(planPpp(s, d), d, dumpName, a);
  assert.ok(p);
  return `${p.tunnel ? 'tunnel' : 'outside'}: ${p.sentence}`;
}

describe('planPpp: what pppd 2.4.9 does to the table', () => {
  test('defaultroute with an existing default: blocked, nothing but the peer route', () => {
    const plan = planPpp(settings({ remote: parseIPv4('10.8.0.1') }), dump());
    assert.equal(plan.outcome, 'blocked');
    assert.deepEqual(plan.added, ['10.8.0.1 dev ppp0 proto kernel scope link']);
    assert.deepEqual(defaultRouteDiff(plan, 'routes.txt'), [
      '+ 10.8.0.1 dev ppp0 proto kernel scope link',
      '  default via 192.168.101.1 dev eth0 proto dhcp src 192.168.101.23 metric 100   (line 1 of routes.txt)',
    ]);
  });

  test('replacedefaultroute: the old default goes, ppp0 takes everything but more specific routes', () => {
    const plan = planPpp(settings({ replace: true }), dump());
    assert.equal(plan.outcome, 'replaces');
    assert.equal(plan.replaced?.span.line, 0);
    assert.deepEqual(defaultRouteDiff(plan, 'routes.txt'), [
      '+ default dev ppp0 scope link',
      '- default via 192.168.101.1 dev eth0 proto dhcp src 192.168.101.23 metric 100   (line 1 of routes.txt)',
    ]);
    assert.equal(where(settings({ replace: true }), 'routes.txt', '8.8.8.8'), 'tunnel: into the tunnel (ppp0, by the default route pppd adds)');
    assert.equal(where(settings({ replace: true }), 'routes.txt', '192.168.101.7'), 'outside: outside the tunnel, through eth0 (line 2 of routes.txt)');
  });

  test('the seed story: the LNS host route keeps the tunnel\'s own packets outside', () => {
    assert.equal(where(settings({ replace: true }), 'routes-pinned.txt', '203.0.113.77'), 'outside: outside the tunnel, through eth0 via 192.168.101.1 (line 3 of routes-pinned.txt)');
    assert.equal(where(settings({ replace: true }), 'routes.txt', '203.0.113.77'), 'tunnel: into the tunnel (ppp0, by the default route pppd adds)');
  });

  test('no default in the dump: pppd adds one, with the configured metric', () => {
    const plan = planPpp(settings({ metric: 50 }), dump('routes-no-default.txt'));
    assert.equal(plan.outcome, 'added');
    assert.deepEqual(plan.added, ['default dev ppp0 scope link metric 50']);
    assert.equal(where(settings(), 'routes-no-default.txt', '10.1.2.3'), 'tunnel: into the tunnel (ppp0, by the default route pppd adds)');
  });

  test('blocked or off: public traffic stays on eth0', () => {
    assert.equal(where(settings(), 'routes.txt', '8.8.8.8'), 'outside: outside the tunnel, through eth0 via 192.168.101.1 (line 1 of routes.txt)');
    assert.equal(where(settings({ defaultroute: false, remote: parseIPv4('10.8.0.1') }), 'routes.txt', '10.8.0.1'), 'tunnel: into the tunnel (ppp0, by the peer route the kernel adds)');
  });

  test('without a Linux dump the outcome is unknown and there is no table', () => {
    const plan = planPpp(settings(), undefined);
    assert.equal(plan.outcome, 'unknown');
    assert.equal(plan.tables, undefined);
    const mac = analyze(readFileSync(join(root, 'test/fixtures/macos/sonoma-wifi.txt'), 'utf8'));
    assert.equal(mac.tables.os, 'macos');
    assert.equal(planPpp(settings(), mac).outcome, 'unknown');
    assert.equal(planPpp(settings(), mac).tables, undefined);
  });

  test('the dump itself is left as it was', () => {
    const d = dump();
    const plan = planPpp(settings({ replace: true }), d);
    assert.equal(d.tables.routes.length, 2);
    assert.equal(plan.tables?.routes.length, 2);
    assert.equal(d.tables.routes[0]?.nexthops[0]?.device, 'eth0');
  });
});
