import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeDocument } from '../../../server/src/core/analyzeDocument';
import { dumpOf, fixtures, read } from './simulateHelpers';

const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  wireguard: ['wireguard/routes.txt'],
  openvpn: ['openvpn/home-laptop.routes'],
  strongswan: ['strongswan/routes.txt'],
  l2tp: ['l2tp/routes.txt', 'l2tp/routes-pinned.txt', 'l2tp/routes-no-default.txt'],
  networkmanager: ['networkmanager/routes.txt'],
};

/** Findings about what a dump lacks have no line to point at. */
const ABSENCE = /has no default route/;

test('every finding that a dump brings names the line of the dump it rests on', () => {
  let checked = 0;
  for (const [family, dumps] of Object.entries(FAMILIES)) {
    for (const name of readdirSync(join(fixtures, family)).filter((n) => n !== 'README.md' && !/routes/.test(n))) {
      const text = read(`${family}/${name}`);
      const without = new Set(analyzeDocument(text, { fileName: name }).findings.map((f) => `${f.code}|${f.message}`));
      for (const dump of dumps) {
        const dumpName = dump.replace(/^.*\//, '');
        for (const f of analyzeDocument(text, { fileName: name, dump: dumpOf(dump), dumpName }).findings) {
          if (without.has(`${f.code}|${f.message}`) || ABSENCE.test(f.message)) continue;
          checked++;
          assert.match(f.message, new RegExp(`line \\d+ of ${dumpName.replace(/\./g, '\\.')}`), `${family}/${name} with ${dumpName}: ${f.code}`);
        }
      }
    }
  }
  assert.ok(checked >= 30, `only ${checked} findings depend on a dump`);
});
