import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/** What the VSIX ships; the e2e test checks the built package against the same list. */
const SHIPPED = [
  'dist/extension.js',
  'dist/languageClient.js',
  'dist/server.js',
  'dist/cli.js',
  'syntaxes/**',
  'language-configuration/**',
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'images/icon.png',
];

test('.vscodeignore denies everything first, then allows exactly what ships', () => {
  const root = repoRoot();
  const patterns = readFileSync(join(root, '.vscodeignore'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  assert.equal(patterns[0], '**');
  const allowed = patterns.slice(1);
  assert.ok(allowed.every((pattern) => pattern.startsWith('!')), `only allow entries after "**": ${allowed.join(' ')}`);
  assert.deepEqual(allowed.map((pattern) => pattern.slice(1)).sort(), [...SHIPPED].sort());
  for (const entry of SHIPPED) {
    assert.ok(existsSync(join(root, entry.replace(/\/\*\*$/, ''))) || entry.startsWith('dist/'), `${entry} exists`);
  }
});
