import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { CommandIds } from '../../client/src/commandIds';
import { ROUTE_LENS_LANGUAGES } from '../../client/src/languages';
import { CONFIG_FAMILIES } from '../../server/src/core/configs/registry';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

interface MenuEntry { command: string; when?: string; group?: string }
const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuEntry[]> };
};

/** Evaluates the one `editorLangId =~ /.../` clause the command's menus use. */
function shownFor(entry: MenuEntry | undefined, languageId: string): boolean {
  const match = /^editorLangId =~ \/(.+)\/$/.exec(entry?.when ?? '');
  assert.ok(match?.[1], `unexpected when clause: ${entry?.when ?? '(none)'}`);
  return new RegExp(match[1]).test(languageId);
}

test('Simulate Connecting is offered in the palette, editor title and context menu for every VPN config language that brings a tunnel up', () => {
  const simulating = CONFIG_FAMILIES.map((f) => f.languageId).filter((id) => id !== 'ppp-secrets');
  for (const menu of ['commandPalette', 'editor/title', 'editor/context']) {
    const entry = manifest.contributes.menus[menu]?.find((e) => e.command === CommandIds.simulateConnecting);
    for (const id of simulating) assert.ok(shownFor(entry, id), `${menu}: ${id}`);
    for (const id of ['route-table', 'ppp-secrets', 'plaintext']) assert.ok(!shownFor(entry, id), `${menu}: ${id}`);
  }
  // The client's languages are the ones whose menus it wires.
  for (const id of simulating) assert.ok(ROUTE_LENS_LANGUAGES.includes(id), id);
});
