import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { SimulateConnectingRequest, type SimulateConnectingResult } from '../../server/src/protocol';
import { L2TP_ROUTES, PULL_CLIENT, TestClient, items } from './helpers';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

describe('routeLens/simulateConnecting', () => {
  let client: TestClient;
  let dir: string;
  let configUri: string;

  const openAs = (uri: string, languageId: string, text: string, version = 1): Promise<void> =>
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  const simulate = (uri: string): Promise<SimulateConnectingResult> => client.connection.sendRequest(SimulateConnectingRequest.type, { uri });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'route-lens-simulate-'));
    copyFileSync(join(FIXTURES, 'wireguard', 'routes.txt'), join(dir, 'routes.txt'));
    configUri = pathToFileURL(join(dir, 'wg0.conf')).toString();
    client = (await TestClient.start(PULL_CLIENT)).client;
    // The config is open in the editor only; its dump sits next to it on disk.
    await openAs(configUri, 'wireguard', '[Interface]\nAddress = 10.7.0.2/32\n\n[Peer]\nPublicKey = abGudJzKKWB4j0ng+dJZN0vyYTAj9BTmgq/E4J50bXY=\nAllowedIPs = 0.0.0.0/0\n');
  });

  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('answers with the predicted table from the dump next to the config', async () => {
    const result = await simulate(configUri);
    assert.equal(result.dumpName, 'routes.txt');
    assert.equal(result.reason, null);
    const lines = (result.text ?? '').split('\n');
    assert.deepEqual(result.addedLines.map((n) => lines[n]?.replace(/\s+#.*$/, '')), [
      'default dev wg0 table 51820',
      'local 10.7.0.2 dev wg0 table local proto kernel scope host src 10.7.0.2',
      '32764:\tfrom all lookup main suppress_prefixlength 0',
      '32765:\tnot from all fwmark 0xca6c lookup 51820',
    ]);
    assert.deepEqual(result.removed, []);
  });

  test('the answer opened as a route table is analysed like any dump: no errors, IPv6 still via eth0', async () => {
    const result = await simulate(configUri);
    const uri = `route-lens-simulated:/wg0.conf%20connected.routes?${encodeURIComponent(configUri)}`;
    await openAs(uri, 'route-table', result.text ?? '');
    const diagnostics = items(await client.pull(uri));
    assert.deepEqual(diagnostics.filter((d) => d.severity === 1), []);
    const v6 = await client.resolveAddress(uri, '2001:4860:4860::8888');
    assert.deepEqual(v6.nexthops.map((h) => h.interface), ['eth0']);
  });

  test('an unsaved edit of the dump in the editor counts', async () => {
    await openAs(pathToFileURL(join(dir, 'routes.txt')).toString(), 'route-table', L2TP_ROUTES);
    const result = await simulate(configUri);
    assert.match(result.text ?? '', /^default dev ppp0 proto static scope link metric 50$/m);
  });

  test('files that bring nothing up, route tables and closed documents', async () => {
    const secrets = pathToFileURL(join(dir, 'chap-secrets')).toString();
    await openAs(secrets, 'ppp-secrets', 'robot7 * "Tr0ub4dor&3-robot" *\n');
    const none = await simulate(secrets);
    assert.equal(none.text, null);
    assert.match(none.reason ?? '', /nothing up/);
    const table = pathToFileURL(join(dir, 'routes.txt')).toString();
    assert.match((await simulate(table)).reason ?? '', /not a VPN config language/);
    await assert.rejects(simulate('file:///nowhere/closed.conf'), (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams);
  });
});
