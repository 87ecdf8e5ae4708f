// Cross-checks against the real tools: `wg pubkey` for key verdicts, `wg-quick strip` for which keys are
// wg-quick's, and, on a throwaway userspace device, `wg setconf`/`showconf`/`show` for what wg accepts and
// which peer each AllowedIPs prefix ends up with. Each part skips, saying why, when its tool is missing.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type WireGuardAnalysis, analyzeWireGuard } from '../../../server/src/core/configs/wireguard';
import { lookupKey } from '../../../server/src/core/configs/wireguard/keys';
import { keyProblem } from '../../../server/src/core/configs/wireguard/values';
import { formatPrefix } from '../../../server/src/core/net/prefix';
import { KEY, fixture, fixtureNames } from './wireguardHelpers';

const has = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const WG = has('wg', ['--version']);
const ROOT = process.getuid?.() === 0;
const WG_QUICK = WG && ROOT && has('bash', ['-c', 'command -v wg-quick']);
const DEVICE_TOOLS = WG && ROOT && has('bash', ['-c', 'command -v wireguard-go && command -v unshare']) && existsSync('/dev/net/tun');
const confFixtures = fixtureNames().filter((n) => n.endsWith('.conf'));
const dir = mkdtempSync(join(tmpdir(), 'rl-wg-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function pubkeyAccepts(key: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('wg', ['pubkey'], { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('close', (code) => resolve(code === 0));
    child.stdin.end(`${key}\n`);
  });
}

/** The key values of a text: config keys and `wg show` keys. */
function keysIn(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*(?:PrivateKey|PublicKey|PresharedKey)\s*=\s*(\S*)/i.exec(line) ?? /^\s*(?:peer|public key|private key|preshared key):\s*(\S+)\s*$/.exec(line);
    if (match?.[1] !== undefined && match[1] !== '(hidden)') out.push(match[1]);
  }
  return out;
}

describe('wg pubkey agrees with invalid-key', { skip: WG ? false : 'wg is not installed (apt-get install wireguard-tools)' }, () => {
  test('every fixture key, every last base64 digit, and broken lengths', async (t) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const keys = new Set<string>(fixtureNames().flatMap((n) => keysIn(fixture(n))));
    for (const c of alphabet) keys.add(`${KEY.a.slice(0, 42)}${c}=`);
    for (const k of ['', KEY.a.slice(0, 43), `${KEY.a}A`, `${KEY.a.slice(0, 43)}A`, `${KEY.a.slice(0, 20)}.${KEY.a.slice(21)}`, `${KEY.a.slice(0, 20)}-${KEY.a.slice(21)}`]) keys.add(k);
    // One process per key, all at once: each `wg pubkey` is slow to start, not to run.
    const verdicts = await Promise.all([...keys].map((key) => pubkeyAccepts(key).then((accepted) => ({ key, accepted }))));
    for (const { key, accepted } of verdicts) {
      assert.equal(keyProblem(key) === undefined, accepted, `verdicts differ on a ${key.length}-character key`);
    }
    assert.ok(verdicts.length > 64);
    t.diagnostic(`${verdicts.length} keys, ${verdicts.filter((v) => v.accepted).length} accepted by wg pubkey`);
  });
});

/** Lines wg-quick passes on to wg: all but its own [Interface] keys. */
function keptLines(text: string): Set<number> {
  let inInterface = false;
  const kept = new Set<number>();
  text.split('\n').forEach((line, n) => {
    const content = line.split('#')[0] ?? '';
    const key = (content.split('=')[0] ?? '').trim();
    if (key.startsWith('[')) inInterface = key.replace(/\s+/g, '').toLowerCase() === '[interface]';
    if (!(inInterface && content.includes('=') && lookupKey(key, 'interface')?.owner === 'wg-quick')) kept.add(n);
  });
  return kept;
}

/** The fixture as wg-quick leaves it for wg, everything else as written. */
function expectedStrip(text: string): string[] {
  const kept = keptLines(text);
  return trimEnd(text.split('\n').filter((_, n) => kept.has(n)));
}

