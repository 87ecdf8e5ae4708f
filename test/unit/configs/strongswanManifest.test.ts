import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectFormat, scoreStrongSwan } from '../../../server/src/core/configs/strongswan';
import { assertConfigurationAndGrammar, claims, languageOf } from './manifestLanguages';
import { fixture } from './strongswanHelpers';

const language = languageOf('strongswan');

describe('strongswan in the manifest', () => {
  test('the language, its configuration and its grammar', () => {
    assert.ok(language);
    assertConfigurationAndGrammar(language, 'source.strongswan');
  });

  test('file names claim strongSwan files and leave other .conf files alone', () => {
    const claimed = (path: string): boolean => claims(language, path);
    for (const path of ['/etc/ipsec.conf', '/etc/ipsec.secrets', '/etc/swanctl/swanctl.conf', '/etc/swanctl/conf.d/office.conf', '/etc/ipsec.d/site.conf', 'ipsec.conf']) {
      assert.ok(claimed(path), path);
    }
    for (const path of ['/etc/strongswan.conf', '/etc/nginx/nginx.conf', '/etc/wireguard/wg0.conf', '/etc/openvpn/client.conf']) {
      assert.ok(!claimed(path), path);
    }
  });

  test('firstLine claims conn/config setup/swanctl sections, and nothing else', () => {
    const firstLine = new RegExp(language?.firstLine ?? '$^');
    for (const line of ['conn office', 'conn %default', 'config setup', 'connections {', 'secrets {']) assert.ok(firstLine.test(line), line);
    for (const line of ['[Interface]', 'client', 'connection {}', 'default via 10.0.0.1 dev eth0', '# conn office', 'configuration']) assert.ok(!firstLine.test(line), line);
  });
});

describe('strongswan detection', () => {
  test('score and format', () => {
    assert.ok(scoreStrongSwan(fixture('roadwarrior-full.conf').split('\n').slice(0, 20)) > 0.8);
    assert.ok(scoreStrongSwan(fixture('swanctl.conf').split('\n').slice(0, 20)) > 0.8);
    assert.equal(scoreStrongSwan(['[Interface]', 'PrivateKey = x', 'Address = 10.0.0.2/24']), 0);
    assert.equal(scoreStrongSwan(['client', 'dev tun', 'remote vpn.example.com 1194']), 0);
    assert.equal(detectFormat(fixture('ipsec.secrets').split('\n')), 'ipsec.secrets');
    assert.equal(detectFormat(fixture('swanctl.conf').split('\n')), 'swanctl');
    assert.equal(detectFormat(fixture('site-to-site.conf').split('\n')), 'ipsec.conf');
  });
});
