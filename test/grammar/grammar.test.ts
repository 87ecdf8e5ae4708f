// Runs the TextMate grammar through vscode-textmate, the engine VS Code itself uses.
// Assertion files pin the scopes that matter; snapshots catch every other change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const GRAMMAR = 'syntaxes/route-table.tmLanguage.json';
const SCOPE = 'source.route-table';

/** The repository root; this file runs from out/test/grammar once bundled, so the depth is not fixed. */
function findRoot(from: string): string {
  let dir = from;
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, GRAMMAR)))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No package.json with ${GRAMMAR} above ${from}`);
    }
    dir = parent;
  }
  return dir;
}

const root = findRoot(__dirname);

/** Resolves a bin of vscode-tmgrammar-test from its own manifest, so a layout change there is not silent. */
function tool(bin: 'vscode-tmgrammar-test' | 'vscode-tmgrammar-snap'): string {
  const manifest = require.resolve('vscode-tmgrammar-test/package.json', { paths: [root] });
  const { bin: bins } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  const relative = bins[bin];
  assert.ok(relative, `vscode-tmgrammar-test has no ${bin} bin`);
  return join(dirname(manifest), relative);
}

function run(bin: Parameters<typeof tool>[0], args: readonly string[]): void {
  // The tools glob relative to the working directory, and they print their own diff.
  const result = spawnSync(process.execPath, [tool(bin), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  assert.equal(result.error, undefined);
  assert.equal(result.status, 0, `${bin} failed:\n${result.stdout}${result.stderr}`);
}

test('grammar scope name matches the manifest', () => {
  const grammar = JSON.parse(readFileSync(join(root, GRAMMAR), 'utf8')) as { scopeName?: string };
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: { scopeName?: string; path?: string }[] };
  };
  assert.equal(grammar.scopeName, SCOPE);
  const entry = manifest.contributes?.grammars?.find((g) => g.scopeName === SCOPE);
  assert.equal(entry?.path, `./${GRAMMAR}`);
});

test('scope assertions hold', () => {
  run('vscode-tmgrammar-test', ['-g', GRAMMAR, 'test/grammar/unit/*.test.routes']);
});

test('every fixture has a committed snapshot', () => {
  // The snapshot tool writes a missing .snap and passes, which would hide a forgotten snapshot in CI.
  const dir = join(root, 'test/grammar/fixtures');
  const fixtures = readdirSync(dir).filter((name) => name.endsWith('.routes'));
  assert.ok(fixtures.length > 0, 'no grammar fixtures');
  const missing = fixtures.filter((name) => !existsSync(join(dir, `${name}.snap`)));
  assert.deepEqual(missing, [], 'run `npm run test:grammar:update` and commit the .snap files');
});

test('snapshots match', () => {
  run('vscode-tmgrammar-snap', ['-s', SCOPE, '-g', GRAMMAR, 'test/grammar/fixtures/*.routes']);
});

// OpenVPN configs and logs share one grammar; its fixtures are `openvpn-*.ovpn` (logs too, so one glob covers them).
const OPENVPN_GRAMMAR = 'syntaxes/openvpn.tmLanguage.json';
const OPENVPN_SCOPE = 'source.openvpn';

test('openvpn grammar scope name matches the manifest', () => {
  const grammar = JSON.parse(readFileSync(join(root, OPENVPN_GRAMMAR), 'utf8')) as { scopeName?: string };
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: { scopeName?: string; path?: string; language?: string }[] };
  };
  assert.equal(grammar.scopeName, OPENVPN_SCOPE);
  const entry = manifest.contributes?.grammars?.find((g) => g.scopeName === OPENVPN_SCOPE);
  assert.equal(entry?.path, `./${OPENVPN_GRAMMAR}`);
  assert.equal(entry?.language, 'openvpn');
});

test('every openvpn fixture has a committed snapshot', () => {
  const dir = join(root, 'test/grammar/fixtures');
  const fixtures = readdirSync(dir).filter((name) => name.startsWith('openvpn-') && name.endsWith('.ovpn'));
  assert.ok(fixtures.length > 0, 'no openvpn grammar fixtures');
  assert.deepEqual(fixtures.filter((name) => !existsSync(join(dir, `${name}.snap`))), []);
});

test('openvpn snapshots match', () => {
  run('vscode-tmgrammar-snap', ['-s', OPENVPN_SCOPE, '-g', OPENVPN_GRAMMAR, 'test/grammar/fixtures/openvpn-*.ovpn']);
});

// WireGuard configs and `wg show` output share one grammar; its fixtures are `wireguard-*.conf`.
const WIREGUARD_GRAMMAR = 'syntaxes/wireguard.tmLanguage.json';
const WIREGUARD_SCOPE = 'source.wireguard';

test('wireguard grammar scope name matches the manifest', () => {
  const grammar = JSON.parse(readFileSync(join(root, WIREGUARD_GRAMMAR), 'utf8')) as { scopeName?: string };
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: { scopeName?: string; path?: string; language?: string }[] };
  };
  assert.equal(grammar.scopeName, WIREGUARD_SCOPE);
  const entry = manifest.contributes?.grammars?.find((g) => g.scopeName === WIREGUARD_SCOPE);
  assert.equal(entry?.path, `./${WIREGUARD_GRAMMAR}`);
  assert.equal(entry?.language, 'wireguard');
});

test('wireguard scope assertions hold', () => {
  run('vscode-tmgrammar-test', ['-g', WIREGUARD_GRAMMAR, 'test/grammar/unit/wireguard-*.test.conf']);
});

test('every wireguard fixture has a committed snapshot', () => {
  const dir = join(root, 'test/grammar/fixtures');
  const fixtures = readdirSync(dir).filter((name) => name.startsWith('wireguard-') && name.endsWith('.conf'));
  assert.ok(fixtures.length > 0, 'no wireguard grammar fixtures');
  assert.deepEqual(fixtures.filter((name) => !existsSync(join(dir, `${name}.snap`))), []);
});

test('wireguard snapshots match', () => {
  run('vscode-tmgrammar-snap', ['-s', WIREGUARD_SCOPE, '-g', WIREGUARD_GRAMMAR, 'test/grammar/fixtures/wireguard-*.conf']);
});
