// `route-lens --stdio` starts the language server in-process: an initialize round trip proves it is wired.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cli, root } from './helpers';

function frame(message: unknown): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

/** Reads LSP frames from stdout until one answers `id`. */
function waitForResponse(stdout: NodeJS.ReadableStream, id: number): Promise<{ result?: unknown; error?: unknown }> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
        if (buffer.length < headerEnd + 4 + length) return;
        const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as {
          id?: number;
          result?: unknown;
          error?: unknown;
        };
        buffer = buffer.subarray(headerEnd + 4 + length);
        if (message.id === id) resolve(message);
      }
    });
    stdout.on('end', () => reject(new Error('the server closed stdout before answering')));
  });
}

test('--stdio answers initialize, then shuts down cleanly on exit', { timeout: 20_000 }, async () => {
  const child = spawn(process.execPath, [cli, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const initialized = waitForResponse(child.stdout, 1);
    child.stdin.write(frame({
      jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {} },
    }));
    const response = await initialized;
    assert.equal(response.error, undefined, stderr);
    const result = response.result as { capabilities?: Record<string, unknown> };
    assert.equal(typeof result.capabilities, 'object');
    const shutdown = waitForResponse(child.stdout, 2);
    child.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
    child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
    await shutdown;
    child.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
    assert.equal(await exited, 0, stderr);
  } finally {
    child.kill();
  }
});