function trimEnd(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Runs `wg-quick strip` on a copy of the text; undefined when wg-quick refuses it. */
function wgQuickStrip(text: string): string | undefined {
  const path = join(dir, 'rlstrip.conf');
  writeFileSync(path, text, { mode: 0o600 });
  const r = run('wg-quick', ['strip', path]);
  return r.status === 0 ? r.stdout : undefined;
}

const hasError = (a: WireGuardAnalysis): boolean => a.findings.some((f) => f.severity === 'error');

describe('wg-quick strip agrees on which keys are wg-quick\'s', { skip: WG_QUICK ? false : 'needs wg-quick and root' }, () => {
  for (const name of confFixtures) {
    test(name, () => {
      const text = fixture(name);
      const stripped = wgQuickStrip(text);
      if (stripped === undefined) {
        assert.ok(hasError(analyzeWireGuard(text)), 'wg-quick refused it, so an error is expected');
        return;
      }
      assert.deepEqual(trimEnd(stripped.split('\n')), expectedStrip(text));
    });
  }
});

/** wg's own verdict concerns the lines wg-quick passes on; these codes say wg stops. */
const WG_STOPS = new Set(['parse-error', 'unknown-key', 'invalid-key', 'invalid-port', 'invalid-allowed-ips', 'missing-public-key', 'invalid-value', 'invalid-address']);

function weSayWgStops(analysis: WireGuardAnalysis, text: string): boolean {
  const kept = keptLines(text);
  return analysis.findings.some((f) => WG_STOPS.has(f.code) && (f.severity === 'error' || f.code === 'unknown-key') && kept.has(f.span.line));
}

/** Single lines with wg's verdict left to wg: each goes into an otherwise valid config. */
const LINE_CASES: readonly (readonly ['interface' | 'peer', string])[] = [
  ['peer', 'AllowedIPs = 10.0.0.1/24'],
  ['peer', 'AllowedIPs = 10.0.0.0/33'],
  ['peer', 'AllowedIPs = 10.0.0.0/8,'],
  ['peer', 'AllowedIPs = 10.0.0.0/8, , 10.1.0.0/16'],
  ['peer', 'AllowedIPs = 010.0.0.0/8'],
  ['peer', 'AllowedIPs = 10.0.0.0/08'],
  ['peer', 'AllowedIPs = fe80::1%eth0/128'],
  ['peer', 'AllowedIPs = ::ffff:10.0.0.1/128'],
  ['peer', 'AllowedIPs ='],
  ['peer', 'Allowed IPs = 10.0.0.0/8'],
  ['peer', 'Endpoint = 192.0.2.1'],
  ['peer', 'Endpoint = 192.0.2.1:0'],
  ['peer', 'Endpoint = 192.0.2.1:65536'],
  ['peer', 'Endpoint = 192.0.2.1:-1'],
  ['peer', 'Endpoint = 1.2.3:51820'],
  ['peer', 'Endpoint = 0x7f.1:51820'],
  ['peer', 'Endpoint = 300.1.1.1:51820'],
  ['peer', 'Endpoint = [2001:db8::1]:51820'],
  ['peer', 'Endpoint = 2001:db8::1:51820'],
  ['peer', 'Endpoint = [2001:db8::1'],
  ['peer', 'Endpoint = [2001:db8::1]'],
  ['peer', 'Endpoint = [fe80::1%eth0]:51820'],
  ['peer', 'PersistentKeepalive = 0'],
  ['peer', 'PersistentKeepalive = off'],
  ['peer', 'PersistentKeepalive = 65535'],
  ['peer', 'PersistentKeepalive = 65536'],
  ['peer', 'PersistentKeepalive = -1'],
  ['peer', 'PresharedKey ='],
  ['peer', `PresharedKey = ${KEY.c}`],
  ['peer', `PresharedKey = ${KEY.c.slice(0, 42)}B=`],
  ['peer', 'Endpiont = 192.0.2.1:51820'],
  ['peer', 'DNS = 1.1.1.1'],
  ['peer', 'garbage'],
  ['interface', 'ListenPort = 70000'],
  ['interface', 'ListenPort = 65535'],
  ['interface', 'ListenPort = -1'],
  ['interface', 'ListenPort ='],
  ['interface', 'FwMark = 0XCA'],
  ['interface', 'FwMark = 0xca'],
  ['interface', 'FwMark = 4294967295'],
  ['interface', 'FwMark = 4294967296'],
  ['interface', 'FwMark = off'],
  ['interface', 'FwMark ='],
  ['interface', 'AllowedIPs = 10.0.0.0/8'],
  ['interface', '[Peers]'],
];

/** Peer key → sorted AllowedIPs, as our cryptokey routing leaves them. */
function ourAllocation(analysis: WireGuardAnalysis): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const device = analysis.state.devices[0];
  for (const peer of device?.config.peers ?? []) if (peer.publicKey !== undefined) out[peer.publicKey] = [];
  for (const claim of device?.routing.claims ?? []) {
    const key = claim.peer.publicKey;
    if (key !== undefined) (out[key] ??= []).push(formatPrefix(claim.allowed.prefix));
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

/** The same from what the device reports, read back with our own parsers. */
function deviceAllocation(analysis: WireGuardAnalysis): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const peer of analysis.state.devices[0]?.config.peers ?? []) {
    if (peer.publicKey !== undefined) out[peer.publicKey] = peer.allowedIps.map((a) => formatPrefix(a.prefix)).sort();
  }
  return out;
}

