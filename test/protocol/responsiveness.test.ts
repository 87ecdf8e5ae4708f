import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CancellationTokenSource,
  DidChangeTextDocumentNotification,
  LSPErrorCodes,
  ResponseError,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver/node';
import { analyze } from '../../server/src/core/analyze';
import { TOO_MANY_FINDINGS } from '../../server/src/features/diagnostics';
import { PULL_CLIENT, TestClient, items } from './helpers';

/**
 * A dump large enough to be analysed in many steps: a VPN default, then /24s through eth0 (each a
 * split-tunnel exception), every tenth repeated at a worse metric (a shadowed route).
 */
function largeDump(routes: number): string {
  const lines = ['default dev ppp0 proto static scope link metric 50', 'default via 192.168.1.1 dev eth0 proto dhcp metric 100'];
  for (let i = 0; lines.length < routes; i++) {
    const prefix = `10.${(i >> 8) & 255}.${i & 255}.0/24`;
    lines.push(`${prefix} via 192.168.1.1 dev eth0 proto static metric 10`);
    if (i % 10 === 0) lines.push(`${prefix} via 192.168.1.2 dev eth0 proto static metric 20`);
  }
  return `${lines.join('\n')}\n`;
}

const TEXT = largeDump(12000);
const ROUTE_LINE = 2;

describe('a large document keeps the server responsive', () => {
  let client: TestClient;
  const progress: string[] = [];

  before(async () => {
    ({ client } = await TestClient.start({ ...PULL_CLIENT, window: { workDoneProgress: true } }, { maxDiagnostics: 100 }));
    client.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    client.connection.onNotification('$/progress', (params: { value: { kind: string } }) => {
      progress.push(params.value.kind);
    });
  });

  after(() => client.dispose());

  test('a hover is answered while the analysis runs, and the pull completes after it', async () => {
    const uri = 'file:///large.routes';
    await client.open(uri, TEXT);
    const order: string[] = [];
    const pulled = client.pull(uri).then((report) => {
      order.push('diagnostics');
      return report;
    });
    const hover = await client.hover(uri, ROUTE_LINE, 3);
    order.push('hover');
    assert.match(JSON.stringify(hover?.contents), /still analysing/);
    const diagnostics = items(await pulled);
    assert.deepEqual(order, ['hover', 'diagnostics']);
    // The cap, then one summary of what was left out.
    assert.equal(diagnostics.length, 101);
    assert.equal(diagnostics.at(-1)?.code, TOO_MANY_FINDINGS);
    assert.deepEqual(diagnostics.at(-1)?.range.start, { line: 0, character: 0 });
    assert.match(JSON.stringify((await client.hover(uri, ROUTE_LINE, 3))?.contents), /Route, line 3/);
    assert.equal(progress[0], 'begin');
    assert.ok(progress.filter((kind) => kind === 'report').length > 2, `progress: ${progress.join(' ')}`);
    assert.equal(progress.at(-1), 'end');
  });

  test('a cancelled pull returns at once and the analysis pauses until asked again', async () => {
    const uri = 'file:///cancelled.routes';
    await client.open(uri, TEXT);
    const source = new CancellationTokenSource();
    const pulled = client.pull(uri, source.token);
    source.cancel();
    await assert.rejects(pulled, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
    assert.match(JSON.stringify((await client.hover(uri, ROUTE_LINE, 3))?.contents), /still analysing/);
    assert.equal(items(await client.pull(uri)).length, 101);
  });

  test('after a one-line edit the diagnostics are those of a fresh analysis', async () => {
    const uri = 'file:///edited.routes';
    await client.open(uri, TEXT);
    items(await client.pull(uri));
    // Line 4 repeats line 3's prefix at a worse metric; giving it the better one moves the shadow.
    const edited = TEXT.split('\n');
    edited[3] = (edited[3] as string).replace('metric 20', 'metric 5');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: (TEXT.split('\n')[3] as string).length } }, text: edited[3] as string }],
    });
    const after = items(await client.pull(uri));
    const expected = analyze(edited.join('\n')).findings.filter((f) => f.severity === 'warning' && f.code === 'shadowed-route');
    const shadowed = after.filter((d) => d.code === 'shadowed-route').map((d) => d.range.start.line);
    assert.deepEqual(shadowed, expected.slice(0, shadowed.length).map((f) => f.span.line));
    assert.ok(shadowed.includes(2) && !shadowed.includes(3));
  });
});
