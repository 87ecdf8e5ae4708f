// Compares what Route Lens rejects with what the real openvpn binary rejects while reading a config.
// OpenVPN has no syntax-check mode, but `--show-digests` makes it exit right after reading its options:
// no device, no socket, no name lookup for `remote`. Each run is also cut off from every network with
// `unshare -n` (only a down loopback) and bounded in time, so nothing can leave this machine.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIRECTIVES } from '../../../server/src/core/configs/openvpn/directives';
import { parseConfig } from '../../../server/src/core/configs/openvpn/parse';
import type { ConfigAnalysis } from '../../../server/src/core/configs/types';
import { analyzeText, fixture, fixtureNames } from './openvpnHelpers';

/** Options that act while being read (open files, change directory, print or detach); never handed to the tool. */
const ACTING = new Set(['log', 'log-append', 'cd', 'config', 'chroot', 'daemon', 'syslog', 'writepid', 'genkey', 'mktun', 'rmtun', 'show-gateway', 'test-crypto', 'status', 'management']);

function skipReason(): string | false {
  const version = spawnSync('openvpn', ['--version'], { encoding: 'utf8', timeout: 5000 });
  if (version.error || !/OpenVPN 2\.\d+/.test(version.stdout)) return 'openvpn is not installed (apt-get install -y openvpn)';
  const isolated = spawnSync('unshare', ['-n', 'true'], { timeout: 5000 });
  if (isolated.error || isolated.status !== 0) return 'cannot run openvpn without network access (unshare -n is not permitted here)';
  return false;
}

const skip = skipReason();
if (skip) console.log(`openvpn cross-check skipped: ${skip}`);
const work = skip ? '' : mkdtempSync(join(tmpdir(), 'route-lens-openvpn-'));
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Verdict {
  readonly accepted: boolean;
  readonly detail: string;
}

/**
 * The real tool's verdicts for many configs at once: one network namespace for the batch, `timeout` for each run.
 * OpenVPN exits with 1 and prints "Options error" (on stdout) on what it refuses.
 */
function tool(texts: readonly string[]): Verdict[] {
  const files = texts.map((text, i) => {
    const acting = parseConfig(text).directives.map((d) => d.name).find((n) => ACTING.has(n));
    assert.equal(acting, undefined, `refusing to run openvpn on an option that acts while being read: ${acting ?? ''}`);
    const file = join(work, `probe-${i}.conf`);
    writeFileSync(file, text);
    return file;
  });
  // Eight at a time; the file names come from mkdtemp and an index, so they need no quoting beyond this.
  const script = 'printf "%s\\n" "$@" | xargs -P 8 -I F sh -c \'timeout -s KILL 5 openvpn --config F --show-digests >F.out 2>&1; echo $? >F.rc\'';
  const run = spawnSync('unshare', ['-n', 'sh', '-c', script, 'sh', ...files], { cwd: work, encoding: 'utf8', timeout: 120000, killSignal: 'SIGKILL' });
  assert.equal(run.error, undefined, 'openvpn runs did not finish in time');
  assert.equal(run.status, 0, run.stderr);
  return files.map((file) => {
    const output = readFileSync(`${file}.out`, 'utf8');
    const detail = output.split('\n').find((l) => /error|Unrecognized|missing/i.test(l)) ?? '';
    return { accepted: readFileSync(`${file}.rc`, 'utf8').trim() === '0', detail };
  });
}

/** Route Lens rejects what OpenVPN would stop on: errors, unknown options, and Windows-only options on this Linux build. */
function ours(result: ConfigAnalysis, pushLine: boolean): Verdict {
  const rejecting = result.findings.filter((f) => f.severity === 'error'
    || (!pushLine && f.code === 'unknown-directive' && f.severity === 'warning')
    || (!pushLine && f.code === 'windows-only-directive'));
  return { accepted: rejecting.length === 0, detail: rejecting.map((f) => `${f.code}: ${f.message}`).join('; ') };
}

