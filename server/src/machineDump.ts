import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Analysis, analyze } from './core/analyze';
import { RULES } from './core/rules';
import { filePathOf } from './fileUri';

/** The dump that describes the machine a config will run on, and what to call it in messages. */
export interface MachineDump {
  readonly analysis: Analysis;
  readonly name: string;
  readonly uri: string;
  /** Changes whenever the dump's text may have changed: its editor version or its file's mtime. */
  readonly key: string;
}

/** A dump larger than this is not read from disk for a config's predictions. */
const MAX_DUMP_BYTES = 8 * 1024 * 1024;
/** `# route-lens: dump=routes.txt` (or with `;`) in the first lines of a config names its dump. */
const DUMP_COMMENT = /^\s*[#;]\s*route-lens:\s*dump\s*=\s*(\S.*?)\s*$/;
const COMMENT_LINES = 30;
/** Files in the config's folder that look like a saved routing table. */
const DUMP_NAMES = [/\.routes$/i, /(?:^|[-_.])(?:routes?|routing|ip-?route|route-?print|netstat)(?:[-_.][^/\\]*)?\.(?:txt|log)$/i];

/** A text Route Lens already holds open, with its version; undefined sends the lookup to the disk. */
export type OpenText = (uri: string) => { readonly text: string; readonly version: number } | undefined;

/**
 * Finds the machine's dump for a config: a comment in the config names it, else the `routeLens.machineDump`
 * setting, else a route dump in the same folder. Results are cached by path and modification time.
 */
export class MachineDumps {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; dump: MachineDump | undefined }>();
  private readonly open = new Map<string, { version: number; dump: MachineDump | undefined }>();
  /** Dump-like names per folder, read again only when the folder's mtime moves (a file added, removed or renamed). */
  private readonly listings = new Map<string, { mtimeMs: number; names: readonly string[] }>();

  /** `openText` is public so other readers of files next to a config see the editor's texts too. */
  constructor(readonly openText: OpenText) {}

  find(configUri: string, configText: string, configured: string | undefined): MachineDump | undefined {
    const configPath = filePathOf(configUri);
    const folder = configPath ? dirname(configPath) : undefined;
    const named = commentDump(configText) ?? (configured && configured.trim() !== '' ? configured.trim() : undefined);
    if (named) {
      const path = isAbsolute(named) ? named : folder ? join(folder, named) : undefined;
      return path ? this.load(path) : undefined;
    }
    if (!folder) return undefined;
    for (const path of candidates(folder, this.dumpNames(folder), configPath)) {
      const dump = this.load(path);
      if (dump) return dump;
    }
    return undefined;
  }

  private dumpNames(folder: string): readonly string[] {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(folder).mtimeMs;
    } catch {
      return [];
    }
    const cached = this.listings.get(folder);
    if (cached?.mtimeMs === mtimeMs) return cached.names;
    let names: readonly string[];
    try {
      names = readdirSync(folder).filter((name) => DUMP_NAMES.some((pattern) => pattern.test(name)));
    } catch {
      names = [];
    }
    this.listings.set(folder, { mtimeMs, names });
    return names;
  }

  private load(path: string): MachineDump | undefined {
    const uri = pathToFileURL(path).toString();
    const open = this.openText(uri);
    if (open !== undefined) {
      // An open dump is read from the editor, so unsaved edits count; one analysis per version.
      const seen = this.open.get(uri);
      if (seen?.version === open.version) return seen.dump;
      const dump = toDump(open.text, path, uri, `${uri}@v${open.version}`);
      this.open.set(uri, { version: open.version, dump });
      return dump;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return undefined;
    }
    if (!stat.isFile() || stat.size > MAX_DUMP_BYTES) return undefined;
    const cached = this.cache.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.dump;
    let dump: MachineDump | undefined;
    try {
      dump = toDump(readFileSync(path, 'utf8'), path, uri, `${uri}@${stat.mtimeMs}:${stat.size}`);
    } catch {
      dump = undefined;
    }
    this.cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, dump });
    return dump;
  }
}

function toDump(text: string, path: string, uri: string, key: string): MachineDump | undefined {
  // Predictions need only the tables; the dump's own findings are its own document's business.
  const analysis = analyze(text, { disabledRules: RULES.map((r) => r.code) });
  return analysis.document.routes.length > 0 ? { analysis, name: basename(path), uri, key } : undefined;
}

function commentDump(text: string): string | undefined {
  let start = 0;
  for (let i = 0; i < COMMENT_LINES && start < text.length; i++) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    const match = DUMP_COMMENT.exec(line);
    if (match?.[1]) return match[1];
    if (end < 0) break;
    start = end + 1;
  }
  return undefined;
}

function candidates(folder: string, names: readonly string[], exclude: string | undefined): string[] {
  return [...names]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((name) => join(folder, name))
    .filter((path) => path !== exclude);
}

/** `.routes` files first: they are route tables by name. */
function rank(name: string): number {
  return /\.routes$/i.test(name) ? 0 : 1;
}
