// `route-lens check --severity CODE=LEVEL` and suppression comments, through the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { L2TP, assertOneLineError, json, runCli, scratch } from './helpers';

interface JsonFile {
  file: string;
  diagnostics: { line: number; column: number; severity: string; code: string; message: string }[];
}

interface SarifRun {
  tool: { driver: { rules: { id: string; helpUri?: string }[] } };
  results: { ruleId: string; level: string }[];
}

const BROKEN = 'default via 10.0.0.1 dev eth0\n10.0.0.300/24 dev eth0\n';

function diagnostics(args: readonly string[], files: Readonly<Record<string, string>>): { status: number | null; list: JsonFile['diagnostics'] } {
  const dir = scratch(files);
  const result = runCli(['check', '--format', 'json', ...args], { cwd: dir });
  return { status: result.status, list: json<JsonFile[]>(result).flatMap((f) => f.diagnostics) };
}

test('--severity raises a code to error, and the exit status follows', () => {
  const { status, list } = diagnostics(['--severity', 'shadowed-route=error', 'l2tp.routes'], { 'l2tp.routes': L2TP });
  assert.equal(status, 1);
  assert.equal(list.find((d) => d.code === 'shadowed-route')?.severity, 'error');
});

test('--severity lowers an error so the check passes, and off drops a code; repeated and comma-separated', () => {
  const files = { 'l2tp.routes': L2TP, 'broken.routes': BROKEN };
  const { status, list } = diagnostics(['--severity', 'parse-error=warning', '--severity=split-tunnel-exception=off,shadowed-route=info', 'l2tp.routes', 'broken.routes'], files);
  assert.equal(status, 0);
  assert.equal(list.find((d) => d.code === 'parse-error')?.severity, 'warning');
  assert.ok(!list.some((d) => d.code === 'split-tunnel-exception'));
  assert.equal(list.find((d) => d.code === 'shadowed-route')?.severity, 'information');
});

test('a later --severity for the same code wins', () => {
  const { list } = diagnostics(['--severity', 'shadowed-route=off', '--severity', 'shadowed-route=hint', 'l2tp.routes'], { 'l2tp.routes': L2TP });
  assert.equal(list.find((d) => d.code === 'shadowed-route')?.severity, 'hint');
});

test('an unknown code or level is a usage error (exit 2) with the nearest code', () => {
  const dir = scratch({ 'l2tp.routes': L2TP });
  const unknown = runCli(['check', '--severity', 'shadowed-rout=off', 'l2tp.routes'], { cwd: dir });
  assert.equal(unknown.status, 2);
  assert.match(assertOneLineError(unknown), /unknown code 'shadowed-rout'; did you mean 'shadowed-route'\?/);
  const level = runCli(['check', '--severity', 'shadowed-route=loud', 'l2tp.routes'], { cwd: dir });
  assert.equal(level.status, 2);
  assert.match(assertOneLineError(level), /error, warning, information, hint, off/);
  const shape = runCli(['check', '--severity', 'shadowed-route', 'l2tp.routes'], { cwd: dir });
  assert.equal(shape.status, 2);
  assert.match(assertOneLineError(shape), /CODE=LEVEL/);
  assert.equal(unknown.stdout + level.stdout + shape.stdout, '', 'nothing is checked after a usage error');
});

test('suppression comments silence findings in dumps and configs; an unknown code gets a hint', () => {
  const dump = [
    '# route-lens-disable unknown-keyword',
    'default dev ppp0 proto static scope link metric 50',
    '# route-lens-disable-next-line shadowed-route -- fallback while the tunnel is down',
    'default via 192.168.101.1 dev eth0 proto dhcp src 192.168.101.23 metric 100',
    '192.168.101.0/24 dev eth0 proto kernel scope link src 192.168.101.23 metric 100 frobnicate 1',
    '203.0.113.77 via 192.168.101.1 dev eth0 proto static metric 100 # route-lens-disable-line split-tunel-exception',
    '',
  ].join('\n');
  const config = [
    'client',
    'dev tun',
    'remote vpn.example.com 1194',
    '; route-lens-disable-next-line unknown-directive',
    'redirect-gatway def1',
    'frobnicate',
    '',
  ].join('\n');
  const { status, list } = diagnostics(['.'], { 'gw.routes': dump, 'client.ovpn': config });
  assert.equal(status, 0);
  const codes = list.map((d) => `${d.line}:${d.code}`);
  assert.ok(!codes.includes('4:shadowed-route'), codes.join(' '));
  assert.ok(!list.some((d) => d.code === 'unknown-keyword'), codes.join(' '));
  assert.ok(codes.includes('6:split-tunnel-exception'), 'a misspelt code silences nothing');
  const hint = list.find((d) => d.code === 'invalid-suppression');
  assert.equal(hint?.severity, 'hint');
  assert.equal(hint?.line, 6);
  assert.match(hint?.message ?? '', /Did you mean `split-tunnel-exception`\?/);
  assert.ok(!codes.includes('5:unknown-directive'), codes.join(' '));
  assert.ok(codes.includes('6:unknown-directive'), 'only the next line is silenced');
});

test('text output shows hints, and SARIF rules carry the page of each code', () => {
  const dump = `# route-lens-disable-next-line nonsense\n${L2TP}`;
  const dir = scratch({ 'gw.routes': dump });
  const text = runCli(['check', 'gw.routes'], { cwd: dir });
  assert.match(text.stdout, /^gw\.routes:1:32: hint invalid-suppression: /m);
  assert.match(text.stdout, /1 hint\.$/m);
  const sarif = json<{ runs: SarifRun[] }>(runCli(['check', '--format', 'sarif', '--severity', 'shadowed-route=error', 'gw.routes'], { cwd: dir }));
  const run = sarif.runs[0] as SarifRun;
  for (const rule of run.tool.driver.rules) {
    assert.equal(rule.helpUri, `https://github.com/route-lens/route-lens/blob/main/docs/rules/${rule.id}.md`, rule.id);
  }
  assert.equal(run.results.find((r) => r.ruleId === 'shadowed-route')?.level, 'error');
});
