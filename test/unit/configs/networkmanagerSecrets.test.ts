// Every fixture through every output: no password, PSK or key may appear in any string Route Lens produces.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeNetworkManager } from '../../../server/src/core/configs/networkmanager';
import { assertNoSecretInOutputs } from './configOutputs';
import { fixture, fixtureNames, routesDump } from './networkmanagerHelpers';

/** Secret values found by a reading independent of the code under test: [vpn-secrets] values and secret keys, commented out or not. */
function secretsIn(text: string): string[] {
  const out: string[] = [];
  let group = '';
  for (const line of text.split(/\r?\n/)) {
    const header = /^\[(.*)\]$/.exec(line.trim());
    if (header) {
      group = header[1] ?? '';
      continue;
    }
    const m = /^#?\s*([\w -]+?)=(.+)$/.exec(line.trim());
    if (!m) continue;
    const key = m[1] ?? '';
    if (group === 'vpn-secrets' || /^(?:psk|private-key|preshared-key|password|ipsec-psk|wep-key\d)$/.test(key)) out.push((m[2] ?? '').trim());
  }
  return out;
}



describe('networkmanager secrets never leave', () => {
  const names = fixtureNames();

  test('the fixtures hold secrets to check', () => {
    const total = names.reduce((n, name) => n + secretsIn(fixture(name)).length, 0);
    assert.ok(total >= 10, `only ${total} secrets in the fixtures`);
  });

  for (const name of names) {
    test(name, () => {
      const text = fixture(name);
      const secrets = secretsIn(text);
      const lines = text.split(/\r?\n/);
      const siblings = names.filter((n) => n !== name).map((n) => ({ name: n, text: fixture(n) }));
      for (const withDump of [false, true]) {
        const analysis = analyzeNetworkManager(text, withDump ? { dump: routesDump(), dumpName: 'routes.txt' } : {}, { siblings });
        const covered = analysis.secrets.map((s) => (lines[s.line] ?? '').slice(s.col, s.endCol));
        for (const secret of secrets) assert.ok(covered.includes(secret), `${name}: a secret has no span`);
        assertNoSecretInOutputs(name, analysis, text, secrets, 10);
      }
    });
  }

  test('*-flags values are not secrets', () => {
    const a = analyzeNetworkManager(fixture('l2tp-full-tunnel.nmconnection'));
    const lines = fixture('l2tp-full-tunnel.nmconnection').split('\n');
    assert.ok(!a.secrets.some((s) => (lines[s.line] ?? '').includes('-flags')));
  });
});
