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

// strongSwan's ipsec.conf, swanctl.conf and ipsec.secrets share one grammar; its fixtures are `strongswan-*.conf`.
const STRONGSWAN_GRAMMAR = 'syntaxes/strongswan.tmLanguage.json';
const STRONGSWAN_SCOPE = 'source.strongswan';

test('strongswan grammar scope name matches the manifest', () => {
  const grammar = JSON.parse(readFileSync(join(root, STRONGSWAN_GRAMMAR), 'utf8')) as { scopeName?: string };
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: { scopeName?: string; path?: string; language?: string }[] };
  };
  assert.equal(grammar.scopeName, STRONGSWAN_SCOPE);
  const entry = manifest.contributes?.grammars?.find((g) => g.scopeName === STRONGSWAN_SCOPE);
  assert.equal(entry?.path, `./${STRONGSWAN_GRAMMAR}`);
  assert.equal(entry?.language, 'strongswan');
});

test('every strongswan fixture has a committed snapshot', () => {
  const dir = join(root, 'test/grammar/fixtures');
  const fixtures = readdirSync(dir).filter((name) => name.startsWith('strongswan-') && name.endsWith('.conf'));
  assert.ok(fixtures.length > 0, 'no strongswan grammar fixtures');
  assert.deepEqual(fixtures.filter((name) => !existsSync(join(dir, `${name}.snap`))), []);
});

test('strongswan snapshots match', () => {
  run('vscode-tmgrammar-snap', ['-s', STRONGSWAN_SCOPE, '-g', STRONGSWAN_GRAMMAR, 'test/grammar/fixtures/strongswan-*.conf']);
});

// NetworkManager keyfiles; its fixtures are `networkmanager-*.nmconnection`.
const NM_GRAMMAR = 'syntaxes/networkmanager.tmLanguage.json';
const NM_SCOPE = 'source.networkmanager';

test('networkmanager grammar scope name matches the manifest', () => {
  const grammar = JSON.parse(readFileSync(join(root, NM_GRAMMAR), 'utf8')) as { scopeName?: string };
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: { scopeName?: string; path?: string; language?: string }[] };
  };
  assert.equal(grammar.scopeName, NM_SCOPE);
  const entry = manifest.contributes?.grammars?.find((g) => g.scopeName === NM_SCOPE);
  assert.equal(entry?.path, `./${NM_GRAMMAR}`);
  assert.equal(entry?.language, 'networkmanager');
});

test('every networkmanager fixture has a committed snapshot', () => {
  const dir = join(root, 'test/grammar/fixtures');
  const fixtures = readdirSync(dir).filter((name) => name.startsWith('networkmanager-') && name.endsWith('.nmconnection'));
  assert.ok(fixtures.length > 0, 'no networkmanager grammar fixtures');
  assert.deepEqual(fixtures.filter((name) => !existsSync(join(dir, `${name}.snap`))), []);
});

test('networkmanager snapshots match', () => {
  run('vscode-tmgrammar-snap', ['-s', NM_SCOPE, '-g', NM_GRAMMAR, 'test/grammar/fixtures/networkmanager-*.nmconnection']);
});

// xl2tpd.conf, pppd options files and pppd secrets files are three languages with one grammar each; their fixtures
// are `l2tp-xl2tpd-*.conf`, `l2tp-ppp-*.options` and `l2tp-secrets-*.secrets` (`l2tp-*.routes` are route tables).
for (const { language, grammar, scope, fixtures, snapshots, units } of [
  { language: 'xl2tpd', grammar: 'syntaxes/xl2tpd.tmLanguage.json', scope: 'source.xl2tpd', fixtures: /^l2tp-xl2tpd-.*\.conf$/, snapshots: 'test/grammar/fixtures/l2tp-xl2tpd-*.conf', units: 'test/grammar/unit/l2tp-xl2tpd.test.conf' },
  { language: 'ppp-options', grammar: 'syntaxes/ppp-options.tmLanguage.json', scope: 'source.ppp-options', fixtures: /^l2tp-ppp-.*\.options$/, snapshots: 'test/grammar/fixtures/l2tp-ppp-*.options', units: 'test/grammar/unit/l2tp-ppp.test.options' },
  { language: 'ppp-secrets', grammar: 'syntaxes/ppp-secrets.tmLanguage.json', scope: 'source.ppp-secrets', fixtures: /^l2tp-secrets-.*\.secrets$/, snapshots: 'test/grammar/fixtures/l2tp-secrets-*.secrets', units: 'test/grammar/unit/l2tp-secrets.test.secrets' },
]) {
  test(`${language} grammar scope name matches the manifest`, () => {
    const parsed = JSON.parse(readFileSync(join(root, grammar), 'utf8')) as { scopeName?: string };
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes?: { grammars?: { scopeName?: string; path?: string; language?: string }[] };
    };
    assert.equal(parsed.scopeName, scope);
    const entry = manifest.contributes?.grammars?.find((g) => g.scopeName === scope);
    assert.equal(entry?.path, `./${grammar}`);
    assert.equal(entry?.language, language);
  });

  test(`${language} scope assertions hold`, () => {
    run('vscode-tmgrammar-test', ['-g', grammar, units]);
  });

  test(`every ${language} fixture has a committed snapshot`, () => {
    const dir = join(root, 'test/grammar/fixtures');
    const names = readdirSync(dir).filter((name) => fixtures.test(name));
    assert.ok(names.length > 0, `no ${language} grammar fixtures`);
    assert.deepEqual(names.filter((name) => !existsSync(join(dir, `${name}.snap`))), []);
  });

  test(`${language} snapshots match`, () => {
    run('vscode-tmgrammar-snap', ['-s', scope, '-g', grammar, snapshots]);
  });
}
