// world-readable-key over a real LSP connection: the server reads the mode of the file on disk, again on save.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DidOpenTextDocumentNotification, DidSaveTextDocumentNotification } from 'vscode-languageserver/node';
import { PULL_CLIENT, TestClient, items, waitFor } from './helpers';

const PRIVATE = 'yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=';
const WG = `[Interface]\nPrivateKey = ${PRIVATE}\nAddress = 10.8.0.2/32\n\n[Peer]\nPublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\nAllowedIPs = 10.8.0.0/24\n`;
const CODE = 'world-readable-key';

describe('world-readable-key in the editor', { skip: process.platform === 'win32' ? 'Windows files have no POSIX mode bits' : false }, () => {
  let client: TestClient;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'route-lens-keymode-'));
    ({ client } = await TestClient.start(PULL_CLIENT));
  });

  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (uri: string, version = 1): Promise<void> => client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'wireguard', version, text: WG },
  });
  const keyFindings = async (uri: string) => items(await client.pull(uri)).filter((d) => d.code === CODE);
  const text = (message: string | { value: string } | undefined): string => (typeof message === 'string' ? message : message?.value ?? '');

  test('a 0644 config gets the warning on PrivateKey, with the full path in the fix and no key anywhere', async () => {
    const path = join(dir, 'wg0.conf');
    writeFileSync(path, WG);
    chmodSync(path, 0o644);
    const uri = pathToFileURL(path).href;
    await open(uri);
    const report = await client.pull(uri);
    const [finding, ...more] = items(report).filter((d) => d.code === CODE);
    assert.ok(finding, 'the warning is there');
    assert.equal(more.length, 0);
    assert.deepEqual(finding.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
    assert.equal(finding.severity, 2);
    assert.match(text(finding.message), /mode 0644 lets its group and all other users read it/);
    assert.ok(text(finding.message).includes(`\`chmod 600 ${path}\``), text(finding.message));
    assert.ok(!JSON.stringify(report).includes(PRIVATE), 'the key never leaves');
    assert.ok(!client.logs.join('\n').includes(PRIVATE));
  });

  test('chmod 600 then save: the server asks for fresh diagnostics, and the warning is gone; reopening a 0640 file brings it back', async () => {
    const path = join(dir, 'saved.conf');
    writeFileSync(path, WG);
    chmodSync(path, 0o644);
    const uri = pathToFileURL(path).href;
    await open(uri);
    assert.equal((await keyFindings(uri)).length, 1);
    chmodSync(path, 0o600);
    // Until it is saved or opened again, the mode read at open stands.
    assert.equal((await keyFindings(uri)).length, 1);
    const refreshes = client.refreshes;
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    await waitFor(() => (client.refreshes > refreshes ? true : undefined), 'a diagnostic refresh after the save');
    assert.deepEqual(await keyFindings(uri), []);
    chmodSync(path, 0o640);
    await client.close(uri);
    await open(uri, 2);
    const [finding] = await keyFindings(uri);
    assert.match(text(finding?.message), /mode 0640 lets its group read it/);
  });

  test('a save that leaves the mode as it was asks for nothing', async () => {
    const path = join(dir, 'same.conf');
    writeFileSync(path, WG);
    chmodSync(path, 0o644);
    const uri = pathToFileURL(path).href;
    await open(uri);
    assert.equal((await keyFindings(uri)).length, 1);
    const refreshes = client.refreshes;
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    // A request after the notification is answered after it is handled.
    assert.equal((await keyFindings(uri)).length, 1);
    assert.equal(client.refreshes, refreshes);
  });

  test('no file on disk, an untitled document, or the rule disabled: no warning', async () => {
    const missing = pathToFileURL(join(dir, 'missing.conf')).href;
    await open(missing);
    assert.deepEqual(await keyFindings(missing), []);
    await open('untitled:Untitled-1');
    assert.deepEqual(await keyFindings('untitled:Untitled-1'), []);
    const { client: quiet } = await TestClient.start(PULL_CLIENT, { disabledRules: [CODE] });
    try {
      const path = join(dir, 'quiet.conf');
      writeFileSync(path, WG);
      chmodSync(path, 0o644);
      const uri = pathToFileURL(path).href;
      await quiet.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'wireguard', version: 1, text: WG } });
      assert.deepEqual(items(await quiet.pull(uri)).filter((d) => d.code === CODE), []);
    } finally {
      quiet.dispose();
    }
  });
});
