import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const root = repoRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string; displayName: string; main: string; bin: Record<string, string>;
  engines: { vscode: string }; activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string } };
  contributes: {
    languages: { id: string; extensions: string[]; firstLine: string; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
  };
};

describe('extension manifest', () => {
  test('identity, entry points and engine', () => {
    assert.equal(manifest.name, 'route-lens');
    assert.equal(manifest.displayName, 'Route Lens');
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin['route-lens'], './dist/cli.js');
    const [major, minor] = manifest.engines.vscode.replace(/^\^/, '').split('.').map(Number);
    assert.ok(major === 1 && (minor ?? 0) <= 139, `engines.vscode ${manifest.engines.vscode} must be at most ^1.139`);
    // Its own languages start the server; plain text and logs only activate it to offer the right mode.
    for (const id of ['route-table', 'wireguard', 'openvpn', 'plaintext', 'log']) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`), id);
    }
    // Everything read-only works in Restricted Mode; only capturing this machine's table needs trust.
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description ?? '', /Capture/);
  });

  test('the language, its grammar and configuration files exist', () => {
    const language = manifest.contributes.languages.find((l) => l.id === 'route-table');
    assert.ok(language);
    assert.deepEqual(language.extensions, ['.routes']);
    assert.ok(existsSync(join(root, language.configuration)));
    const grammar = manifest.contributes.grammars.find((g) => g.language === 'route-table');
    assert.ok(grammar && existsSync(join(root, grammar.path)));
  });

  test('firstLine claims ip route dumps and nothing else', () => {
    const firstLine = new RegExp(manifest.contributes.languages[0]?.firstLine ?? '$^');
    for (const line of [
      'default via 192.168.1.1 dev eth0 proto dhcp metric 100',
      'default dev ppp0 proto static scope link metric 50',
      '10.0.0.0/8 via 10.1.1.1 dev eth1',
      '192.168.101.23 dev eth0 scope link',
      'local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1',
      'blackhole 10.0.0.0/8 proto static',
      '2001:db8::/64 dev eth0 proto kernel metric 256 pref medium',
      'fe80::/64 dev eth0 proto kernel metric 256 pref medium',
      '$ ip route',
      '$ ip -6 route show table all',
      '# ip route show table all',
      'Kernel IP routing table',
      'Routing tables',
      'IPv4 Route Table',
      '===========================================================================',
      'Interface List',
      '[{"dst":"default","gateway":"192.168.1.1","dev":"eth0"}]',
      'PS C:\\> route print',
      'me@mbp ~ % netstat -rn',
    ]) {
      assert.ok(firstLine.test(line), line);
    }
    for (const line of ['[Interface]', 'client', 'hello world', '{"name":"x"}', '10.0.0.1 is down', '# a comment']) {
      assert.ok(!firstLine.test(line), line);
    }
  });
});
