// `route-lens check`: exit codes, the three output formats and input handling, through the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { L2TP, assertOneLineError, json, packageVersion, runCli, scratch } from './helpers';

interface JsonDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

interface JsonFile {
  file: string;
  format: string;
  diagnostics: JsonDiagnostic[];
}

const BROKEN = 'default via 10.0.0.1 dev eth0\n10.0.0.300/24 dev eth0\n';

test('L2TP scenario: JSON has the shadowed default and the VPN-server exception, exit 0', () => {
  const dir = scratch({ 'l2tp.routes': L2TP });
  const result = runCli(['check', '--format', 'json', 'l2tp.routes'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  const files = json<JsonFile[]>(result);
  assert.equal(files.length, 1);
  const [file] = files;
  assert.deepEqual(Object.keys(file ?? {}), ['file', 'format', 'diagnostics']);
  assert.equal(file?.file, 'l2tp.routes');
  assert.equal(file?.format, 'linux-ip-route');
  const diagnostics = file?.diagnostics ?? [];
  for (const d of diagnostics) {
    assert.deepEqual(Object.keys(d), ['line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
  }
  assert.deepEqual(diagnostics.map((d) => [d.code, d.line, d.severity]), [
    ['shadowed-route', 2, 'warning'],
    ['split-tunnel-exception', 4, 'information'],
  ]);
  const exception = diagnostics[1];
  // The finding marks the destination token `203.0.113.77`: columns 1 to 13, end exclusive.
  assert.deepEqual([exception?.column, exception?.endLine, exception?.endColumn], [1, 4, 13]);
  assert.match(exception?.message ?? '', /203\.0\.113\.77/);
});

test('an error finding makes the exit code 1', () => {
  const dir = scratch({ 'broken.routes': BROKEN });
  const result = runCli(['check', '--format', 'json', 'broken.routes'], { cwd: dir });
  assert.equal(result.status, 1);
  const [file] = json<JsonFile[]>(result);
  assert.ok(file?.diagnostics.some((d) => d.severity === 'error' && d.line === 2), result.stdout);
});

test('text output: header with the format, compiler-style lines, summary, no colours when piped', () => {
  const dir = scratch({ 'l2tp.routes': L2TP, 'broken.routes': BROKEN });
  const result = runCli(['check', 'l2tp.routes', 'broken.routes'], { cwd: dir, env: { NO_COLOR: '' } });
  assert.equal(result.status, 1);
  const lines = result.stdout.split('\n');
  assert.ok(lines.includes('l2tp.routes (format linux-ip-route, 4 routes)'), result.stdout);
  assert.ok(lines.some((l) => l.startsWith('l2tp.routes:2:1: warning shadowed-route: Shadowed route')), result.stdout);
  assert.ok(lines.some((l) => l.startsWith('l2tp.routes:4:1: information split-tunnel-exception: ')), result.stdout);
  assert.ok(lines.some((l) => /^broken\.routes:2:1: error parse-error: /.test(l)), result.stdout);
  assert.match(result.stdout, /^Checked 2 files: 1 error, 1 warning, 1 information\.$/m);
  assert.ok(!result.stdout.includes('\u001b['), 'ANSI colour codes in piped output');
});

test('SARIF: 2.1.0 log whose results reference their rules, with 1-based regions and relative URIs', () => {
  const dir = scratch({ 'dumps/l2tp.routes': L2TP, 'dumps/broken.routes': BROKEN });
  const result = runCli(['check', '--format=sarif', 'dumps'], { cwd: dir });
  assert.equal(result.status, 1, result.stderr);
  const log = json<SarifLog>(result);
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0] as SarifRun;
  const driver = run.tool.driver;
  assert.equal(driver.name, 'route-lens');
  assert.equal(driver.version, packageVersion());
  assert.match(driver.informationUri, /^https:\/\//);
  const ids = driver.rules.map((r) => r.id);
  for (const code of ['shadowed-route', 'split-tunnel-exception', 'parse-error', 'unknown-keyword', 'invalid-prefix', 'binary-file']) {
    assert.ok(ids.includes(code), `rule ${code} missing`);
  }
  assert.equal(new Set(ids).size, ids.length, 'rule ids repeat');
  for (const rule of driver.rules) {
    assert.ok(rule.name && rule.shortDescription.text && rule.fullDescription.text, rule.id);
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
  }
  assert.ok(run.results.length >= 3);
  for (const r of run.results) {
    assert.equal(driver.rules[r.ruleIndex]?.id, r.ruleId, 'ruleIndex points at another rule');
    assert.ok(['error', 'warning', 'note'].includes(r.level));
    assert.ok(r.message.text.length > 0);
    const location = r.locations[0]?.physicalLocation;
    assert.equal(location?.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.match(location?.artifactLocation.uri ?? '', /^dumps\/(l2tp|broken)\.routes$/);
    const region = location?.region;
    assert.ok(region && region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= region.startLine);
    assert.ok(Object.values(r.partialFingerprints).every((v) => v.length > 0));
  }
  const shadowed = run.results.find((r) => r.ruleId === 'shadowed-route');
  assert.deepEqual(shadowed?.locations[0]?.physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 76 });
  assert.equal(shadowed?.relatedLocations?.[0]?.physicalLocation.region.startLine, 1);
  const exception = run.results.find((r) => r.ruleId === 'split-tunnel-exception');
  assert.equal(exception?.level, 'note', 'information becomes a SARIF note');
  assert.equal(run.results.find((r) => r.ruleId === 'parse-error')?.level, 'error');
});

test('SARIF fingerprints follow the route text, not its line number', () => {
  const dir = scratch({ 'a.routes': L2TP, 'b.routes': `# moved down by a comment\n\n${L2TP}` });
  const prints = (file: string): string[] => {
    const log = json<SarifLog>(runCli(['check', '--format', 'sarif', file], { cwd: dir }));
    return (log.runs[0]?.results ?? []).map((r) => JSON.stringify(r.partialFingerprints));
  };
  const a = prints('a.routes');
  assert.equal(a.length, 2);
  assert.equal(new Set(a).size, 2);
  assert.deepEqual(prints('b.routes'), a);
});

test('a directory means its regular files below it, sorted, without dotfiles', () => {
  const dir = scratch({
    'tree/b.routes': L2TP,
    'tree/a/z.routes': 'default via 10.0.0.1 dev eth0\n',
    'tree/.hidden.routes': BROKEN,
    'tree/.git/config.routes': BROKEN,
    'tree/c.txt': 'default dev wg0\n',
  });
  const result = runCli(['check', '--format', 'json', 'tree'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(json<JsonFile[]>(result).map((f) => f.file.replaceAll('\\', '/')), ['tree/a/z.routes', 'tree/b.routes', 'tree/c.txt']);
});

test('a binary file gets one binary-file error', () => {
  const dir = scratch({ 'capture.pcap': Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 0, 0, 0, 1, 2, 3]) });
  const result = runCli(['check', '--format', 'json', 'capture.pcap'], { cwd: dir });
  assert.equal(result.status, 1);
  const [file] = json<JsonFile[]>(result);
  assert.equal(file?.format, 'binary');
  assert.deepEqual(file?.diagnostics.map((d) => d.code), ['binary-file']);
});

test('a missing file: exit 2, one clear line on stderr, nothing on stdout', () => {
  const dir = scratch({ 'l2tp.routes': L2TP });
  const result = runCli(['check', 'l2tp.routes', 'nope.routes'], { cwd: dir });
  assert.equal(result.status, 2);
  assert.equal(result.stdout, '');
  assert.equal(assertOneLineError(result), "route-lens: cannot read 'nope.routes': no such file or directory");
});

test('usage problems exit 2 with one line', () => {
  const dir = scratch({ 'l2tp.routes': L2TP });
  const cases: [string[], RegExp][] = [
    [['check', '--format', 'xml', 'l2tp.routes'], /--format.*text, json, sarif.*'xml'/],
    [['check', '--format'], /--format.*needs a value/],
    [['check', '--colour', 'l2tp.routes'], /unknown option '--colour'/],
    [['check'], /needs at least one FILE/],
    [['lint', 'l2tp.routes'], /unknown command 'lint'/],
    [[], /Usage/],
  ];
  for (const [args, message] of cases) {
    const result = runCli(args, { cwd: dir });
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    if (args.length > 0) assert.match(assertOneLineError(result), message);
    else assert.match(result.stderr, message);
  }
});

test('an empty directory is an input problem, not a clean check', () => {
  const dir = scratch({ 'empty/.keep': '' });
  const result = runCli(['check', 'empty'], { cwd: dir });
  assert.equal(result.status, 2);
  assert.match(assertOneLineError(result), /no files to check in directory 'empty'/);
});

test('--tunnel-interfaces makes a custom interface a tunnel', () => {
  const dump = 'default dev corp0 metric 10\n10.1.0.0/16 via 192.168.1.1 dev eth0\n';
  const dir = scratch({ 'corp.routes': dump });
  const codes = (args: string[]): string[] =>
    json<JsonFile[]>(runCli(['check', '--format', 'json', ...args, 'corp.routes'], { cwd: dir }))
      .flatMap((f) => f.diagnostics.map((d) => d.code));
  assert.deepEqual(codes([]), []);
  assert.deepEqual(codes(['--tunnel-interfaces', 'vpn9,corp*']), ['split-tunnel-exception']);
});

test('input files are never written', () => {
  const dir = scratch({ 'l2tp.routes': L2TP });
  const path = join(dir, 'l2tp.routes');
  const before = statSync(path).mtimeMs;
  for (const format of ['text', 'json', 'sarif']) runCli(['check', '--format', format, 'l2tp.routes'], { cwd: dir });
  assert.equal(readFileSync(path, 'utf8'), L2TP);
  assert.equal(statSync(path).mtimeMs, before);
});

test('--version prints the package version; --help and help print usage', () => {
  const version = runCli(['--version']);
  assert.equal(version.status, 0);
  assert.equal(version.stdout, `${packageVersion()}\n`);
  for (const args of [['--help'], ['help'], ['check', '--help']]) {
    const help = runCli(args);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /route-lens check \[--format text\|json\|sarif\]/);
    assert.match(help.stdout, /route-lens resolve/);
  }
});

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifPhysical {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: SarifRegion;
}

interface SarifRun {
  tool: {
    driver: {
      name: string;
      version: string;
      informationUri: string;
      rules: { id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: string } }[];
    };
  };
  results: {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: { physicalLocation: SarifPhysical }[];
    relatedLocations?: { physicalLocation: SarifPhysical; message: { text: string } }[];
    partialFingerprints: Record<string, string>;
  }[];
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: SarifRun[];
}
