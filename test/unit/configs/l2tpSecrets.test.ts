// Every fixture through every output: no password may appear in any string Route Lens produces.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertNoSecretInOutputs } from './configOutputs';
import { DUMPS, analyzeFixture, context, fixture, fixtureNames, isSecrets } from './l2tpHelpers';

/**
 * Secret values found by a reading independent of the code under test: the word after a password-like option,
 * or the third field of a secrets file's line.
 */
function secretsIn(name: string, text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (isSecrets(name)) {
      const m = /^\s*("[^"]*"|[^\s#"]+)\s+("[^"]*"|[^\s#"]+)\s+("[^"]*"|[^\s#"]+)/.exec(line);
      if (m?.[3]) out.push(m[3].replace(/^"|"$/g, ''));
      continue;
    }
    const m = /^\s*(?:password|passwd|srp-pn-secret)\s+(["']?)([^"'\s]+(?: [^"'\s]+)*)\1?/.exec(line);
    if (m?.[2]) out.push(m[2]);
  }
  return out;
}



describe('l2tp secrets never leave', () => {
  const names = fixtureNames();

  test('the fixtures hold secrets to check', () => {
    const total = names.reduce((n, name) => n + secretsIn(name, fixture(name)).length, 0);
    assert.ok(total >= 9, `only ${total} secrets in the fixtures`);
  });

  for (const name of names) {
    test(name, () => {
      const text = fixture(name);
      const secrets = secretsIn(name, text);
      const lines = text.split(/\r?\n/);
      for (const dumpName of [undefined, ...DUMPS]) {
        const analysis = analyzeFixture(name, context(dumpName));
        const covered = analysis.secrets.map((s) => (lines[s.line] ?? '').slice(s.col, s.endCol).replace(/^["']|["']$/g, ''));
        for (const secret of secrets) assert.ok(covered.includes(secret), `${name}: a secret has no span`);
        assertNoSecretInOutputs(name, analysis, text, secrets, 8);
      }
    });
  }
});
