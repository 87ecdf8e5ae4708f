import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { installPlan } from '../../../server/src/core/configs/strongswan';
import { routeLines } from '../../../server/src/core/configs/strongswan/install';
import { policyPriority } from '../../../server/src/core/configs/strongswan/policy';
import { swan } from './strongswanHelpers';

const tunnel = (text: string, name: string) => {
  const t = swan(text).state.doc.tunnels.find((x) => x.name === name);
  assert.ok(t);
  return t;
};

describe('strongswan install plan (pure)', () => {
  test('tunnel mode: out/in/fwd policies and one table-220 route per remote selector', () => {
    const t = tunnel('\nconn a\n    right=203.0.113.1\n    leftsubnet=10.1.0.0/16\n    rightsubnet=10.2.0.0/16,10.3.0.0/16\n    auto=route\n', 'a');
    const plan = installPlan(t, { peerPath: { dev: 'eth0', via: '192.0.2.1' }, hostAddressIn: () => '10.1.0.1' });
    assert.deepEqual(plan.policies.map((p) => p.dir), ['out', 'in', 'fwd', 'out', 'in', 'fwd']);
    assert.deepEqual(routeLines(plan), ['10.2.0.0/16 via 192.0.2.1 dev eth0 src 10.1.0.1 table 220', '10.3.0.0/16 via 192.0.2.1 dev eth0 src 10.1.0.1 table 220']);
  });

  test('transport and drop install no routes; pass routes go where the subnet is reached now', () => {
    assert.equal(installPlan(tunnel('\nconn a\n    right=203.0.113.1\n    type=transport\n    auto=add\n', 'a')).routes.length, 0);
    assert.equal(installPlan(tunnel('\nconn a\n    rightsubnet=::/0\n    type=drop\n    auto=route\n', 'a')).routes.length, 0);
    const pass = installPlan(tunnel('\nconn a\n    leftsubnet=192.168.1.0/24\n    rightsubnet=192.168.1.0/24\n    type=passthrough\n    auto=route\n', 'a'), { pathTo: () => ({ dev: 'eth0', via: undefined }) });
    assert.equal(pass.routes[0]?.dev, 'eth0');
    assert.ok(pass.policies.every((p) => p.action === 'pass'));
  });

  test('priorities: pass beats IPsec, more specific beats less specific, ports and protocols refine', () => {
    const text = '\nconn all\n    rightsubnet=0.0.0.0/0\n    auto=add\nconn net\n    rightsubnet=10.0.0.0/8\n    auto=add\nconn web\n    rightsubnet=10.0.0.0/8[tcp/http]\n    auto=add\nconn p\n    rightsubnet=0.0.0.0/0\n    type=pass\n    auto=route\n';
    const [all, net, web, p] = ['all', 'net', 'web', 'p'].map((n) => tunnel(text, n));
    assert.ok(all && net && web && p);
    const prio = (t: typeof all) => policyPriority(t, t.local[0] ?? assert.fail(), t.remote[0] ?? assert.fail());
    assert.ok(prio(p) < prio(web) && prio(web) < prio(net) && prio(net) < prio(all));
  });
});
