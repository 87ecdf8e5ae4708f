import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RelatedFile, RelatedFiles } from './core/configs/types';
import type { OpenText } from './machineDump';

/** A file a config names is an options file or a profile: anything larger is not one, and is not read. */
export const MAX_RELATED_BYTES = 256 * 1024;
/** The most sibling profiles read from one folder. */
const MAX_SIBLINGS = 64;

export interface RelatedRead {
  readonly related: RelatedFiles | undefined;
  /** Changes whenever any file read (or found missing) may have changed. */
  readonly key: string;
}

/**
 * Reads the files a config names (xl2tpd's `pppoptfile`) and the sibling profiles of its folder, for the core.
 * Relative paths are taken from the config's folder; an absolute path that is missing there is also looked for
 * by its name next to the config, where copies of a machine's files usually sit. Results are cached by
 * modification time and size; a file open in the editor is read from there.
 */
export class RelatedFileReader {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; file: RelatedFile }>();

  constructor(private readonly openText: OpenText = () => undefined) {}

  read(configPath: string | undefined, references: readonly { readonly path: string }[], siblingPattern: RegExp | undefined): RelatedRead {
    const keys: string[] = [];
    let byPath: Map<string, RelatedFile> | undefined;
    if (references.length > 0) {
      byPath = new Map();
      for (const { path } of references) {
        if (path === '' || byPath.has(path)) continue;
        const found = this.reference(configPath, path, keys);
        if (found) byPath.set(path, found);
      }
    }
    const siblings = siblingPattern && configPath ? this.siblings(configPath, siblingPattern, keys) : undefined;
    if (!byPath && !siblings) return { related: undefined, key: '' };
    return { related: { ...(byPath ? { byPath } : {}), ...(siblings ? { siblings } : {}) }, key: keys.join('\n') };
  }

  private reference(configPath: string | undefined, written: string, keys: string[]): RelatedFile | undefined {
    const folder = configPath ? dirname(configPath) : undefined;
    const candidates = isAbsolute(written) ? [written, ...(folder ? [join(folder, basename(written))] : [])] : folder ? [join(folder, written)] : [];
    if (candidates.length === 0) return { problem: 'a relative path, and the config is not saved in a folder' };
    for (const path of candidates) {
      const file = this.load(path, keys);
      if (file) return file;
    }
    return undefined;
  }

  private siblings(configPath: string, pattern: RegExp, keys: string[]): { name: string; text: string }[] {
    let names: string[];
    try {
      names = readdirSync(dirname(configPath));
    } catch {
      return [];
    }
    const own = basename(configPath);
    const out: { name: string; text: string }[] = [];
    for (const name of names.filter((n) => n !== own && pattern.test(n)).sort().slice(0, MAX_SIBLINGS)) {
      const file = this.load(join(dirname(configPath), name), keys);
      if (file && 'text' in file) out.push({ name, text: file.text });
    }
    return out;
  }

  /** The file at `path`, or undefined when there is none. */
  private load(path: string, keys: string[]): RelatedFile | undefined {
    const open = this.openText(pathToFileURL(path).toString());
    if (open) {
      keys.push(`${path}@v${open.version}`);
      return open.text.length > MAX_RELATED_BYTES ? tooLarge() : { text: open.text };
    }
    let stat;
    try {
      stat = statSync(path);
    } catch {
      keys.push(`${path}@missing`);
      return undefined;
    }
    keys.push(`${path}@${stat.mtimeMs}:${stat.size}`);
    if (!stat.isFile()) return { problem: 'not a regular file' };
    if (stat.size > MAX_RELATED_BYTES) return tooLarge();
    const cached = this.cache.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.file;
    let file: RelatedFile;
    try {
      file = { text: readFileSync(path, 'utf8') };
    } catch (error) {
      file = { problem: `it could not be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
    }
    this.cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, file });
    return file;
  }
}

function tooLarge(): RelatedFile {
  return { problem: `larger than ${MAX_RELATED_BYTES / 1024} KiB, so not an options file` };
}