describe('wg setconf on a userspace device agrees with Route Lens', { skip: DEVICE_TOOLS ? false : 'needs root, wg, wireguard-go, unshare and /dev/net/tun' }, () => {
  const name = `rlwg${process.pid % 100000}`;
  let daemon: ChildProcess | undefined;
  before(async () => {
    // A network namespace of its own keeps the device away from the machine's interfaces.
    daemon = spawn('unshare', ['-n', 'wireguard-go', '-f', name], { env: { ...process.env, WG_PROCESS_FOREGROUND: '1' }, stdio: 'ignore' });
    for (let i = 0; i < 50 && !existsSync(`/var/run/wireguard/${name}.sock`); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(existsSync(`/var/run/wireguard/${name}.sock`), 'wireguard-go did not start');
  });
  after(() => {
    if (daemon?.pid !== undefined) process.kill(daemon.pid);
  });

  /** Loads `text` (already stripped of wg-quick keys) and returns wg's exit status with what the device reports. */
  function load(text: string, report = true): { status: number | null; showconf: string; show: string; stderr: string } {
    const path = join(dir, 'setconf.conf');
    writeFileSync(path, text, { mode: 0o600 });
    const r = run('wg', ['setconf', name, path], undefined, { WG_ENDPOINT_RESOLUTION_RETRIES: '0' });
    // wg's messages quote the offending value, keys included: keep only their first words.
    const stderr = r.stderr.replace(/`[^']*'/g, '`…\'');
    if (!report) return { status: r.status, stderr, showconf: '', show: '' };
    return { status: r.status, stderr, showconf: run('wg', ['showconf', name]).stdout, show: run('wg', ['show', name]).stdout };
  }

  test('line by line: wg refuses exactly the lines Route Lens reports as errors', (t) => {
    for (const [section, line] of LINE_CASES) {
      const text = section === 'interface'
        ? `[Interface]\nPrivateKey = ${KEY.a}\n${line}\n[Peer]\nPublicKey = ${KEY.b}\n`
        : `[Interface]\nPrivateKey = ${KEY.a}\n[Peer]\nPublicKey = ${KEY.b}\n${line}\n`;
      const loaded = load(text, false);
      const ours = analyzeWireGuard(text);
      t.diagnostic(`${loaded.status === 0 ? 'accepted' : 'refused'}: ${line.replace(/=\s*\S{40,}$/, '= <key>')}`);
      assert.equal(loaded.status === 0, !weSayWgStops(ours, text), `${line}: wg said ${loaded.stderr.trim() || 'nothing'}; we said ${ours.findings.map((f) => `${f.severity} ${f.code}`).join(', ') || 'nothing'}`);
    }
  });

  for (const fixtureName of confFixtures) {
    test(fixtureName, (t) => {
      const text = fixture(fixtureName);
      const ours = analyzeWireGuard(text);
      // Names need DNS, which tests do not have: endpoints given by name are left out.
      const offline = expectedStrip(text).filter((l) => !/^\s*Endpoint\s*=\s*[A-Za-z][\w.-]*:\d+\s*$/i.test(l)).join('\n');
      const loaded = load(`${offline}\n`);
      t.diagnostic(`wg setconf exit ${loaded.status}${loaded.stderr.trim() ? `: ${loaded.stderr.trim().split('\n').join(' / ')}` : ''}`);
      assert.equal(loaded.status === 0, !weSayWgStops(ours, text), `wg setconf said: ${loaded.stderr.trim()}`);
      if (loaded.status !== 0) return;
      const showconf = analyzeWireGuard(loaded.showconf);
      assert.ok(!hasError(showconf), 'wg showconf output reads without errors');
      assert.deepEqual(deviceAllocation(showconf), ourAllocation(ours));
      const show = analyzeWireGuard(loaded.show);
      assert.equal(show.format, 'wireguard-show');
      assert.ok(!hasError(show), 'wg show output reads without errors');
      assert.deepEqual(deviceAllocation(show), ourAllocation(ours));
    });
  }

  test('an identical prefix in two peers goes to the later one; a repeated PublicKey replaces AllowedIPs', () => {
    const text = `[Interface]
PrivateKey = ${KEY.a}
[Peer]
PublicKey = ${KEY.b}
AllowedIPs = 10.0.0.0/24, 10.1.0.0/16
[Peer]
PublicKey = ${KEY.c}
AllowedIPs = 10.0.0.0/24, 10.1.2.0/24
[Peer]
PublicKey = ${KEY.d}
AllowedIPs = 10.5.0.0/16
[Peer]
PublicKey = ${KEY.d}
AllowedIPs = 10.6.0.0/16
[Peer]
PublicKey = ${KEY.e}
AllowedIPs = 10.7.0.0/16
[Peer]
PublicKey = ${KEY.e}
`;
    const ours = ourAllocation(analyzeWireGuard(text));
    assert.deepEqual(ours[KEY.b], ['10.1.0.0/16']);
    assert.deepEqual(ours[KEY.c], ['10.0.0.0/24', '10.1.2.0/24']);
    assert.deepEqual(ours[KEY.d], ['10.6.0.0/16']);
    assert.deepEqual(ours[KEY.e], []);
    const loaded = load(text);
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.deepEqual(deviceAllocation(analyzeWireGuard(loaded.showconf)), ours);
  });

  test('wg show with WG_HIDE_KEYS=never prints keys: they are secrets', () => {
    const text = fixture('full-tunnel.conf');
    load(`${expectedStrip(text).filter((l) => !/^\s*Endpoint/i.test(l)).join('\n')}\n`);
    const shown = run('wg', ['show', name], undefined, { WG_HIDE_KEYS: 'never' }).stdout;
    const analysis = analyzeWireGuard(shown);
    const lines = shown.split('\n');
    const secrets = analysis.secrets.map((s) => (lines[s.line] ?? '').slice(s.col, s.endCol));
    assert.equal(secrets.length, 2, 'the private key and the preshared key');
    const outputs = [...analysis.findings.map((f) => f.message), ...lines.flatMap((l, n) => [...l].map((_, c) => analysis.hoverAt(l, n, c)?.markdown ?? ''))];
    for (const secret of secrets) assert.ok(outputs.every((o) => !o.includes(secret)));
  });
});
