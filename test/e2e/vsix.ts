import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** Everything inside a VSIX must sit under one of these; .vscodeignore allows the same list. */
export const VSIX_ALLOWED = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/images/icon.png',
  'extension/dist/extension.js',
  'extension/dist/languageClient.js',
  'extension/dist/server.js',
  'extension/dist/cli.js',
  'extension/syntaxes/',
  'extension/language-configuration/',
];

/** Builds the VSIX the way `npm run package` does, into `out`. */
export async function packageVsix(root: string, out: string): Promise<void> {
  const vscePackage = require.resolve('@vscode/vsce/package.json', { paths: [root] });
  const bin = (JSON.parse(readFileSync(vscePackage, 'utf8')) as { bin: Record<string, string> }).bin['vsce'];
  if (!bin) throw new Error('@vscode/vsce has no vsce bin');
  await promisify(execFile)(process.execPath, [join(dirname(vscePackage), bin), 'package', '--no-dependencies', '--out', out], {
    cwd: root,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The entry names of a zip file, read from its central directory (a VSIX is a zip). */
export function zipEntries(zip: Buffer): string[] {
  const endSignature = 0x06054b50;
  let end = -1;
  // The end record is 22 bytes plus a comment of at most 64 KiB, so it sits near the end.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === endSignature) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry at ${offset}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
