import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type Position, type Range, TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { splitLines } from '../../server/src/core/formats/tokens';
import { type Chunking, TextStore, linesOf, textLength } from '../../server/src/textStore';

/** Tiny chunks, so a few lines of text already cross many chunk boundaries. */
const TINY: Chunking = { lines: 3, chars: 8 };

/** Text made of the pieces that matter: every kind of line break, and a surrogate pair. */
const piece = fc.constantFrom('a', 'bc', ' ', '\n', '\r', '\r\n', '\u{1F600}', 'route', '\n\n', '\r\r');
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 25 }), character: fc.integer({ min: -1, max: 12 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);
/** One update of one or more changes, applied in order as the protocol says. */
const update = fc.array(change, { minLength: 1, maxLength: 3 });

function assertSame(store: TextStore, reference: TextDocument, ranges: readonly Range[]): void {
  const content = reference.getText();
  assert.equal(store.getText(), content);
  assert.equal(store.lineCount, reference.lineCount);
  assert.equal(store.version, reference.version);
  assert.equal(textLength(store), content.length);
  assert.deepEqual(store.lines(), splitLines(content));
  assert.deepEqual(linesOf(store), splitLines(content));
  for (let offset = -1; offset <= content.length + 1; offset++) {
    assert.deepEqual(store.positionAt(offset), reference.positionAt(offset), `positionAt(${offset})`);
  }
  for (let line = -1; line <= reference.lineCount; line++) {
    assert.equal(store.lineAt(line), splitLines(content)[line] ?? '', `lineAt(${line})`);
    assert.deepEqual(store.getLineRange(line), reference.getLineRange(line), `getLineRange(${line})`);
    assert.equal(store.getEOLCharacters(line), reference.getEOLCharacters(line), `getEOLCharacters(${line})`);
    for (let character = -1; character <= 12; character++) {
      const at: Position = { line, character };
      assert.equal(store.offsetAt(at), reference.offsetAt(at), `offsetAt(${line}:${character})`);
    }
  }
  for (const range of ranges) assert.equal(store.getText(range), reference.getText(range), `getText(${JSON.stringify(range)})`);
}

describe('text store', () => {
  test('answers as TextDocument does after random edits with CRLF, lone CR and surrogate pairs', () => {
    fc.assert(fc.property(text, fc.array(update, { maxLength: 8 }), fc.array(fc.record({ start: position, end: position }), { maxLength: 6 }),
      fc.boolean(), (initial, updates, ranges, tiny) => {
        const store = new TextStore('file:///t.routes', 'route-table', 1, initial, tiny ? TINY : undefined);
        let reference = TextDocument.create('file:///t.routes', 'route-table', 1, initial);
        assertSame(store, reference, ranges);
        let version = 1;
        for (const changes of updates) {
          version++;
          store.update(changes, version);
          // TextDocument keeps its line index wrong after a range past the last line, though its text is right:
          // the reference is made anew from its text after each change.
          for (const one of changes) {
            TextDocument.update(reference, [one], version);
            reference = TextDocument.create(reference.uri, reference.languageId, version, reference.getText());
          }
          assertSame(store, reference, ranges);
        }
      }), { numRuns: 400 });
  });

  test('names every changed line since an earlier version, and keeps the rest with their line breaks', () => {
    fc.assert(fc.property(text, fc.array(update, { minLength: 1, maxLength: 6 }), fc.nat(), (initial, updates, pick) => {
      const store = new TextStore('file:///t.routes', 'route-table', 1, initial, TINY);
      const versions: { version: number; lines: string[]; eols: string[] }[] = [];
      const snapshot = (version: number): void => {
        const lines = store.lines();
        versions.push({ version, lines, eols: lines.map((_, i) => store.getEOLCharacters(i)) });
      };
      snapshot(1);
      updates.forEach((changes, i) => {
        store.update(changes, i + 2);
        snapshot(i + 2);
      });
      const since = versions[pick % versions.length];
      assert.ok(since);
      const changed = store.changedLinesSince(since.version);
      if (updates.slice(since.version - 1).some((changes) => changes.some((c) => !('range' in c)))) {
        assert.equal(changed, undefined, 'a whole new text says nothing about the lines');
        return;
      }
      assert.ok(changed, `changed lines since version ${since.version}`);
      const now = versions[versions.length - 1];
      assert.ok(now);
      assert.ok(changed.from <= changed.oldTo && changed.from <= changed.newTo);
      assert.equal(since.lines.length - changed.oldTo, now.lines.length - changed.newTo);
      for (let i = 0; i < changed.from; i++) {
        assert.equal(now.lines[i], since.lines[i]);
        assert.equal(now.eols[i], since.eols[i]);
      }
      for (let i = 0; changed.oldTo + i < since.lines.length; i++) {
        assert.equal(now.lines[changed.newTo + i], since.lines[changed.oldTo + i]);
        assert.equal(now.eols[changed.newTo + i], since.eols[changed.oldTo + i]);
      }
    }), { numRuns: 400 });
  });

  test('forgets the line changes past a whole-text change and before versions it never saw', () => {
    const store = new TextStore('file:///t.routes', 'route-table', 1, 'a\nb\nc\n');
    store.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'B' }], 2);
    assert.deepEqual(store.changedLinesSince(1), { from: 0, oldTo: 3, newTo: 3 });
    assert.deepEqual(store.changedLinesSince(2), { from: 0, oldTo: 0, newTo: 0 });
    assert.equal(store.changedLinesSince(7), undefined);
    store.update([{ text: 'x\ny' }], 3);
    assert.equal(store.changedLinesSince(2), undefined);
    assert.equal(store.getText(), 'x\ny');
  });

  test('an edit in the middle of a large document names a few lines only', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `10.${i >> 8 & 255}.${i & 255}.0/24 via 192.0.2.1 dev eth0 metric 100`);
    const store = new TextStore('file:///big.routes', 'route-table', 1, lines.join('\n'));
    store.update([{ range: { start: { line: 50_000, character: 0 }, end: { line: 50_000, character: 2 } }, text: '11' }], 2);
    const changed = store.changedLinesSince(1);
    assert.deepEqual(changed, { from: 49_999, oldTo: 50_002, newTo: 50_002 });
    assert.equal(store.lineAt(50_000), `11${lines[50_000]?.slice(2)}`);
    assert.equal(store.offsetAt({ line: 99_999, character: 0 }), lines.slice(0, 99_999).join('\n').length + 1);
    assert.equal(store.flatText(), [...lines.slice(0, 50_000), store.lineAt(50_000), ...lines.slice(50_001)].join('\n'));
  });
});
