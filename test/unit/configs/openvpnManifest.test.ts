import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertConfigurationAndGrammar, globMatch, languageOf } from './manifestLanguages';
import { ROOT } from './openvpnHelpers';

const language = languageOf('openvpn');

describe('openvpn in the extension manifest', () => {
  test('the language, its grammar and its configuration', () => {
    assert.ok(language);
    assert.deepEqual(language.extensions, ['.ovpn']);
    assertConfigurationAndGrammar(language, 'source.openvpn');
    const configuration = JSON.parse(readFileSync(join(ROOT, language.configuration ?? ''), 'utf8')) as { comments?: { lineComment?: string } };
    assert.equal(configuration.comments?.lineComment, '#');
  });

  test('firstLine claims configs and logs, and not other formats', () => {
    const firstLine = new RegExp(language?.firstLine ?? '$^');
    for (const line of [
      'client', 'client ', 'remote vpn.example.com 1194', 'dev tun', 'dev tap0', 'proto udp', 'port 1194', '  dev tun',
      '# OpenVPN client configuration', '; openvpn server config',
      '2024-05-13 09:41:02 OpenVPN 2.6.3 x86_64-pc-linux-gnu [SSL (OpenSSL)]',
      'Mon May 13 11:20:01 2024 OpenVPN 2.4.7 x86_64-pc-linux-gnu',
      'OpenVPN 2.6.14 x86_64-pc-linux-gnu [SSL (OpenSSL)] [LZO] [LZ4]',
    ]) {
      assert.ok(firstLine.test(line), line);
    }
    for (const line of [
      '[Interface]', 'default via 192.168.1.1 dev eth0', 'Port 22', 'Host example', 'clientside = 1', 'devices: 2', 'conn home',
      'Kernel IP routing table', '# ip route', '{"dst":"default"}', 'remote_addr=1',
    ]) {
      assert.ok(!firstLine.test(line), line);
    }
  });

  test('file name patterns claim OpenVPN directories, not every .conf or .log', () => {
    const claims = (path: string): boolean => (language?.filenamePatterns ?? []).some((g) => globMatch(g, path));
    for (const path of ['/etc/openvpn/client/work.conf', '/etc/openvpn/server.conf', '/var/log/openvpn/openvpn.log', '/var/log/openvpn.log', 'C:/Users/me/OpenVPN/config/work/work.conf', 'C:/Users/me/OpenVPN/log/work.log']) {
      assert.ok(claims(path), path);
    }
    for (const path of ['/etc/nginx/nginx.conf', '/etc/wireguard/wg0.conf', '/var/log/syslog.log', '/etc/ipsec.conf', '/home/me/notes.conf']) {
      assert.ok(!claims(path), path);
    }
  });
});