/** Statements of a config: each option line, and each inline block with its content. */
function units(text: string): string[] {
  const lines = text.split('\n');
  const parsed = parseConfig(text);
  const out: string[] = [];
  const covered = new Set<number>();
  for (const block of parsed.blocks) {
    // Blocks nested in a <connection> travel with it.
    if (covered.has(block.open.line)) continue;
    const end = block.close ? block.close.line : lines.length - 1;
    for (let i = block.open.line; i <= end; i++) covered.add(i);
    out.push(lines.slice(block.open.line, end + 1).join('\n'));
  }
  lines.forEach((line, i) => {
    if (covered.has(i) || /^\s*([#;].*)?$/.test(line)) return;
    out.push(line);
  });
  return out;
}

/** One-line probes for the checks fixtures do not cover, each decided by the tool. */
const PROBES = [
  'route 10.0.0.0 255.0.0.0 vpn_gateway 5', 'route 10.0.0.0', 'route', 'route-ipv6 2001:db8::/32 :: 5 6', 'route-ipv6 2001:db8::/32 net_gateway',
  'pull-filter ignore', 'pull-filter accept "route"', 'redirect-gateway def1 bypass-dns block-local ipv6 !ipv4', 'redirect-gateway def2',
  'redirect-private def1', 'block-ipv6', 'block-ipv6 now', 'block-outside-dns', 'ignore-unknown-option block-outside-dns\nblock-outside-dns',
  'setenv opt block-outside-dns', 'key-direction 1', 'key-direction bidirectional', 'topology subnet', 'proto tcp-client', 'proto udp7',
  'dev-type tun', 'dev tun0', 'ifconfig 10.8.0.2 255.255.255.0', 'ifconfig 10.8.0.2', 'ifconfig-ipv6 fd00::2/64 fd00::1', 'ifconfig-ipv6 fd00::zz/64 fd00::1',
  'server 10.8.0.0 255.255.255.0', 'server 10.8.0.300 255.255.255.0', 'server-ipv6 fd00::/64', 'route-gateway dhcp', 'route-gateway 10.8.0.300',
  'dns server 0 address 10.8.0.1', 'dns server 0 address 10.8.0.300', 'dhcp-option DNS 10.8.0.1 extra', 'push "route 10.0.0.0 255.0.0.0"',
  'push "frobnicate"', 'push route', 'remote a b c d', 'remote 10.0.0.1 1194 tcp', 'client-cert-not-required', 'max-routes 100', 'tls-remote x',
  'Client', '--client', '<foo>\nx\n</foo>', '<ca>\nx\n</ca>', '<connection>\nremote 192.0.2.1\nroute 10.0.0.0 255.0.0.0\n</connection>',
  '<connection>\nremote 192.0.2.1 443 tcp\nnobind\n</connection>', 'auth-user-pass', 'auth-user-pass a b', 'persist_tun', 'ns-cert-type server',
];

describe('openvpn cross-check with the real tool', { skip }, () => {
  const configs = fixtureNames().filter((n) => !n.endsWith('.log'));
  // Each openvpn start costs about 0.1 s, so every distinct text runs once, in one batch.
  const verdicts = new Map<string, Verdict>();
  before(() => {
    const texts = [...new Set([...configs.flatMap((n) => [fixture(n), ...units(fixture(n))]), ...PROBES])];
    tool(texts).forEach((v, i) => verdicts.set(texts[i] as string, v));
  });

  /** Both verdicts agree on every text; the message lists each disagreement with both reasons. */
  function agree(label: string, texts: readonly string[]): void {
    const wrong = texts.flatMap((text) => {
      const want = verdicts.get(text) ?? assert.fail(`no verdict for ${text}`);
      const got = ours(analyzeText(text), /^\s*push\s/.test(text));
      return got.accepted === want.accepted ? [] : [`${label}: ${JSON.stringify(text.slice(0, 80))}\n  openvpn: ${want.detail || 'accepted'}\n  route lens: ${got.detail || 'accepted'}`];
    });
    assert.deepEqual(wrong, []);
  }

  for (const name of configs) {
    test(`${name}: every statement is accepted or refused as openvpn does`, () => agree(name, units(fixture(name))));
  }

  test('whole fixtures: accepted or refused as openvpn does', () => agree('fixture', configs.map(fixture)));

  test('probes: every line is accepted or refused as openvpn does', () => agree('probe', PROBES));

  test('every option of openvpn --help is in the directive list', () => {
    const help = spawnSync('openvpn', ['--help'], { encoding: 'utf8', timeout: 5000 });
    const names = new Set([...`${help.stdout}${help.stderr}`.matchAll(/^--([a-z0-9-]+)/gm)].map((m) => m[1] ?? ''));
    assert.ok(names.size > 200, `only ${names.size} options in --help`);
    const missing = [...names].filter((n) => !DIRECTIVES.has(n));
    assert.deepEqual(missing, []);
  });
});
