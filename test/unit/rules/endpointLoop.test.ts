import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/model';
import { L2TP } from '../helpers';

const lines = (...l: string[]): string => l.join('\n');

function found(text: string): Finding[] {
  return analyze(text).findings.filter((f) => f.code === 'endpoint-loop');
}

describe('endpoint-loop', () => {
  test('the L2TP story as intended: the server exception wins, no loop', () => {
    assert.deepEqual(found(L2TP), []);
  });

  test('pppd made the server address its peer: the kernel\'s peer route beats the exception', () => {
    const text = `${L2TP}\n203.0.113.77 dev ppp0 proto kernel scope link src 10.0.0.5`;
    const f = found(text);
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, 'error');
    assert.deepEqual([f[0]!.span.line, f[0]!.span.col, f[0]!.span.endCol], [3, 0, 12]);
    assert.match(f[0]!.message, /^Endpoint loop: the host route to 203\.0\.113\.77 through eth0 via 192\.168\.101\.1 is the exception that keeps a VPN server outside the tunnel, but it loses \(same prefix, but metric 100 is worse than 0 \(line 5\); the lowest metric wins\): 203\.0\.113\.77 resolves into ppp0 by 203\.0\.113\.77\/32 → ppp0 \(line 5\)\./);
    assert.match(f[0]!.message, /also the peer address of ppp0/);
    assert.deepEqual(f[0]!.related.map((r) => r.span.line + 1), [5]);
  });

  test('an OpenVPN exception left in the default table: the tunnel\'s /1 routes take the server', () => {
    const text = lines(
      '0.0.0.0/1 via 10.8.0.1 dev tun0',
      '128.0.0.0/1 via 10.8.0.1 dev tun0',
      '10.8.0.0/24 dev tun0 proto kernel scope link src 10.8.0.6',
      '192.168.1.0/24 dev wlan0 proto kernel scope link src 192.168.1.34',
      '198.51.100.10 via 192.168.1.1 dev wlan0 table default',
    );
    const f = found(text);
    assert.deepEqual(f.map((x) => [x.span.line + 1, x.severity]), [[5, 'warning']]);
    assert.match(f[0]!.message, /it loses \(table default is searched only after table main, which already has a route for it\): 198\.51\.100\.10 resolves into tun0 by 128\.0\.0\.0\/1 → tun0 via 10\.8\.0\.1 \(line 2\)\. If 198\.51\.100\.10 is the VPN server/);
  });

  test('quiet: no tunnel, a winning exception, a dead exception, custom rules, a route into the tunnel itself', () => {
    assert.deepEqual(found(lines('default via 192.168.1.1 dev eth0', '198.51.100.10 via 192.168.1.1 dev eth0 metric 5', '198.51.100.10 via 192.168.1.2 dev eth0 metric 9')), []);
    assert.deepEqual(found(lines('default dev tun0', '198.51.100.10 via 192.168.1.1 dev eth0 dead')), []);
    assert.deepEqual(found(lines('default dev tun0', '198.51.100.10 via 10.8.0.1 dev tun0')), []);
    const policy = lines(
      '$ ip rule', '0:\tfrom all lookup local', '100:\tfrom all fwmark 0x1 lookup 200', '32766:\tfrom all lookup main',
      '$ ip route show table all', 'default dev tun0', '198.51.100.10 via 192.168.1.1 dev eth0 table default',
    );
    assert.deepEqual(found(policy), []);
  });
});
