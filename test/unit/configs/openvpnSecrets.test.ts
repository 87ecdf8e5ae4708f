import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConfigAnalysis } from '../../../server/src/core/configs/types';
import { everyOutput } from './configOutputs';
import { analyzeText, fixture, fixtureNames, homeDump } from './openvpnHelpers';

/** Known secret values in the fixtures, checked on top of whatever the analysis marks as secret. */
const SENTINELS = ['Sup3rS3cretPassw0rd', 'SESS_ID_AT_9mQ2rT7xK4pL8vN3bC6dF1gH5jZ0wY'];

/** Every piece of secret text: each marked span's words of 6 characters or more. */
function secretWords(text: string, result: ConfigAnalysis): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const words = new Set(SENTINELS.filter((s) => text.includes(s)));
  for (const span of result.secrets) {
    const value = (lines[span.line] ?? '').slice(span.col, span.endCol);
    // PEM armour (`-----BEGIN OpenVPN Static key V1-----`) names the format, not the secret.
    if (value.trimStart().startsWith('-----')) continue;
    for (const word of value.split(/[\s"']+/)) if (word.length >= 6) words.add(word);
  }
  return [...words];
}



describe('openvpn secrets never reach an output', () => {
  for (const name of fixtureNames()) {
    for (const withDump of [false, true]) {
      test(`${name}${withDump ? ' with a route dump' : ''}`, () => {
        const text = fixture(name);
        const result = analyzeText(text, withDump ? homeDump() : undefined);
        const secrets = secretWords(text, result);
        for (const output of everyOutput(result, text)) {
          for (const secret of secrets) assert.ok(!output.includes(secret), `${name}: secret text "${secret.slice(0, 4)}…" in output: ${output.slice(0, 120)}`);
        }
      });
    }
  }

  test('the fixtures with secrets mark them', () => {
    const marked = (name: string): number => analyzeText(fixture(name)).secrets.length;
    assert.ok(marked('client-full-tunnel.ovpn') > 20, 'the <key> and <tls-crypt> lines');
    assert.ok(marked('connection-profiles.ovpn') >= 18, 'the <tls-auth> lines');
    assert.ok(marked('static-key-p2p.conf') >= 18, 'the <secret> lines');
    assert.ok(marked('auth-inline.ovpn') >= 4, 'the <auth-user-pass> lines and the unclosed <key>');
    assert.equal(marked('client-windows.log'), 1);
    for (const sentinel of SENTINELS) assert.ok(fixtureNames().some((n) => fixture(n).includes(sentinel)), sentinel);
  });

  test('hovers over secret lines say only (hidden)', () => {
    const text = fixture('auth-inline.ovpn');
    const result = analyzeText(text);
    const lines = text.split('\n');
    const password = lines.findIndex((l) => l.includes('Sup3rS3cret'));
    assert.equal(result.hoverAt(lines[password] ?? '', password, 3)?.markdown, 'Inline `<auth-user-pass>`: secret, 2 lines. Content (hidden).');
  });
});
