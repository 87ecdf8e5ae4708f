// Cross-checks with strongSwan's own tools, offline. swanctl.conf: libstrongswan's settings parser (the one
// swanctl uses) reads any file named by STRONGSWAN_CONF when a tool starts, and `swanctl --version` stops
// before talking to charon, so its verdict on the syntax needs no daemon. ipsec.conf: the starter has no
// parse-only mode (it always launches charon), so only its keyword table is compared, read from the binary.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { analyzeStrongSwan } from '../../../server/src/core/configs/strongswan';
import { IPSEC_KEYS } from '../../../server/src/core/configs/strongswan/keys';
import { fixture } from './strongswanHelpers';

const SWANCTL = spawnSync('swanctl', ['--help'], { stdio: 'ignore' }).status !== null && spawnSync('bash', ['-c', 'command -v swanctl'], { stdio: 'ignore' }).status === 0;
const STARTER = '/usr/lib/ipsec/starter';
const dir = mkdtempSync(join(tmpdir(), 'rl-swan-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** libstrongswan's verdict on the settings syntax: true when it reads the file. */
function settingsAccept(text: string): boolean {
  const path = join(dir, 'check.conf');
  writeFileSync(path, text, { mode: 0o600 });
  const r = spawnSync('swanctl', ['--version'], { env: { ...process.env, STRONGSWAN_CONF: path }, encoding: 'utf8', timeout: 20_000 });
  return !/invalid config file/.test(`${r.stdout}${r.stderr}`);
}

const CASES: readonly string[] = [
  fixture('swanctl.conf'),
  fixture('swanctl-errors.conf'),
  'connections {\n  a {\n    remote_addrs = 1.2.3.4\n  }\n',
  'connections {\n  a {\n  }\n}\n}\n',
  'connections { a { remote_addrs = 1.2.3.4 } }\n',
  'connections {\n  a {\n    children {\n      c {\n        remote_ts = 0.0.0.0/0 # comment\n      }\n    }\n  }\n}\n',
  'secrets {\n  ike-1 {\n    secret = "with } brace"\n  }\n}\n',
  'connections\n{\n}\n',
  'connections {\n  a\n}\n',
  'connections {\n  a {\n    version =\n  }\n}\n',
  '}\n',
  'include /nonexistent/*.conf\nconnections {\n}\n',
  'a {\n  b { c = d }\n  e = f\n}\n',
];

describe('libstrongswan settings parser agrees on swanctl.conf syntax', { skip: SWANCTL ? false : 'swanctl is not installed (apt-get install strongswan-swanctl)' }, () => {
  CASES.forEach((text, n) => {
    test(`case ${n + 1}`, () => {
      const ours = analyzeStrongSwan(text, {}, { fileName: 'swanctl.conf' }).findings.some((f) => f.code === 'parse-error');
      assert.equal(!ours, settingsAccept(text), `case ${n + 1}: we say ${ours ? 'parse-error' : 'fine'}`);
    });
  });
});

describe('the starter keyword table knows every conn key Route Lens knows', { skip: existsSync(STARTER) ? false : `${STARTER} is missing (apt-get install strongswan-starter)` }, () => {
  test('left*/right* keys', () => {
    const words = new Set(readFileSync(STARTER, 'latin1').split(/[^a-z0-9_]+/).filter((w) => /^(?:left|right)[a-z0-9_]+$/.test(w)));
    const ours = [...IPSEC_KEYS.conn].filter((k) => /^(?:left|right)[a-z]/.test(k));
    const missing = ours.filter((k) => !words.has(k));
    assert.deepEqual(missing, [], 'keys Route Lens accepts that the starter does not');
    const unknown = [...words].filter((w) => !IPSEC_KEYS.conn.has(w) && !/subnetwithin$/.test(w));
    assert.deepEqual(unknown, [], 'starter keys Route Lens would call unknown');
  });
});
