// Every fixture through every output: no password, PSK or key may appear in any string Route Lens produces.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConfigSymbol } from '../../../server/src/core/configs/types';
import { type NetworkManagerAnalysis, analyzeNetworkManager } from '../../../server/src/core/configs/networkmanager';
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

function symbolStrings(symbols: readonly ConfigSymbol[]): string[] {
  return symbols.flatMap((s) => [s.name, s.detail ?? '', ...symbolStrings(s.children)]);
}

function everyOutput(analysis: NetworkManagerAnalysis, text: string): string[] {
  const out: string[] = [];
  for (const f of analysis.findings) out.push(f.message, ...f.related.map((r) => r.message));
  out.push(...symbolStrings(analysis.symbols));
  text.split(/\r?\n/).forEach((line, n) => {
    for (let c = 0; c <= line.length; c++) {
      const h = analysis.hoverAt(line, n, c);
      if (h) out.push(h.markdown);
    }
  });
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
        for (const output of everyOutput(analysis, text)) {
          for (const secret of secrets) {
            assert.ok(!output.includes(secret), `${name}: a secret appears in an output`);
            assert.ok(!output.includes(secret.slice(0, 10)), `${name}: part of a secret appears in an output`);
          }
        }
      }
    });
  }

  test('*-flags values are not secrets', () => {
    const a = analyzeNetworkManager(fixture('l2tp-full-tunnel.nmconnection'));
    const lines = fixture('l2tp-full-tunnel.nmconnection').split('\n');
    assert.ok(!a.secrets.some((s) => (lines[s.line] ?? '').includes('-flags')));
  });
});
