// `route-lens check` warns about configs whose secrets other users can read, from the file's real mode.
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { json, runCli, scratch } from './helpers';

const PRIVATE = 'yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=';
const WG = `[Interface]\nPrivateKey = ${PRIVATE}\nAddress = 10.8.0.2/32\n\n[Peer]\nPublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\nAllowedIPs = 10.8.0.0/24\n`;

interface JsonFile {
  file: string;
  diagnostics: { line: number; column: number; endColumn: number; severity: string; code: string; message: string }[];
}

const skip = process.platform === 'win32' ? 'Windows files have no POSIX mode bits' : false;

test('check warns with the mode and the fix for 0644 and 0640, not for 0600, and never prints the key', { skip }, () => {
  const dir = scratch({ 'open.conf': WG, 'group.conf': WG, 'private.conf': WG, 'plain.conf': WG.replace(/^PrivateKey.*\n/m, '') });
  chmodSync(join(dir, 'open.conf'), 0o644);
  chmodSync(join(dir, 'group.conf'), 0o640);
  chmodSync(join(dir, 'private.conf'), 0o600);
  chmodSync(join(dir, 'plain.conf'), 0o666);
  const result = runCli(['check', '--format', 'json', 'open.conf', 'group.conf', 'private.conf', 'plain.conf'], { cwd: dir });
  // A warning: the exit code stays 0.
  assert.equal(result.status, 0, result.stderr);
  assert.ok(!result.stdout.includes(PRIVATE) && !result.stderr.includes(PRIVATE), 'the key never leaves');
  const byFile = new Map(json<JsonFile[]>(result).map((f) => [f.file, f.diagnostics.filter((d) => d.code === 'world-readable-key')]));
  const [open] = byFile.get('open.conf') ?? [];
  assert.ok(open, 'open.conf is flagged');
  // On `PrivateKey` (line 2, columns 1 to 11), not on the value.
  assert.deepEqual([open.line, open.column, open.endColumn, open.severity], [2, 1, 11, 'warning']);
  assert.match(open.message, /mode 0644 lets its group and all other users read it/);
  assert.match(open.message, /`chmod 600 open\.conf`/);
  assert.match(byFile.get('group.conf')?.[0]?.message ?? '', /mode 0640 lets its group read it.*`chmod 600 group\.conf`/);
  assert.deepEqual(byFile.get('private.conf'), []);
  assert.deepEqual(byFile.get('plain.conf'), [], 'no secret, no warning');
});

test('text output names the file as given, and a file others can write says so', { skip }, () => {
  const dir = scratch({ 'vpn/client.ovpn': 'client\ndev tun\nremote vpn.example.com 1194\n<tls-crypt>\n6acef03f62675b4b1bbd03e53b187727\n</tls-crypt>\n' });
  chmodSync(join(dir, 'vpn', 'client.ovpn'), 0o666);
  const result = runCli(['check', 'vpn'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  const line = result.stdout.split('\n').find((l) => l.includes('world-readable-key')) ?? '';
  assert.match(line, /^vpn\/client\.ovpn:4:1: warning world-readable-key: This file holds a secret \(<tls-crypt>\), and its mode 0666/);
  assert.match(line, /Its group and all other users can also change it/);
  assert.match(line, /`chmod 600 vpn\/client\.ovpn`/);
  assert.ok(!result.stdout.includes('6acef03f62675b4b'));
});
