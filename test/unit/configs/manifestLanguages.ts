// The config languages as package.json contributes them, and how VS Code matches their file names.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../fuzz/repo';

export interface Language {
  id: string;
  extensions?: string[];
  filenames?: string[];
  filenamePatterns?: string[];
  firstLine?: string;
  configuration?: string;
}

const root = repoRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { languages: Language[]; grammars: { language?: string; scopeName: string; path: string }[] };
};

export function languageOf(id: string): Language | undefined {
  return manifest.contributes.languages.find((l) => l.id === id);
}

/** The language's configuration file and its grammar exist, and the grammar has `scopeName`. */
export function assertConfigurationAndGrammar(language: Language | undefined, scopeName: string): void {
  assert.ok(language?.configuration && existsSync(join(root, language.configuration)));
  const grammar = manifest.contributes.grammars.find((g) => g.language === language.id);
  assert.equal(grammar?.scopeName, scopeName);
  assert.ok(grammar && existsSync(join(root, grammar.path)));
}

/** A small glob matcher for the manifest's patterns: `**` spans folders, `*` stays inside one. */
export function globMatch(pattern: string, path: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*' && pattern.charAt(i + 1) === '*') {
      source += '(?:.*/)?';
      i += pattern.charAt(i + 2) === '/' ? 2 : 1;
    } else if (c === '*') {
      source += '[^/]*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  // VS Code matches a pattern without a slash against the file name alone.
  const subject = pattern.includes('/') ? path : path.slice(path.lastIndexOf('/') + 1);
  return new RegExp(`^${source}$`).test(subject);
}

/** Whether the language claims `path` by its file name or one of its patterns. */
export function claims(language: Language | undefined, path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (language?.filenames ?? []).includes(name) || (language?.filenamePatterns ?? []).some((p) => globMatch(p, path));
}
