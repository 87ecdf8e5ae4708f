import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/core/rules';
import { FAMILY_TITLES, RULE_CATALOGUE } from '../../server/src/core/ruleCatalogue';
import { ruleDocUrl } from '../../server/src/ruleDocs';

/** The repository root; bundled tests run from out/test/unit, so walk up rather than assume a depth. */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const root = findRoot(__dirname);
const rulesDir = join(root, 'docs', 'rules');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

const CODE = "'([a-z][a-z0-9]*(?:-[a-z0-9]+)+)'";
const CONSTANT = '([A-Z][A-Z0-9_]+)';
// Every way the sources hand a finding its code: makeFinding('code', ...), `code: 'code'` in rules and
// parser problems, and either of those through a constant declared as `const NAME = 'code'`.
const LITERAL_PATTERNS = [new RegExp(`makeFinding\\(\\s*${CODE}`, 'g'), new RegExp(`\\bcode:\\s*${CODE}`, 'g')];
const CONSTANT_PATTERNS = [new RegExp(`makeFinding\\(\\s*${CONSTANT}\\b`, 'g'), new RegExp(`\\bcode:\\s*${CONSTANT}\\b`, 'g')];
const DECLARATION = new RegExp(`\\bconst ${CONSTANT}\\s*=\\s*${CODE}`, 'g');

/** Every finding code the server's sources can emit, with a file that emits it. */
function emittedCodes(): Map<string, string> {
  const files = sourceFiles(join(root, 'server', 'src'));
  const texts = files.map((file) => ({ file: relative(root, file), text: readFileSync(file, 'utf8') }));
  const constants = new Map<string, string>();
  for (const { text } of texts) for (const m of text.matchAll(DECLARATION)) constants.set(m[1] as string, m[2] as string);
  const codes = new Map<string, string>();
  for (const { file, text } of texts) {
    for (const pattern of LITERAL_PATTERNS) for (const m of text.matchAll(pattern)) codes.set(m[1] as string, file);
    for (const pattern of CONSTANT_PATTERNS) {
      for (const m of text.matchAll(pattern)) {
        const code = constants.get(m[1] as string);
        assert.ok(code, `${file}: ${m[1]} is used as a finding code but no \`const ${m[1]} = '...'\` declares it`);
        codes.set(code, file);
      }
    }
  }
  return codes;
}

describe('rule catalogue', () => {
  const catalogued = new Set(RULE_CATALOGUE.map((entry) => entry.code));

  test('codes are unique and written as kebab-case words', () => {
    assert.equal(catalogued.size, RULE_CATALOGUE.length);
    for (const code of catalogued) assert.match(code, /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
  });

  test('the scan finds the codes it should, so an empty scan cannot pass', () => {
    const emitted = emittedCodes();
    for (const code of ['shadowed-route', 'parse-error', 'too-many-findings', 'invalid-suppression', 'ipv6-leak', 'lns-host-route']) {
      assert.ok(emitted.has(code), code);
    }
  });

  test('every code the sources emit is catalogued', () => {
    const missing = [...emittedCodes()].filter(([code]) => !catalogued.has(code)).map(([code, file]) => `${code} (${file})`);
    assert.deepEqual(missing, [], 'add a line to RULE_CATALOGUE in server/src/core/ruleCatalogue.ts and a page under docs/rules/');
  });

  test('every catalogued code is still emitted somewhere', () => {
    const emitted = emittedCodes();
    assert.deepEqual([...catalogued].filter((code) => !emitted.has(code)), []);
  });

  test('every route rule is catalogued', () => {
    for (const rule of RULES) assert.ok(catalogued.has(rule.code), rule.code);
  });

  test('titles are short phrases and families are known', () => {
    for (const entry of RULE_CATALOGUE) {
      assert.ok(entry.title.length > 0 && entry.title.length <= 80 && !entry.title.endsWith('.'), entry.code);
      assert.ok(entry.families.length > 0, entry.code);
      for (const family of entry.families) assert.ok(family in FAMILY_TITLES, `${entry.code}: ${family}`);
    }
  });
});

describe('rule pages', () => {
  test('every catalogued code has docs/rules/<code>.md with a title, severity, what and how to fix', () => {
    for (const { code } of RULE_CATALOGUE) {
      const path = join(rulesDir, `${code}.md`);
      assert.ok(existsSync(path), `docs/rules/${code}.md is missing`);
      const page = readFileSync(path, 'utf8');
      assert.ok(page.startsWith(`# ${code}\n`), `${code}.md starts with its code as the title`);
      assert.match(page, /^\*\*Severity:\*\* /m, `${code}.md states its severity`);
      assert.match(page, /^## What$/m, `${code}.md says what it finds`);
      assert.match(page, /^## How to fix$/m, `${code}.md says how to fix it`);
    }
  });

  test('every page is a catalogued code', () => {
    const pages = readdirSync(rulesDir).filter((name) => name.endsWith('.md') && name !== 'README.md');
    const catalogued = new Set(RULE_CATALOGUE.map((entry) => entry.code));
    assert.deepEqual(pages.map((name) => name.slice(0, -3)).filter((code) => !catalogued.has(code)), []);
  });

  test('the index links every code under each of its families', () => {
    const index = readFileSync(join(rulesDir, 'README.md'), 'utf8');
    const sections = new Map<string, string>();
    for (const part of index.split(/^## /m).slice(1)) sections.set(part.slice(0, part.indexOf('\n')).trim(), part);
    for (const entry of RULE_CATALOGUE) {
      for (const family of entry.families) {
        const section = sections.get(FAMILY_TITLES[family]);
        assert.ok(section, `the index has no "## ${FAMILY_TITLES[family]}" section`);
        assert.ok(section.includes(`[\`${entry.code}\`](${entry.code}.md)`), `${entry.code} is not listed under ${FAMILY_TITLES[family]}`);
      }
    }
  });

  test('links point at the page in the repository named by package.json', () => {
    assert.equal(ruleDocUrl('shadowed-route'), 'https://github.com/route-lens/route-lens/blob/main/docs/rules/shadowed-route.md');
    assert.equal(ruleDocUrl('no-such-code'), undefined);
  });
});
