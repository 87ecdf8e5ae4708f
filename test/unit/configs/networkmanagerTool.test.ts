// Cross-checks with NetworkManager's own keyfile reader: `nmcli --offline` (1.42+) reads a profile on stdin and
// writes it back as a keyfile without any daemon. Skipped with the reason printed when nmcli is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { analyzeNetworkManager } from '../../../server/src/core/configs/networkmanager';
import { fixture, fixtureNames } from './networkmanagerHelpers';

function offline(text: string): { status: number | null; out: string } {
  // Setting a property to its default changes nothing, and makes nmcli write the profile back.
  const r = spawnSync('nmcli', ['--offline', 'connection', 'modify', 'connection.autoconnect-priority', '0'], { input: text, encoding: 'utf8' });
  return { status: r.error ? null : r.status, out: r.stdout ?? '' };
}

const available = (() => {
  const r = spawnSync('nmcli', ['--offline', 'connection', 'add', 'type', 'dummy', 'ifname', 'd0'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
})();
const skip = available ? false : 'nmcli with --offline (NetworkManager 1.42+) is not installed: apt-get install network-manager';
if (skip) console.log(`# skipped: ${skip}`);

/** `group/key` for every key line, values left out (they may be secrets). */
function keysOf(text: string): Set<string> {
  const out = new Set<string>();
  let group = '';
  for (const line of text.split('\n')) {
    const h = /^\[(.*)\]$/.exec(line.trim());
    if (h) group = h[1] ?? '';
    else if (!line.startsWith('#') && line.includes('=')) out.add(`${group}/${line.slice(0, line.indexOf('=')).trim()}`);
  }
  return out;
}

describe('networkmanager against nmcli --offline', { skip }, () => {
  for (const name of fixtureNames()) {
    test(name, () => {
      const text = fixture(name);
      const analysis = analyzeNetworkManager(text);
      const result = offline(text);
      const parseErrors = analysis.findings.some((f) => f.code === 'parse-error');
      const refused = analysis.findings.some((f) => f.code === 'invalid-address' || f.code === 'invalid-route');
      // What Route Lens calls unreadable, NetworkManager refuses; what it reads cleanly, NetworkManager takes.
      if (parseErrors) {
        assert.notEqual(result.status, 0, `${name}: nmcli accepted a file with parse errors`);
        return;
      }
      if (!refused) assert.equal(result.status, 0, `${name}: nmcli refused a file Route Lens reads cleanly`);
      if (result.status !== 0) return;
      const written = keysOf(result.out);
      const lines = text.split('\n');
      for (const f of analysis.findings.filter((x) => x.code === 'unknown-key')) {
        const key = (lines[f.span.line] ?? '').slice(f.span.col, f.span.endCol);
        const group = [...lines.slice(0, f.span.line)].reverse().find((l) => l.startsWith('['))?.slice(1, -1) ?? '';
        if (group === 'vpn') continue;
        assert.ok(!written.has(`${group}/${key}`), `${name}: nmcli kept "${key}", which Route Lens calls unknown`);
      }
      // Every key nmcli writes is one Route Lens knows.
      const round = analyzeNetworkManager(result.out);
      assert.deepEqual(round.findings.filter((f) => (f.code === 'unknown-key' && !f.message.includes('plugin')) || f.code === 'parse-error').map((f) => f.message), [], `${name}: nmcli wrote a key Route Lens does not know`);
    });
  }

  test('an invalid address is dropped by nmcli too', () => {
    const text = '[connection]\nid=x\ntype=ethernet\n[ipv4]\nmethod=manual\naddress1=10.0.0.300/24\n';
    assert.ok(analyzeNetworkManager(text).findings.some((f) => f.code === 'invalid-address'));
    const result = offline(text);
    assert.ok(result.status !== 0 || !result.out.includes('10.0.0.300'));
  });

  test('a profile nmcli writes from scratch reads cleanly', () => {
    const r = spawnSync('nmcli', ['--offline', 'connection', 'add', 'type', 'wireguard', 'con-name', 'wg', 'ifname', 'wg9', 'ipv4.method', 'manual',
      'ipv4.addresses', '10.9.0.2/24', 'ipv4.route-table', '75', 'ipv4.routing-rules', 'priority 32345 from all table 75', 'ipv4.routes', '10.10.0.0/16 10.9.0.1 20 table=75',
      'ipv4.never-default', 'yes', 'ipv4.dns', '10.9.0.1', 'ipv4.dns-priority', '-50', 'wireguard.peer-routes', 'no'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const a = analyzeNetworkManager(r.stdout);
    assert.deepEqual(a.findings.filter((f) => ['unknown-key', 'parse-error', 'invalid-route', 'invalid-address', 'route-table-without-rule'].includes(f.code)).map((f) => f.message), []);
    assert.ok(a.plan.routes.some((x) => x.table === 75 && x.metric === 20));
  });
});
