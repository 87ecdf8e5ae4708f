// Paths and fixture loading shared by the fuzz, linearity and secrets tests.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

/** The directory holding package.json, found from wherever the bundled test runs. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server'))) return dir;
    if (dirname(dir) !== dir) continue;
    // A bundle copied elsewhere still runs from the repository.
    if (existsSync(join(process.cwd(), 'server'))) return process.cwd();
    throw new Error(`No package.json above ${__dirname}`);
  }
}

/** One fixture file: its path relative to the repository and its text. */
export interface Seed {
  readonly name: string;
  readonly path: string;
  readonly text: string;
  /** The directory right under test/fixtures (`linux`, `wireguard`...), or `examples`. */
  readonly group: string;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

let cache: readonly Seed[] | undefined;

/** Every file under test/fixtures and examples, READMEs included: any text must be safe to analyse. */
export function allSeeds(): readonly Seed[] {
  if (cache) return cache;
  const root = repoRoot();
  const seeds: Seed[] = [];
  for (const top of ['test/fixtures', 'examples']) {
    const base = join(root, top);
    if (!existsSync(base)) continue;
    for (const path of walk(base)) {
      const rel = relative(root, path);
      const group = top === 'examples' ? 'examples' : (relative(base, path).split(/[/\\]/)[0] ?? '');
      seeds.push({ name: rel, path, text: readFileSync(path, 'utf8'), group });
    }
  }
  cache = seeds;
  return seeds;
}

/** Route-table dumps sit in config directories too (`routes.txt`, `*.routes`). */
export function isRouteDump(seed: Seed): boolean {
  return /\.routes$/.test(seed.path) || /^routes/.test(basename(seed.path));
}
