// Every fixture through every output: no private or preshared key may appear in any string Route Lens produces.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeWireGuard } from '../../../server/src/core/configs/wireguard';
import { assertNoSecretInOutputs } from './configOutputs';
import { fixture, fixtureNames, routesDump } from './wireguardHelpers';

/** Secret values found by a reading independent of the code under test: key lines, commented out or not. */
function secretsIn(text: string): string[] {
  const out: string[] = [];
  const patterns = [/^\s*#*\s*(?:PrivateKey|PresharedKey)\s*=\s*(\S+)/i, /^\s*(?:private key|preshared key):\s*(\S+)\s*$/];
  for (const line of text.split(/\r?\n/)) {
    for (const pattern of patterns) {
      const value = pattern.exec(line)?.[1];
      if (value !== undefined && value !== '(hidden)') out.push(value);
    }
  }
  return out;
}



describe('wireguard secrets never leave', () => {
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
      for (const withDump of [false, true]) {
        const analysis = analyzeWireGuard(text, withDump ? { dump: routesDump(), dumpName: 'routes.txt' } : {});
        // Every secret is covered by a span in `secrets`, so other outputs can leave it out too.
        const covered = analysis.secrets.map((s) => (lines[s.line] ?? '').slice(s.col, s.endCol));
        for (const secret of secrets) assert.ok(covered.includes(secret), `${name}: a secret has no span`);
        assertNoSecretInOutputs(name, analysis, text, secrets, 12);
      }
    });
  }
});
