// world-readable-key: configs whose secrets other users can read, from the analysis' secret spans and the file mode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ConfigDocument, analyzeDocument } from '../../../server/src/core/analyzeDocument';
import { WORLD_READABLE_KEY, keyFileModeFinding, octal } from '../../../server/src/core/configs/keyFileMode';
import type { Finding, Span } from '../../../server/src/core/model';
import { withKeyFileMode } from '../../../server/src/fileMode';

const PRIVATE = 'yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=';
const PRESHARED = 'FpCyhws9cxwWoV4xELtfJvjJN+zQVRPISllRWgeopVE=';

const WG = [
  '[Interface]',
  `PrivateKey = ${PRIVATE}`,
  'Address = 10.8.0.2/32',
  '',
  '[Peer]',
  'PublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=',
  `PresharedKey = ${PRESHARED}`,
  'AllowedIPs = 10.8.0.0/24',
  'Endpoint = 203.0.113.5:51820',
  '',
].join('\n');

const OVPN = [
  'client',
  'dev tun',
  'remote vpn.example.com 1194',
  '<ca>',
  '-----BEGIN CERTIFICATE-----',
  'MIIBszCCAVmgAwIBAgIUQ29tbW9uQ0EK',
  '-----END CERTIFICATE-----',
  '</ca>',
  '<key>',
  '-----BEGIN PRIVATE KEY-----',
  'MC4CAQAwBQYDK2VwBCIEIP9s3cr3tk3yMaterialHere1',
  '',
  'MC4CAQAwBQYDK2VwBCIEIP9s3cr3tk3yMaterialHere2',
  '-----END PRIVATE KEY-----',
  '</key>',
  '<tls-crypt>',
  '6acef03f62675b4b1bbd03e53b187727',
  '</tls-crypt>',
  '',
].join('\n');

function config(text: string, fileName: string): ConfigDocument {
  const doc = analyzeDocument(text, { fileName });
  assert.equal(doc.kind, 'config', `${fileName} is read as a config`);
  return doc as ConfigDocument;
}

function check(text: string, fileName: string, mode: number, path = fileName): Finding | undefined {
  return keyFileModeFinding(text, config(text, fileName).config, mode, path);
}

/** The text a span covers, on one line. */
function textAt(text: string, span: Span): string {
  assert.equal(span.line, span.endLine);
  return (text.split('\n')[span.line] ?? '').slice(span.col, span.endCol);
}

