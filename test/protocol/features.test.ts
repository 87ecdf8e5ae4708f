import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type ClientCapabilities,
  CodeLensRefreshRequest,
  type DocumentSymbol,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  ErrorCodes,
  FoldingRangeKind,
  MarkupContent,
  ResponseError,
  type SymbolInformation,
  SymbolKind,
  SymbolTag,
} from 'vscode-languageserver/node';
import { L2TP_ROUTES, PULL_CLIENT, PUSH_CLIENT, TestClient, waitFor } from './helpers';

const URI = 'file:///work/features/l2tp.routes';

/** VS Code's outline, folding and lens capabilities on top of the pull client. */
const EDITOR_CLIENT: ClientCapabilities = {
  ...PULL_CLIENT,
  textDocument: {
    ...PULL_CLIENT.textDocument,
    documentSymbol: { hierarchicalDocumentSymbolSupport: true, tagSupport: { valueSet: [SymbolTag.Deprecated] } },
    foldingRange: { lineFoldingOnly: true },
    codeLens: {},
  },
  workspace: { ...PULL_CLIENT.workspace, codeLens: { refreshSupport: true } },
};

const PASTED = [
  '# Two dumps from the same gateway,',
  '# pasted one after the other.',
  '$ ip route',
  'default via 10.0.0.1 dev eth0',
  '10.0.0.0/24 dev eth0 proto kernel scope link',
  '',
  '$ ip -6 route',
  'default proto ra metric 1024',
  '\tnexthop via fe80::1 dev eth0 weight 1',
  '\tnexthop via fe80::2 dev eth0 weight 1',
  '',
].join('\n');

function markdown(contents: unknown): string {
  assert.ok(MarkupContent.is(contents), 'expected MarkupContent');
  return contents.value;
}

