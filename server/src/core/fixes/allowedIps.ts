import type { WgEntry, WgPeer } from '../configs/wireguard/model';
import { type Span, spanOnLine } from '../model';
import { parseAllowedIp, pieces } from '../configs/wireguard/values';
import { type Prefix, formatPrefix, prefixesOverlap } from '../net/prefix';
import { excludePrefixes } from './prefixSet';
import { type DocText, minimalEdit } from './text';
import type { TextEdit } from './types';

/** An AllowedIPs item as written, with its prefix when wg can read it. */
interface Item {
  readonly text: string;
  /** Columns in the line. */
  readonly start: number;
  readonly end: number;
  readonly prefix: Prefix | undefined;
}

/** What to write in place of an item (given its prefix and where it is): undefined keeps it, [] removes it. */
export type ItemRewrite = (prefix: Prefix, span: Span) => readonly string[] | undefined;

export function allowedEntries(peer: WgPeer): WgEntry[] {
  return peer.section.entries.filter((e) => e.name === 'AllowedIPs' && e.value !== '(none)');
}

function itemsOf(entry: WgEntry): Item[] {
  return pieces(entry, 'comma').map((piece) => {
    const parsed = parseAllowedIp(piece.text);
    return { text: piece.text, start: piece.span.col, end: piece.span.endCol, prefix: parsed.ok ? parsed.value.prefix : undefined };
  });
}

/** The separator the line already uses between items, `, ` when it has none. */
function separatorOf(line: string, items: readonly Item[]): string {
  const [a, b] = items;
  return a && b ? line.slice(a.end, b.start) : ', ';
}

/**
 * Rewrites the items of one AllowedIPs line and returns the smallest edit: untouched items, the spacing
 * between them and any comment stay as written. A line left with no item is removed when it has no comment.
 */
export function rewriteEntry(doc: DocText, entry: WgEntry, rewrite: ItemRewrite): { edit: TextEdit | undefined; remaining: number } {
  const line = doc.line(entry.line);
  const items = itemsOf(entry);
  const sep = separatorOf(line, items);
  const kept: string[] = [];
  let changed = false;
  items.forEach((item, i) => {
    const replacement = item.prefix ? rewrite(item.prefix, spanOnLine(entry.line, item.start, item.end)) : undefined;
    if (replacement === undefined) {
      // The original gap before the item, so untouched neighbours keep their spacing.
      const previous = items[i - 1];
      kept.push(kept.length === 0 ? item.text : `${previous ? line.slice(previous.end, item.start) : sep}${item.text}`);
      return;
    }
    changed = true;
    if (replacement.length > 0) kept.push(`${kept.length === 0 ? '' : sep}${replacement.join(sep)}`);
  });
  if (!changed) return { edit: undefined, remaining: items.length };
  const from = entry.valueSpan.col;
  const to = entry.valueSpan.endCol;
  const after = kept.join('');
  if (after === '' && !line.slice(to).includes('#')) return { edit: doc.deleteLines(entry.line, entry.line), remaining: 0 };
  return { edit: minimalEdit(entry.line, from, line.slice(from, to), after), remaining: kept.length };
}

/** Takes `exclude` out of every item of the peers that overlaps it; items outside stay as written. */
export function excludeFromPeers(doc: DocText, peers: readonly WgPeer[], exclude: readonly Prefix[], only?: (prefix: Prefix) => boolean): TextEdit[] {
  const rewrite: ItemRewrite = (prefix) => {
    if ((only && !only(prefix)) || !exclude.some((x) => prefixesOverlap(x, prefix))) return undefined;
    return excludePrefixes([prefix], exclude).map(formatPrefix);
  };
  const edits: TextEdit[] = [];
  for (const peer of peers) {
    for (const entry of allowedEntries(peer)) {
      const { edit } = rewriteEntry(doc, entry, rewrite);
      if (edit) edits.push(edit);
    }
  }
  return edits;
}

/** Adds prefixes to a peer's AllowedIPs: at the end of its last AllowedIPs line, or as a new line. */
export function addToPeer(doc: DocText, peer: WgPeer, texts: readonly string[]): TextEdit {
  const entry = allowedEntries(peer).at(-1);
  if (entry) {
    const line = doc.line(entry.line);
    const items = itemsOf(entry);
    const end = entry.valueSpan.endCol;
    const lead = entry.value === '' ? (line.charAt(end - 1) === '=' ? ' ' : '') : separatorOf(line, items);
    return { span: { line: entry.line, col: end, endLine: entry.line, endCol: end }, newText: `${lead}${texts.join(separatorOf(line, items))}` };
  }
  return doc.insertLineAfter(peer.section.span.endLine, `AllowedIPs = ${texts.join(', ')}`);
}
