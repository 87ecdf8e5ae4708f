// The one list of config families under test: every server/src/core/configs/<dir>/index.ts that exports one.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigFamily } from '../../server/src/core/configs/types';
import { repoRoot } from './repo';

/** A family and the directory it lives in; fixtures under test/fixtures/<dir> belong to it. */
export interface FamilyEntry {
  readonly dir: string;
  readonly family: ConfigFamily;
}

function isFamily(value: unknown): value is ConfigFamily {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.languageId === 'string' && typeof v.analyze === 'function' && typeof v.score === 'function';
}

let cache: Promise<readonly FamilyEntry[]> | undefined;

/**
 * Families are found at run time so a new directory is fuzzed without editing this file.
 * The template import lets esbuild bundle every configs/<dir>/index.ts that exists at build time.
 */
export function configFamilies(): Promise<readonly FamilyEntry[]> {
  cache ??= (async () => {
    const base = join(repoRoot(), 'server', 'src', 'core', 'configs');
    const entries: FamilyEntry[] = [];
    for (const dir of readdirSync(base, { withFileTypes: true })) {
      if (!dir.isDirectory() || !existsSync(join(base, dir.name, 'index.ts'))) continue;
      let mod: Record<string, unknown>;
      try {
        mod = (await import(`../../server/src/core/configs/${dir.name}/index.ts`)) as Record<string, unknown>;
      } catch (error) {
        // A directory created after the build is not in the bundle; the next build picks it up.
        if (error instanceof Error && /Could not resolve|Cannot find module/.test(error.message)) continue;
        throw error;
      }
      for (const value of Object.values(mod)) {
        if (isFamily(value)) entries.push({ dir: dir.name, family: value });
      }
    }
    return entries;
  })();
  return cache;
}