describe('editor features over LSP', () => {
  let client: TestClient;
  let capabilities: Awaited<ReturnType<typeof TestClient.start>>['result']['capabilities'];

  before(async () => {
    const started = await TestClient.start(EDITOR_CLIENT);
    client = started.client;
    capabilities = started.result.capabilities;
    await client.open(URI, L2TP_ROUTES);
  });
  after(() => client.dispose());

  test('initialize advertises outline, folding and lenses without a resolve step', () => {
    assert.equal(capabilities.documentSymbolProvider, true);
    assert.equal(capabilities.foldingRangeProvider, true);
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
  });

  test('the outline nests tables, interfaces and routes, and strikes through the shadowed route', async () => {
    const symbols = (await client.symbols(URI)) as DocumentSymbol[];
    const [main] = symbols;
    assert.equal(symbols.length, 1);
    assert.equal(main?.name, 'table main');
    assert.equal(main?.kind, SymbolKind.Namespace);
    assert.deepEqual(main?.children?.map((c) => [c.name, c.kind, c.detail]), [
      ['ppp0', SymbolKind.Interface, 'tunnel · 1 route'],
      ['eth0', SymbolKind.Interface, '3 routes'],
    ]);
    const routes = main?.children?.[1]?.children ?? [];
    assert.deepEqual(routes.map((r) => [r.name, r.detail, r.kind, r.tags]), [
      ['default', 'via 192.168.101.1 dev eth0 metric 100', SymbolKind.Field, [SymbolTag.Deprecated]],
      ['192.168.101.0/24', 'dev eth0 metric 100', SymbolKind.Field, undefined],
      ['203.0.113.77', 'via 192.168.101.1 dev eth0 metric 100', SymbolKind.Field, undefined],
    ]);
    assert.deepEqual(routes[2]?.selectionRange, { start: { line: 3, character: 0 }, end: { line: 3, character: 12 } });
    assert.deepEqual(routes[2]?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 63 } });
  });

  test('folding: comment blocks, one section per pasted prompt, and multipath routes', async () => {
    const uri = 'file:///work/features/pasted.routes';
    await client.open(uri, PASTED);
    const ranges = await client.foldingRanges(uri);
    assert.deepEqual(ranges, [
      { startLine: 0, endLine: 1, kind: FoldingRangeKind.Comment },
      { startLine: 2, endLine: 4 },
      { startLine: 6, endLine: 9 },
      { startLine: 7, endLine: 9 },
    ]);
  });

  test('a lens above each route: its addresses and tunnel, or why it never wins', async () => {
    const lenses = (await client.codeLenses(URI)) ?? [];
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [
      [0, 'covers 4,294,967,039 addresses through the tunnel (ppp0)', 'routeLens.noop'],
      [1, 'never selected — shadowed by line 1', 'routeLens.noop'],
      [2, '256 addresses leave outside the tunnel via eth0', 'routeLens.noop'],
      [3, '1 address leaves outside the tunnel via eth0', 'routeLens.noop'],
    ]);
    assert.deepEqual(lenses[3]?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 12 } });
  });

  test('a settings change asks for fresh lenses, which see the new tunnel names', async () => {
    let refreshes = 0;
    client.connection.onRequest(CodeLensRefreshRequest.type, () => {
      refreshes++;
    });
    client.settings = { tunnelInterfaces: ['eth*'] };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await waitFor(() => (refreshes > 0 ? true : undefined), 'workspace/codeLens/refresh');
    const lenses = (await client.codeLenses(URI)) ?? [];
    assert.equal(lenses[2]?.command?.title, 'covers 256 addresses through the tunnel (eth0)');
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await waitFor(() => (refreshes > 1 ? true : undefined), 'a second refresh');
  });

  test('hover on an interface name lists its routes', async () => {
    const hover = await client.hover(URI, 0, 13);
    assert.match(markdown(hover?.contents), /`ppp0`\*\* · tunnel interface \(pattern `ppp\*`\)/);
    assert.deepEqual(hover?.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 16 } });
  });

  test('resolveAddress: the answer, the winning route and the same text as the hover', async () => {
    const result = await client.resolveAddress(URI, ' 8.8.8.8 ');
    assert.equal(result.invalid, undefined);
    assert.equal(result.address, '8.8.8.8');
    assert.equal(result.summary, '8.8.8.8 → ppp0 (tunnel), line 1');
    assert.equal(result.outcome, 'forward');
    assert.equal(result.error, null);
    assert.equal(result.tunnel, true);
    assert.deepEqual(result.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
    assert.deepEqual(result.nexthops, [{ interface: 'ppp0', gateway: null, tunnel: true }]);

    const uri = 'file:///work/features/commented.routes';
    await client.open(uri, `${L2TP_ROUTES}# 8.8.8.8\n`);
    const hover = await client.hover(uri, 4, 4);
    assert.equal(result.markdown, markdown(hover?.contents));
  });

  test('resolveAddress: the VPN server escapes the tunnel', async () => {
    const result = await client.resolveAddress(URI, '203.0.113.77');
    assert.equal(result.summary, '203.0.113.77 → eth0 via 192.168.101.1 (outside the tunnel), line 4');
    assert.equal(result.tunnel, false);
    assert.deepEqual(result.nexthops, [{ interface: 'eth0', gateway: '192.168.101.1', tunnel: false }]);
    assert.equal(result.range?.start.line, 3);
  });

  test('resolveAddress: unreadable input is answered with `invalid`, not an error', async () => {
    const word = await client.resolveAddress(URI, 'gateway');
    assert.equal(word.invalid, "'gateway' is not an IPv4 or IPv6 address.");
    assert.equal(word.outcome, 'invalid');
    assert.equal(word.range, null);
    assert.deepEqual(word.nexthops, []);
    const prefix = await client.resolveAddress(URI, '10.0.0.0/8');
    assert.match(prefix.invalid ?? '', /is a prefix; give one address, such as 10\.0\.0\.0/);
  });

  test('requests about a document the server does not have fail with InvalidParams', async () => {
    const closed = 'file:///work/features/never-opened.routes';
    await assert.rejects(client.resolveAddress(closed, '8.8.8.8'), (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams);
    await assert.rejects(client.effectiveRoutes(closed), (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams);
    assert.deepEqual(await client.symbols(closed), []);
    assert.deepEqual(await client.foldingRanges(closed), []);
    assert.deepEqual(await client.codeLenses(closed), []);
  });

  test('effectiveRoutes: per interface the selected routes, never-selected routes apart', async () => {
    const { markdown: md } = await client.effectiveRoutes(URI);
    assert.match(md, /\| `ppp0` \| yes \(`ppp\*`\) \| 1 \| 4,294,967,039 \| — \|/);
    assert.match(md, /\| `eth0` \| no \| 2 \| 257 \| — \|/);
    assert.match(md, /\*\*Never selected\*\*\n\n- line 2: /);
  });

  test('documentStatus follows each analysis of an open document', async () => {
    const first = await waitFor(() => client.statuses.find((s) => s.uri === URI), 'a document status');
    assert.deepEqual(first, { uri: URI, format: 'linux-ip-route', formatLabel: 'Linux ip route', routes: 4, findings: 2 });
    const count = client.statuses.length;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }],
    });
    await client.pull(URI);
    await client.codeLenses(URI);
    const next = await waitFor(() => client.statuses.slice(count).find((s) => s.uri === URI), 'the status after an edit');
    assert.deepEqual(next, { uri: URI, format: 'linux-ip-route', formatLabel: 'Linux ip route', routes: 3, findings: 0 });
    // The pull and the lenses share one analysis, so one status.
    assert.equal(client.statuses.slice(count).filter((s) => s.uri === URI).length, 1);
  });
});

describe('editor features for a push-only client', () => {
  let client: TestClient;

  before(async () => {
    ({ client } = await TestClient.start(PUSH_CLIENT));
  });
  after(() => client.dispose());

  test('a flat outline with container names, and a status without any request', async () => {
    await client.open(URI, L2TP_ROUTES);
    const status = await waitFor(() => client.statuses.find((s) => s.uri === URI), 'a pushed document status');
    assert.equal(status.routes, 4);
    const symbols = (await client.symbols(URI)) as SymbolInformation[];
    assert.deepEqual(symbols.map((s) => [s.name, s.containerName, s.tags]), [
      ['table main', undefined, undefined],
      ['ppp0', 'table main', undefined],
      ['default', 'ppp0', undefined],
      ['eth0', 'table main', undefined],
      ['default', 'eth0', undefined],
      ['192.168.101.0/24', 'eth0', undefined],
      ['203.0.113.77', 'eth0', undefined],
    ]);
    assert.deepEqual(symbols[6]?.location, { uri: URI, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 63 } } });
  });
});
