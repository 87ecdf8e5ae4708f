// Rule pages, routeLens.severity and suppression comments as an editor sees them, over the real protocol.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, DidChangeConfigurationNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver/node';
import { L2TP_ROUTES, PULL_CLIENT, PUSH_CLIENT, TestClient, items, waitFor } from './helpers';

const URI = 'file:///work/l2tp.routes';
const WG_URI = 'file:///work/wg0.conf';
const PAGES = 'https://github.com/route-lens/route-lens/blob/main/docs/rules/';
const WIREGUARD = ['[Interface]', 'Address = 10.8.0.300/24', '', '[Peer]', 'AllowedIPs = 0.0.0.0/0', ''].join('\n');

function severities(list: ReturnType<typeof items>): Record<string, DiagnosticSeverity | undefined> {
  return Object.fromEntries(list.map((d) => [String(d.code), d.severity]));
}

describe('routeLens.severity and rule pages with a pull client', () => {
  let client: TestClient;

  before(async () => {
    ({ client } = await TestClient.start(PULL_CLIENT));
    await client.open(URI, L2TP_ROUTES);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: WG_URI, languageId: 'wireguard', version: 1, text: WIREGUARD },
    });
  });

  after(() => client.dispose());

  test('every diagnostic links to its code\'s page', async () => {
    for (const uri of [URI, WG_URI]) {
      const list = items(await client.pull(uri));
      assert.ok(list.length > 0, uri);
      for (const d of list) assert.equal(d.codeDescription?.href, `${PAGES}${String(d.code)}.md`, `${uri} ${String(d.code)}`);
    }
  });

  test('a settings change gives route tables and configs their new severities', async () => {
    const before = items(await client.pull(URI));
    assert.equal(severities(before)['shadowed-route'], DiagnosticSeverity.Warning);
    assert.equal(severities(items(await client.pull(WG_URI)))['invalid-address'], DiagnosticSeverity.Error);

    const refreshes = client.refreshes;
    client.settings = { severity: { 'shadowed-route': 'error', 'split-tunnel-exception': 'off', 'invalid-address': 'information', 'bogus': 'loud' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await waitFor(() => (client.refreshes > refreshes ? true : undefined), 'workspace/diagnostic/refresh');
    const after = items(await client.pull(URI));
    assert.equal(severities(after)['shadowed-route'], DiagnosticSeverity.Error);
    assert.ok(!after.some((d) => d.code === 'split-tunnel-exception'));
    assert.equal(severities(items(await client.pull(WG_URI)))['invalid-address'], DiagnosticSeverity.Information);

    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await waitFor(() => (client.refreshes > refreshes + 1 ? true : undefined), 'a second refresh');
    assert.equal(severities(items(await client.pull(URI)))['shadowed-route'], DiagnosticSeverity.Warning);
  });

  test('suppression comments silence findings, and a misspelt code gets a hint with a page', async () => {
    const uri = 'file:///work/suppressed.routes';
    const lines = L2TP_ROUTES.split('\n');
    const text = [lines[0], '# route-lens-disable-next-line shadowed-route', lines[1], `${lines[3]} # route-lens-disable-line split-tunnel-exceptoin`, ''].join('\n');
    await client.open(uri, text);
    const list = items(await client.pull(uri));
    assert.ok(!list.some((d) => d.code === 'shadowed-route'));
    assert.ok(list.some((d) => d.code === 'split-tunnel-exception'));
    const hint = list.find((d) => d.code === 'invalid-suppression');
    assert.equal(hint?.severity, DiagnosticSeverity.Hint);
    assert.equal(hint?.range.start.line, 3);
    assert.match(String(hint?.message ?? ''), /Did you mean `split-tunnel-exception`\?/);
    assert.equal(hint?.codeDescription?.href, `${PAGES}invalid-suppression.md`);
  });
});

describe('routeLens.severity with a push client', () => {
  let client: TestClient;

  before(async () => {
    ({ client } = await TestClient.start(PUSH_CLIENT));
  });

  after(() => client.dispose());

  test('settings pushed with didChangeConfiguration re-publish with the new severities', async () => {
    await client.open(URI, L2TP_ROUTES);
    const first = await client.waitForPublished(URI);
    assert.equal(severities(first.diagnostics)['shadowed-route'], DiagnosticSeverity.Warning);
    const count = client.published.length;
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { routeLens: { severity: { 'shadowed-route': 'hint' } } } });
    const next = await waitFor(() => client.published.slice(count).find((p) => p.uri === URI), 'a new publishDiagnostics');
    assert.equal(severities(next.diagnostics)['shadowed-route'], DiagnosticSeverity.Hint);
    assert.ok(next.diagnostics.every((d) => d.codeDescription?.href.startsWith(PAGES)));
  });
});
