import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { networkmanagerFamily, scoreNetworkManager } from '../../../server/src/core/configs/networkmanager';
import { fixture } from './networkmanagerHelpers';
import { assertConfigurationAndGrammar, languageOf } from './manifestLanguages';

const language = languageOf('networkmanager');

describe('networkmanager in the manifest', () => {
  test('the language, its configuration and its grammar', () => {
    assert.ok(language);
    assert.deepEqual(language.extensions, ['.nmconnection']);
    assertConfigurationAndGrammar(language, 'source.networkmanager');
  });

  test('filenamePatterns claim the system-connections folder (older profiles have no extension)', () => {
    const patterns = language?.filenamePatterns ?? [];
    assert.ok(patterns.includes('**/NetworkManager/system-connections/*'));
  });

  test('firstLine claims [connection] only', () => {
    const firstLine = new RegExp(language?.firstLine ?? '$^');
    for (const line of ['[connection]', '[connection]  ']) assert.ok(firstLine.test(line), line);
    for (const line of ['[Interface]', '[Peer]', '[Match]', '# [connection]', '[connection.foo]', 'default via 10.0.0.1 dev eth0']) assert.ok(!firstLine.test(line), line);
  });
});

describe('networkmanager detection', () => {
  test('score: keyfiles score high, other INI-like text zero', () => {
    assert.ok(scoreNetworkManager(fixture('wireguard-full.nmconnection').split('\n').slice(0, 20)) > 0.9);
    assert.equal(scoreNetworkManager(['[Interface]', 'PrivateKey = x', '[Peer]']), 0);
    assert.equal(scoreNetworkManager(['[Match]', 'Name=eth0', '[Network]', 'Address=10.0.0.2/24']), 0);
  });

  test('the family object', () => {
    assert.equal(networkmanagerFamily.languageId, 'networkmanager');
    assert.equal(networkmanagerFamily.analyze(fixture('home-wifi.nmconnection'), {}).format, 'networkmanager');
  });
});
