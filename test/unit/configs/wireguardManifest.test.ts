import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scoreWireGuard, wireguardFamily } from '../../../server/src/core/configs/wireguard';
import { assertConfigurationAndGrammar, globMatch, languageOf } from './manifestLanguages';
import { fixture } from './wireguardHelpers';

const language = languageOf('wireguard');

describe('wireguard in the manifest', () => {
  test('the language, its configuration and its grammar', () => {
    assert.ok(language);
    assertConfigurationAndGrammar(language, 'source.wireguard');
  });

  test('filenamePatterns claim WireGuard files and leave other .conf files alone', () => {
    const patterns = language?.filenamePatterns ?? [];
    const claims = (path: string): boolean => patterns.some((p) => globMatch(p, path));
    for (const path of ['/etc/wireguard/wg0.conf', '/etc/wireguard/office.conf', '/home/me/vpn/wg-home.conf', 'wg0.conf']) {
      assert.ok(claims(path), path);
    }
    for (const path of ['/etc/nginx/nginx.conf', '/etc/openvpn/client.conf', '/etc/wireguard/keys/private.key', 'resolv.conf']) {
      assert.ok(!claims(path), path);
    }
  });

  test('firstLine claims [Interface], [Peer] and wg show output, and nothing else', () => {
    const firstLine = new RegExp(language?.firstLine ?? '$^');
    for (const line of ['[Interface]', '[Peer]', '  [Interface]', 'interface: wg0', 'interface: wg-home']) {
      assert.ok(firstLine.test(line), line);
    }
    for (const line of ['[Network]', '[connection]', '[WireGuardPeer]', 'interface wg0', 'interface: wg0 is up', 'default via 10.0.0.1 dev eth0', '# [Interface]']) {
      assert.ok(!firstLine.test(line), line);
    }
  });
});

describe('wireguard detection', () => {
  test('score: WireGuard text scores high, other INI-like text zero', () => {
    assert.ok(scoreWireGuard(fixture('hub.conf').split('\n').slice(0, 20)) > 0.9);
    assert.ok(scoreWireGuard(fixture('wg-show.txt').split('\n').slice(0, 20)) > 0.9);
    assert.equal(scoreWireGuard(['[Match]', 'Name=eth0', '[Network]', 'Address=10.0.0.2/24', 'DNS=1.1.1.1']), 0);
    assert.equal(scoreWireGuard(['[connection]', 'id=office', 'type=wireguard']), 0);
    assert.equal(scoreWireGuard(['default via 192.168.1.1 dev eth0']), 0);
  });

  test('the family object', () => {
    assert.equal(wireguardFamily.languageId, 'wireguard');
    assert.equal(wireguardFamily.analyze(fixture('hub.conf'), {}).format, 'wireguard');
  });
});
