import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/model';

const lines = (...l: string[]): string => l.join('\n');

function found(text: string): Finding[] {
  return analyze(text).findings.filter((f) => f.code === 'multipath-route');
}

describe('multipath-route (registered)', () => {
  test('an IPv6 ECMP default is a hint with next hops, weights and how flows are hashed', () => {
    const f = found(lines(
      'default proto ra metric 1024 expires 1796sec pref medium',
      '\tnexthop via fe80::1 dev eth0 weight 1',
      '\tnexthop via fe80::2 dev eth0 weight 1',
    ));
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, 'hint');
    assert.deepEqual([f[0]!.span.line, f[0]!.span.col, f[0]!.span.endCol], [0, 0, 7]);
    assert.match(f[0]!.message, /^Multipath route ::\/0: the kernel hashes each flow onto one next hop by weight/);
    assert.match(f[0]!.message, /Next hops: eth0 via fe80::1 \(weight 1, 50%\), eth0 via fe80::2 \(weight 1, 50%\)\.$/);
  });

  test('IPv4 says what the default hash policy keeps together; dead next hops are left out of the shares', () => {
    const f = found(lines(
      '10.0.0.0/8 proto static metric 20',
      '\tnexthop via 192.168.1.1 dev eth0 weight 3',
      '\tnexthop via 192.168.2.1 dev eth1 weight 1 dead linkdown',
      '\tnexthop via 192.168.3.1 dev eth2 weight 1',
    ));
    assert.match(f[0]!.message, /fib_multipath_hash_policy=0\) the flow is the source and destination address pair/);
    assert.match(f[0]!.message, /eth0 via 192\.168\.1\.1 \(weight 3, 75%\), eth2 via 192\.168\.3\.1 \(weight 1, 25%\); 1 dead next hop is skipped\./);
  });

  test('tunnel and physical next hops mixed: a warning, part of the flows leave outside the tunnel', () => {
    const f = found(lines('default proto static metric 100', '\tnexthop via 10.0.0.1 dev eth0 weight 1', '\tnexthop dev wg0 weight 3'));
    assert.equal(f[0]!.severity, 'warning');
    assert.match(f[0]!.message, /1 of 2 next hops are tunnels, so the flows hashed onto the others leave outside the tunnel/);
  });
});
