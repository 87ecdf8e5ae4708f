// Cross-checks with the real tools from Debian's ppp and xl2tpd packages, without any network:
// `pppd file X dryrun` parses and exits, and xl2tpd either refuses the config or starts inside an empty
// network namespace (`unshare -n`) and is stopped after a moment. Skipped, with the reason, where unavailable.
// pppd reads chap-secrets and pap-secrets only while authenticating a live link, so those have no offline check.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { analyzePppOptions, analyzeXl2tpd } from '../../../server/src/core/configs/l2tp';
import { fixture, fixtureDir, fixtureNames, isSecrets, isXl2tpd } from './l2tpHelpers';

function available(command: string, args: string[]): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'needs root (pppd and unshare -n)';
  const which = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (which.status !== 0) return `${command} is not installed (apt-get install ppp xl2tpd)`;
  const probe = spawnSync('unshare', ['-n', 'true'], { encoding: 'utf8' });
  if (probe.status !== 0) return `unshare -n does not work here: ${probe.stderr.trim()}`;
  void args;
  return undefined;
}

const pppSkip = available('pppd', []);
const xlSkip = available('xl2tpd', []);
const dir = mkdtempSync(join(tmpdir(), 'route-lens-l2tp-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** pppd's exit code 2 means "error in options"; anything else means it got past them (4: no /dev/ppp here). */
function pppd(path: string): { optionsOk: boolean; stderr: string } {
  const r = spawnSync('timeout', ['10', 'unshare', '-n', 'pppd', 'file', path, 'dryrun', 'nodetach', 'notty'], { encoding: 'utf8' });
  return { optionsOk: r.status !== 2, stderr: r.stderr };
}

function pppdText(text: string): { optionsOk: boolean; stderr: string } {
  const path = join(dir, 'options');
  writeFileSync(path, text);
  return pppd(path);
}

const blocking = (codes: readonly string[]): boolean => codes.some((c) => c === 'parse-error' || c === 'unknown-option' || c === 'unknown-key');

describe('pppd agrees on what it accepts', { skip: pppSkip }, () => {
  for (const name of fixtureNames().filter((n) => !isXl2tpd(n) && !isSecrets(n))) {
    test(name, () => {
      const ours = analyzePppOptions(fixture(name));
      const theirs = pppd(join(fixtureDir, name));
      assert.equal(theirs.optionsOk, !blocking(ours.findings.map((f) => f.code)), theirs.stderr);
    });
  }

  test('each option Route Lens knows, pppd knows', () => {
    // Options whose value pppd checks beyond a number (files, filters, groups, ranges) get a value it takes.
    const values: Record<string, string> = { call: '', file: '', mtu: '1400', ipv6: '::1,::2', 'active-filter': 'tcp', 'pass-filter': 'tcp',
      bsdcomp: '15', deflate: '15', plugin: '', privgroup: 'root', set: 'A=1', 'vj-max-slots': '16' };
    const rejected: string[] = [];
    const flags = ['defaultroute', 'replacedefaultroute', 'noreplacedefaultroute', 'nodefaultroute', 'defaultroute6', 'usepeerdns', 'noipdefault',
      'ipcp-accept-local', 'ipcp-accept-remote', 'noauth', 'refuse-eap', 'require-mschap-v2', 'persist', 'debug', 'noccp', 'novj', 'nobsdcomp', 'lock',
      '+ipv6', 'ipv6cp-use-ipaddr', 'ipcp-no-addresses'];
    const withArg = ['defaultroute-metric', 'name', 'user', 'password', 'mtu', 'mru', 'lcp-echo-interval', 'lcp-echo-failure', 'maxfail', 'ipparam',
      'connect-delay', 'kdebug', 'ms-dns', 'holdoff', 'idle', 'set', 'privgroup'];
    for (const option of [...flags, ...withArg]) {
      const value = option in values ? values[option] : withArg.includes(option) ? '1' : undefined;
      if (value === '') continue;
      const text = value === undefined ? `${option}\n` : `${option} ${value}\n`;
      assert.deepEqual(analyzePppOptions(text).findings.filter((f) => f.code === 'unknown-option' || f.code === 'parse-error'), [], option);
      if (!pppdText(text).optionsOk) rejected.push(option);
    }
    assert.deepEqual(rejected, []);
  });

  test('each word Route Lens rejects, pppd rejects, with the same word', () => {
    for (const text of ['nodefaultroute\ndefaultroute\n', 'nodefaultroute6\ndefaultroute6\n', 'defaultrute\n', 'passwd x\n', 'srp-interval 5\n', 'pppoe-ac x\n', 'mtu abc\n', 'mtu 64\n', 'lcp-echo-interval\n', 'replace-default-route\n']) {
      const ours = analyzePppOptions(text).findings.filter((f) => f.code === 'unknown-option' || f.code === 'parse-error');
      assert.ok(ours.length > 0, text);
      const theirs = pppdText(text);
      assert.equal(theirs.optionsOk, false, text);
    }
  });
});

describe('xl2tpd agrees on what it accepts', { skip: xlSkip }, () => {
  /** xl2tpd exits 1 on a config it refuses; a config it takes runs until `timeout` stops it (124). */
  function xl2tpd(path: string): { ok: boolean; stderr: string } {
    const r = spawnSync('timeout', ['-s', 'INT', '2', 'unshare', '-n', 'xl2tpd', '-D', '-c', path, '-p', join(dir, 'pid'), '-C', join(dir, 'control'), '-s', join(dir, 'l2tp-secrets')], { encoding: 'utf8' });
    const refused = /Unable to load config file/.test(r.stderr + r.stdout);
    return { ok: !refused, stderr: r.stderr };
  }

  for (const name of fixtureNames().filter(isXl2tpd)) {
    test(name, () => {
      const ours = analyzeXl2tpd(fixture(name));
      assert.equal(xl2tpd(join(fixtureDir, name)).ok, !blocking(ours.findings.map((f) => f.code)));
    });
  }

  test('one bad line at a time: both refuse, and xl2tpd names the same line', () => {
    const lines = fixture('xl2tpd-errors.conf').split('\n');
    const ours = analyzeXl2tpd(fixture('xl2tpd-errors.conf')).findings.filter((f) => blocking([f.code]));
    assert.ok(ours.length >= 6);
    for (const f of ours) {
      // Put the bad line into a config that is otherwise valid, at its own place under a section it could be in.
      const line = lines[f.span.line] ?? '';
      const text = line.startsWith('[') ? `${line}\n` : `[lac corp]\n${line}\n`;
      const path = join(dir, 'one.conf');
      writeFileSync(path, text);
      const theirs = xl2tpd(path);
      assert.equal(theirs.ok, false, `${line}: ${theirs.stderr}`);
      assert.ok(blocking(analyzeXl2tpd(text).findings.map((x) => x.code)), line);
    }
  });
});
