import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  type ProtocolConnection,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver/node';
import { L2TP_ROUTES, LANGUAGE_ID, PULL_CLIENT, items } from './helpers';

/** The directory holding package.json, found from wherever the bundled test runs. */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${__dirname}`);
  }
}

const URI = 'file:///stdio/l2tp.routes';

// One smoke test of the shipped bundle over real stdio; everything else runs in-process.
describe('dist/server.js --stdio', { timeout: 30_000 }, () => {
  let child: ChildProcess;
  let connection: ProtocolConnection;
  let stderr = '';
  let exited: Promise<number | null>;

  before(() => {
    const server = join(repoRoot(), 'dist', 'server.js');
    assert.ok(existsSync(server), `${server} is missing; build it with \`node esbuild.mjs\` first`);
    child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    assert.ok(child.stdout && child.stdin);
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
  });

  after(() => {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  });

  test('initialize, diagnose, hover, shut down', async () => {
    // Without workspace/configuration the server uses the default settings and asks the client nothing.
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: PULL_CLIENT.textDocument },
      workspaceFolders: null,
    });
    assert.equal(init.serverInfo?.name, 'route-lens');
    assert.ok(init.capabilities.diagnosticProvider);
    await connection.sendNotification(InitializedNotification.type, {});

    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: LANGUAGE_ID, version: 1, text: L2TP_ROUTES },
    });
    const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: URI } });
    assert.deepEqual(items(report).map((d) => [d.code, d.range.start.line]), [
      ['shadowed-route', 1],
      ['split-tunnel-exception', 3],
    ]);

    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 3, character: 5 } });
    assert.match(JSON.stringify(hover?.contents), /eth0/);

    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0, 'exit after shutdown means success');
    assert.equal(stderr, '');
  });
});
