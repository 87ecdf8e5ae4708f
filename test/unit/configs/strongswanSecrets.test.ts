// Every fixture through every output: no PSK, password, passphrase or swanctl secret may appear in any string Route Lens produces.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeStrongSwan } from '../../../server/src/core/configs/strongswan';
import { assertNoSecretInOutputs, everyOutput } from './configOutputs';
import { fixture, fixtureNames, routesDump } from './strongswanHelpers';

/** Secret values found by a reading independent of the code under test. */
function secretsIn(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const swanctl = /^\s*(?:secret|pin)\s*=\s*"?([^"]+?)"?\s*$/.exec(line)?.[1];
    if (swanctl !== undefined) out.push(swanctl);
    const quoted = /:\s+(?:PSK|EAP|XAUTH|RSA|NTLM)\b.*"([^"]+)"/.exec(line)?.[1];
    if (quoted !== undefined) out.push(quoted);
  }
  return out;
}



describe('strongswan secrets never leave', () => {
  const names = fixtureNames();

  test('the fixtures hold secrets to check', () => {
    const total = names.reduce((n, name) => n + secretsIn(fixture(name)).length, 0);
    assert.ok(total >= 7, `only ${total} secrets in the fixtures`);
  });

  for (const name of names) {
    test(name, () => {
      const text = fixture(name);
      const secrets = secretsIn(text);
      const lines = text.split(/\r?\n/);
      for (const dump of [false, true]) {
        const analysis = analyzeStrongSwan(text, dump ? { dump: routesDump(), dumpName: 'routes.txt' } : {}, { fileName: name });
        const covered = analysis.secrets.map((s) => (lines[s.line] ?? '').slice(s.col, s.endCol));
        for (const secret of secrets) assert.ok(covered.some((c) => c.includes(secret)), `${name}: a secret has no span`);
        assertNoSecretInOutputs(name, analysis, text, secrets);
      }
    });
  }

  test('a malformed secrets line is hidden whole', () => {
    const text = 'x y z : PSKK "zz-top-secret"\nbroken line secretword\n';
    const analysis = analyzeStrongSwan(text, {}, { fileName: 'ipsec.secrets' });
    for (const output of everyOutput(analysis, text)) {
      assert.ok(!output.includes('zz-top-secret') && !output.includes('secretword'));
    }
  });
});
