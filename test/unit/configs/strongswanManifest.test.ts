import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { detectFormat, scoreStrongSwan } from '../../../server/src/core/configs/strongswan';
import { fixture, root } from './strongswanHelpers';

interface Language {
  id: string;
  filenames?: string[];
  filenamePatterns?: string[];
  firstLine?: string;
  configuration?: string;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { languages: Language[]; grammars: { language: string; scopeName: string; path: string }[] };
};
const language = manifest.contributes.languages.find((l) => l.id === 'strongswan');

function globMatch(pattern: string, path: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*' && pattern.charAt(i + 1) === '*') {
      source += '(?:.*/)?';
      i += pattern.charAt(i + 2) === '/' ? 2 : 1;
    } else if (c === '*') {
      source += '[^/]*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  const subject = pattern.includes('/') ? path : path.slice(path.lastIndexOf('/') + 1);
  return new RegExp(`^${source}$`).test(subject);
}

describe('strongswan in the manifest', () => {
  test('the language, its configuration and its grammar', () => {
    assert.ok(language);
    assert.ok(language.configuration && existsSync(join(root, language.configuration)));
    const grammar = manifest.contributes.grammars.find((g) => g.language === 'strongswan');
    assert.equal(grammar?.scopeName, 'source.strongswan');
    assert.ok(grammar && existsSync(join(root, grammar.path)));
  });

  test('file names claim strongSwan files and leave other .conf files alone', () => {
    const claims = (path: string): boolean => (language?.filenames ?? []).includes(path.slice(path.lastIndexOf('/') + 1))
      || (language?.filenamePatterns ?? []).some((p) => globMatch(p, path));
    for (const path of ['/etc/ipsec.conf', '/etc/ipsec.secrets', '/etc/swanctl/swanctl.conf', '/etc/swanctl/conf.d/office.conf', '/etc/ipsec.d/site.conf', 'ipsec.conf']) {
      assert.ok(claims(path), path);
    }
    for (const path of ['/etc/strongswan.conf', '/etc/nginx/nginx.conf', '/etc/wireguard/wg0.conf', '/etc/openvpn/client.conf']) {
      assert.ok(!claims(path), path);
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