describe('world-readable-key', () => {
  test('a WireGuard config readable by everyone: on the PrivateKey name, PresharedKey related, mode and fix in the message', () => {
    const finding = check(WG, 'wg0.conf', 0o644);
    assert.ok(finding);
    assert.equal(finding.code, WORLD_READABLE_KEY);
    assert.equal(finding.severity, 'warning');
    assert.equal(textAt(WG, finding.span), 'PrivateKey');
    assert.equal(finding.span.line, 1);
    assert.deepEqual(finding.related.map((r) => [textAt(WG, r.span), r.message]), [['PresharedKey', 'Another secret: PresharedKey']]);
    assert.match(finding.message, /holds 2 secrets \(PrivateKey and 1 more\)/);
    assert.match(finding.message, /mode 0644 lets its group and all other users read it/);
    assert.match(finding.message, /`chmod 600 wg0\.conf`/);
    assert.match(finding.message, /wg-quick warns that such a file "is world accessible"/);
    assert.doesNotMatch(finding.message, /can also change it/);
    for (const out of [finding.message, ...finding.related.map((r) => r.message)]) {
      assert.ok(!out.includes(PRIVATE) && !out.includes(PRESHARED), 'no secret in the finding');
    }
  });

  test('group-readable only (0640) names the group; writable by others says so', () => {
    assert.match(check(WG, 'wg0.conf', 0o640)?.message ?? '', /mode 0640 lets its group read it/);
    assert.match(check(WG, 'wg0.conf', 0o604)?.message ?? '', /mode 0604 lets all other users read it/);
    const open = check(WG, 'wg0.conf', 0o666)?.message ?? '';
    assert.match(open, /mode 0666/);
    assert.match(open, /Its group and all other users can also change it/);
    assert.match(check(WG, 'wg0.conf', 0o646)?.message ?? '', /All other users can also change it/);
  });

  test('modes that keep the file to its owner, or only let others write or run it, are fine', () => {
    for (const mode of [0o600, 0o400, 0o700, 0o100600, 0o611, 0o622]) assert.equal(check(WG, 'wg0.conf', mode), undefined, octal(mode));
  });

  test('a config without secrets never warns, whatever its mode', () => {
    const text = '[Interface]\nAddress = 10.8.0.2/32\n\n[Peer]\nPublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\nAllowedIPs = 0.0.0.0/0\n';
    assert.equal(check(text, 'wg0.conf', 0o666), undefined);
  });

  test('OpenVPN inline blocks: on the <key> tag, one related location per other block, certificates are no secret', () => {
    const finding = check(OVPN, 'client.ovpn', 0o644);
    assert.ok(finding);
    assert.equal(textAt(OVPN, finding.span), '<key>');
    assert.deepEqual(finding.related.map((r) => textAt(OVPN, r.span)), ['<tls-crypt>']);
    assert.match(finding.message, /2 secrets \(<key> and 1 more\)/);
    assert.doesNotMatch(finding.message, /wg-quick/);
    assert.ok(!finding.message.includes('MaterialHere'));
  });

  test('ipsec.secrets: on the secret type, never on the IDs or the value', () => {
    const text = '# comment\nmoon.example.com sun.example.com : PSK "0sv+NkxY9LLZvwj4qCC2o/gGrWDF2d21jL"\n: RSA moonKey.pem\n';
    const finding = check(text, 'ipsec.secrets', 0o644);
    assert.ok(finding);
    assert.equal(textAt(text, finding.span), 'PSK');
    assert.deepEqual(finding.related.map((r) => textAt(text, r.span)), ['RSA']);
    assert.ok(!finding.message.includes('0sv+Nkx'));
  });

  test('swanctl secrets and NetworkManager profiles: the key name', () => {
    const swan = 'secrets {\n  ike-moon {\n    id = moon.example.com\n    secret = 0sFpZAZqEN6Ti9sqt4ZP5EWcqx\n  }\n}\n';
    assert.equal(textAt(swan, check(swan, 'swanctl.conf', 0o644)?.span ?? { line: 0, col: 0, endLine: 0, endCol: 0 }), 'secret');
    const nm = '[connection]\nid=home\ntype=wifi\n\n[wifi]\nssid=home\n\n[wifi-security]\nkey-mgmt=wpa-psk\npsk=correct-horse-battery\n';
    const finding = check(nm, 'home.nmconnection', 0o644);
    assert.equal(textAt(nm, finding?.span ?? { line: 0, col: 0, endLine: 0, endCol: 0 }), 'psk');
    assert.ok(!finding?.message.includes('correct-horse'));
  });

  test('chap-secrets: on the client and server names, which name no key', () => {
    const text = '# client server secret addresses\nalice l2tp-server "s3cr3t-pass" *\n';
    const finding = check(text, '/etc/ppp/chap-secrets', 0o644, '/etc/ppp/chap-secrets');
    assert.ok(finding);
    assert.equal(textAt(text, finding.span), 'alice l2tp-server');
    assert.match(finding.message, /holds a secret, and its mode 0644/);
    assert.match(finding.message, /`chmod 600 \/etc\/ppp\/chap-secrets`/);
    assert.ok(!finding.message.includes('s3cr3t'));
  });

  test('an OpenVPN log is no key file, even with a session token in it', () => {
    const log = '2024-01-01 10:00:00 OpenVPN 2.5.1 x86_64-pc-linux-gnu\n2024-01-01 10:00:01 PUSH: Received control message: \'PUSH_REPLY,auth-token SESS_abcdef123456\'\n';
    const doc = analyzeDocument(log, { fileName: 'client.log', languageId: 'openvpn' });
    assert.ok(doc.kind === 'config' && doc.format === 'openvpn-log', 'read as an OpenVPN log');
    assert.ok(doc.secrets.length > 0, 'the token is a secret');
    assert.equal(keyFileModeFinding(log, doc.config, 0o644, 'client.log'), undefined);
  });

  test('a path the shell would split is quoted in the fix', () => {
    assert.match(check(WG, 'wg0.conf', 0o644, "/home/me/My VPN/bob's wg0.conf")?.message ?? '', /`chmod 600 '\/home\/me\/My VPN\/bob'\\''s wg0\.conf'`/);
  });

  test('octal modes read as chmod writes them', () => {
    assert.equal(octal(0o644), '0644');
    assert.equal(octal(0o100640), '0640');
    assert.equal(octal(0o4755), '4755');
  });

  test('the glue keeps the findings in document order and adds nothing without a mode', () => {
    const doc = config(WG, 'wg0.conf');
    const base: Finding[] = [
      { code: 'a', severity: 'hint', message: 'a', span: { line: 0, col: 0, endLine: 0, endCol: 1 }, related: [] },
      { code: 'b', severity: 'hint', message: 'b', span: { line: 5, col: 0, endLine: 5, endCol: 1 }, related: [] },
    ];
    assert.deepEqual(withKeyFileMode(base, WG, doc, 0o644, 'wg0.conf').map((f) => f.code), ['a', WORLD_READABLE_KEY, 'b']);
    assert.equal(withKeyFileMode(base, WG, doc, undefined, 'wg0.conf'), base);
    assert.equal(withKeyFileMode(base, WG, doc, 0o600, 'wg0.conf'), base);
  });
});
