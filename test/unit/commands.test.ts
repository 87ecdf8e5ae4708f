import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { CommandIds } from '../../client/src/commandIds';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string } };
  contributes: {
    commands: { command: string; title: string; category?: string; enablement?: string }[];
    menus: { commandPalette: { command: string; when?: string }[] };
  };
}

const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
const ids = Object.values(CommandIds).sort();

test('the manifest contributes exactly the commands the client registers, under one category', () => {
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), ids);
  for (const command of manifest.contributes.commands) assert.equal(command.category, 'Route Lens', command.command);
});

test('every command has a palette rule, and the no-op one is never shown', () => {
  const palette = new Map(manifest.contributes.menus.commandPalette.map((entry) => [entry.command, entry.when]));
  assert.deepEqual([...palette.keys()].sort(), ids);
  assert.equal(palette.get(CommandIds.noop), 'false');
});

test('capturing runs programs, so only a trusted workspace offers it', () => {
  const capture = manifest.contributes.commands.find((c) => c.command === CommandIds.captureRoutingTable);
  assert.equal(capture?.enablement, 'isWorkspaceTrusted');
  const palette = manifest.contributes.menus.commandPalette.find((entry) => entry.command === CommandIds.captureRoutingTable);
  assert.equal(palette?.when, 'isWorkspaceTrusted');
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.match(manifest.capabilities.untrustedWorkspaces.description ?? '', /Capture/);
});
