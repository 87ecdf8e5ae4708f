// Secrets never leave a config through any output path: findings, hover, outline, CLI, language server, logs.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DidOpenTextDocumentNotification, DocumentDiagnosticRequest, DocumentSymbolRequest, ExitNotification, HoverRequest, InitializeRequest,
  InitializedNotification, LogMessageNotification, type ProtocolConnection, ShowMessageNotification, ShutdownRequest, StreamMessageReader,
  StreamMessageWriter, createProtocolConnection,
} from 'vscode-languageserver/node';
import type { ConfigSymbol } from '../../server/src/core/configs/types';
import { editorLines } from '../fuzz/check';
import { configFamilies } from '../fuzz/families';
import { allSeeds, isRouteDump, repoRoot } from '../fuzz/repo';
import { extractSecrets, leaks, spanTexts } from '../fuzz/secrets';
import { PULL_CLIENT } from '../protocol/helpers';

function symbolText(symbols: readonly ConfigSymbol[]): string {
  return symbols.map((s) => `${s.name}\n${s.detail ?? ''}\n${symbolText(s.children)}`).join('\n');
}

/** Config fixtures that hold a secret, each with the family of its directory. */
async function secretFixtures() {
  const families = await configFamilies();
  return allSeeds().flatMap((seed) => {
    // A directory may hold several families (l2tp: xl2tpd and ppp options); the best score reads the file.
    const sample = seed.text.split('\n').slice(0, 50);
    const entry = families.filter((f) => f.dir === seed.group).sort((a, b) => b.family.score(sample) - a.family.score(sample))[0];
    if (!entry || isRouteDump(seed) || seed.name.endsWith('README.md')) return [];
    const analysis = entry.family.analyze(seed.text, { fileName: seed.name });
    const secrets = [...new Set([...extractSecrets(seed.text), ...spanTexts(seed.text, analysis.secrets)])];
    return secrets.length > 0 ? [{ seed, family: entry.family, secrets }] : [];
  });
}

describe('secrets stay hidden', { timeout: 300_000 }, async () => {
  const fixtures = await secretFixtures();

  test('the fixtures hold secrets of every kind the families read', () => {
    assert.ok(fixtures.some((f) => f.family.languageId === 'wireguard'), 'a WireGuard fixture with a key');
    assert.ok(fixtures.some((f) => f.family.languageId === 'openvpn'), 'an OpenVPN fixture with an inline key');
  });

  for (const { seed, family, secrets } of fixtures) {
    test(`core outputs of ${seed.name}`, () => {
      const analysis = family.analyze(seed.text, { fileName: seed.name });
      const lines = editorLines(seed.text);
      // Every secret the file holds must sit under a reported secret span, or no output path can hide it.
      const covered = spanTexts(seed.text, analysis.secrets).join('\n');
      assert.deepEqual(extractSecrets(seed.text).filter((s) => !covered.includes(s)), [], 'secrets outside every secret span');
      const outputs: [string, string][] = [
        ['findings', analysis.findings.map((f) => `${f.message}\n${f.related.map((r) => r.message).join('\n')}`).join('\n')],
        ['symbols', symbolText(analysis.symbols)],
      ];
      for (const [line, text] of lines.entries()) {
        for (let character = 0; character <= text.length; character++) {
          const hover = analysis.hoverAt(text, line, character);
          if (hover) outputs.push([`hover ${line}:${character}`, hover.markdown]);
        }
      }
      assert.deepEqual(outputs.flatMap(([where, out]) => leaks(out, secrets).map((s) => `${where} shows ${s}`)), []);
    });
  }

  test('the command line prints no secret, whatever it makes of a config', () => {
    const cli = join(repoRoot(), 'dist', 'cli.js');
    assert.ok(existsSync(cli), `${cli} is missing; build it first`);
    const found: string[] = [];
    for (const { seed, secrets } of fixtures) {
      const runs = [
        ...['text', 'json', 'sarif'].map((format) => ['check', '--format', format, seed.path]),
        ['resolve', seed.path, '10.0.0.1', '::1'],
        ['resolve', '--json', seed.path, '0.0.0.0'],
      ];
      for (const args of runs) {
        const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
        for (const s of leaks(`${run.stdout}\n${run.stderr}`, secrets)) found.push(`route-lens ${args.join(' ')} shows ${s}`);
      }
    }
    assert.deepEqual(found, []);
  });

  describe('the language server over stdio', () => {
    let child: ChildProcess;
    let connection: ProtocolConnection;
    const logs: string[] = [];
    let stderr = '';

    before(async () => {
      child = spawn(process.execPath, [join(repoRoot(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      assert.ok(child.stdout && child.stdin);
      connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
      connection.onNotification(LogMessageNotification.type, (m) => {
        logs.push(m.message);
      });
      connection.onNotification(ShowMessageNotification.type, (m) => {
        logs.push(m.message);
      });
      connection.listen();
      await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { textDocument: PULL_CLIENT.textDocument }, workspaceFolders: null });
      await connection.sendNotification(InitializedNotification.type, {});
    });

    after(async () => {
      await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await connection.sendNotification(ExitNotification.type).catch(() => undefined);
      connection.dispose();
      if (child.exitCode === null) child.kill();
    });

    test('diagnostics, hovers on every word, symbols and logs show no secret', async () => {
      const found: string[] = [];
      for (const [i, { seed, family, secrets }] of fixtures.entries()) {
        const uri = `file:///secrets/${i}/${seed.name.replace(/^.*\//, '')}`;
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri, languageId: family.languageId, version: 1, text: seed.text },
        });
        const responses: unknown[] = [
          await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }).catch((e: unknown) => String(e)),
          await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }).catch((e: unknown) => String(e)),
        ];
        for (const [line, text] of editorLines(seed.text).entries()) {
          for (const m of text.matchAll(/\S+/g)) {
            for (const character of [m.index, m.index + Math.floor(m[0].length / 2)]) {
              responses.push(await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }).catch((e: unknown) => String(e)));
            }
          }
        }
        for (const [k, response] of responses.entries()) {
          const kind = ['diagnostics', 'documentSymbol'][k] ?? 'hover';
          for (const s of leaks(JSON.stringify(response), secrets)) found.push(`${seed.name}: ${kind} shows ${s}`);
        }
        for (const s of leaks(`${logs.join('\n')}\n${stderr}`, secrets)) found.push(`${seed.name}: the log shows ${s}`);
      }
      assert.deepEqual(found, []);
    });
  });
});
