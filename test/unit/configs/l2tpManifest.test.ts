import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixture } from './l2tpHelpers';
import { assertConfigurationAndGrammar, claims, languageOf } from './manifestLanguages';

describe('l2tp languages in the manifest', () => {
  const xl2tpd = languageOf('xl2tpd');
  const ppp = languageOf('ppp-options');
  const secrets = languageOf('ppp-secrets');

  test('each language has its configuration and grammar', () => {
    for (const [language, scope] of [[xl2tpd, 'source.xl2tpd'], [ppp, 'source.ppp-options'], [secrets, 'source.ppp-secrets']] as const) {
      assertConfigurationAndGrammar(language, scope);
    }
  });

  test('file names: xl2tpd.conf, the pppd options files and the secrets files, and nothing else', () => {
    for (const path of ['/etc/xl2tpd/xl2tpd.conf', 'xl2tpd.conf', '/etc/xl2tpd/office.conf']) assert.ok(claims(xl2tpd, path), path);
    for (const path of ['/etc/ppp/options', '/etc/ppp/options.l2tpd.client', '/etc/ppp/options.xl2tpd', '/etc/ppp/peers/corp', '/home/me/.ppprc', 'options.l2tpd.client']) {
      assert.ok(claims(ppp, path), path);
    }
    for (const path of ['/etc/ppp/chap-secrets', '/etc/ppp/pap-secrets', 'chap-secrets']) assert.ok(claims(secrets, path) && !claims(ppp, path), path);
    for (const path of ['/etc/ppp/ip-up', '/etc/ppp/ip-up.d/0000usepeerdns', '/etc/xl2tpd/l2tp-secrets', '/etc/nginx/nginx.conf', '/etc/wireguard/wg0.conf']) {
      assert.ok(!claims(ppp, path) && !claims(xl2tpd, path) && !claims(secrets, path), path);
    }
  });

  test('firstLine claims an xl2tpd section header, and nothing else', () => {
    const firstLine = new RegExp(xl2tpd?.firstLine ?? '$^');
    for (const line of ['[global]', '[lac corp]', '[lns default]', '  [LAC office] ; comment', (fixture('xl2tpd-server.conf').split('\n')[1] ?? '')]) {
      assert.ok(firstLine.test(line), line);
    }
    for (const line of ['[Interface]', '[connection]', '[lac]', '[globals]', 'lns = 203.0.113.77', '; [global]']) assert.ok(!firstLine.test(line), line);
    // pppd options have no line that says what the file is; they are known by their path only.
    assert.equal(ppp?.firstLine, undefined);
  });
});
