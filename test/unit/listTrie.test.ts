import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAddress } from '../../server/src/core/net/address';
import { type Prefix, formatPrefix, parsePrefix } from '../../server/src/core/net/prefix';
import { ListTrie } from '../../server/src/core/listTrie';
import { PrefixTrie } from '../../server/src/core/trie';
import { type TrieArena, type TrieNodeView, nodeView } from '../../server/src/core/trieArena';
import { table } from './helpers';

interface Item {
  readonly name: string;
  readonly metric: number;
}

const p = (text: string): Prefix => parsePrefix(text)!.prefix;
const byMetric = (a: Item, b: Item): number => a.metric - b.metric;
const item = (name: string, metric = 0): Item => ({ name, metric });
const names = (list: readonly Item[] | undefined): string[] | undefined => list?.map((i) => i.name);

function build(items: [string, Item][]): ListTrie<Item> {
  const trie = new ListTrie<Item>(items[0]?.[0].includes(':') ? 6 : 4);
  for (const [prefix, it] of items) trie.add(p(prefix), it, byMetric);
  return trie;
}

/** What a fresh build would hold: the same list, added in list order. */
function inserted(list: Item[] | undefined, it: Item): Item[] {
  const out = [...(list ?? [])];
  let i = out.length;
  while (i > 0 && byMetric(out[i - 1] as Item, it) > 0) i--;
  out.splice(i, 0, it);
  return out;
}

function removed(list: Item[] | undefined, it: Item): Item[] | undefined {
  const rest = list?.filter((x) => x !== it);
  return rest && rest.length > 0 ? rest : undefined;
}

/** The nodes of a trie with their form, their keys cut to their lengths and what each holds, lone item or list. */
function shape(trie: PrefixTrie<Item[]>): string {
  const nodeText = (n: TrieNodeView | undefined): string => {
    if (!n) return '-';
    const key = formatPrefix({ family: trie.family, words: n.words.map((w, i) => maskWord(w, n.len - i * 32)), len: n.len });
    const held = n.held === undefined ? '' : Array.isArray(n.held) ? `[${names(n.held as Item[])?.join(',')}]` : (n.held as Item).name;
    return `(${key}=${held} ${nodeText(n.zero)} ${nodeText(n.one)})`;
  };
  const inside = trie as unknown as { arena: TrieArena; root: number };
  return nodeText(nodeView(inside.arena, inside.root));
}

function maskWord(word: number, bits: number): number {
  if (bits <= 0) return 0;
  return bits >= 32 ? word : (word & (0xffffffff << (32 - bits))) >>> 0;
}

describe('ListTrie', () => {
  test('a lone item is held without a list and read as one', () => {
    const a = item('a');
    const trie = build([['10.0.0.0/8', a]]);
    assert.match(shape(trie), /10\.0\.0\.0\/8=a /);
    assert.deepEqual(trie.get(p('10.0.0.0/8')), [a]);
    assert.deepEqual([...trie.entries()].map((e) => e.value), [[a]]);
    assert.equal(trie.size, 1);
  });

  test('second and third items make a list ordered by metric, stable among equals', () => {
    const [a, b, c, d] = [item('a', 10), item('b', 5), item('c', 10), item('d', 5)];
    const trie = build([['10.0.0.0/8', a], ['10.0.0.0/8', b]]);
    assert.deepEqual(names(trie.get(p('10.0.0.0/8'))), ['b', 'a']);
    trie.add(p('10.0.0.0/8'), c, byMetric);
    assert.deepEqual(names(trie.get(p('10.0.0.0/8'))), ['b', 'a', 'c']);
    trie.add(p('10.0.0.0/8'), d, byMetric);
    assert.deepEqual(names(trie.get(p('10.0.0.0/8'))), ['b', 'd', 'a', 'c']);
    assert.equal(trie.size, 1);
    const equals = build([['10.0.0.0/8', item('x', 1)], ['10.0.0.0/8', item('y', 1)], ['10.0.0.0/8', item('z', 1)]]);
    assert.deepEqual(names(equals.get(p('10.0.0.0/8'))), ['x', 'y', 'z']);
  });

  test('every reader sees lists, lone items and lists alike', () => {
    const [a, b, c, d] = [item('a'), item('b'), item('c', 1), item('d')];
    const trie = build([['0.0.0.0/0', a], ['10.0.0.0/8', b], ['10.0.0.0/8', c], ['10.1.0.0/16', d]]);
    const seen: string[][] = [];
    const address = parseAddress('10.1.2.3')!;
    assert.deepEqual(trie.matches(address).map((e) => names(e.value)), [['d'], ['b', 'c'], ['a']]);
    assert.deepEqual(names(trie.longest(address, (list) => { seen.push(names(list)!); return list.length > 1; })?.value), ['b', 'c']);
    assert.deepEqual(seen, [['a'], ['b', 'c'], ['d']]);
    assert.deepEqual(trie.covering(p('10.1.0.0/16')).map((e) => names(e.value)), [['d'], ['b', 'c'], ['a']]);
    assert.deepEqual(trie.within(p('0.0.0.0/0')).map((e) => names(e.value)), [['b', 'c'], ['d']]);
    assert.deepEqual(trie.frontier(p('0.0.0.0/0'), (list) => list.length === 1).map((e) => names(e.value)), [['d']]);
    assert.deepEqual(trie.insideUntil(p('0.0.0.0/0'), (list) => Array.isArray(list) && list.length > 1).map((e) => names(e.value)), [['b', 'c']]);
    const walked: string[] = [];
    trie.walk((words, len, list) => walked.push(`${formatPrefix({ family: 4, words, len })}=${names(list)?.join(',')}`));
    assert.deepEqual(walked, ['0.0.0.0/0=a', '10.0.0.0/8=b,c', '10.1.0.0/16=d']);
    const halves = build([['10.0.0.0/8', a], ['10.0.0.0/9', b], ['10.128.0.0/9', c], ['10.128.0.0/9', d]]);
    assert.ok(halves.coveredInside(p('10.0.0.0/8'), (list) => list.length >= 1));
    assert.ok(!halves.coveredInside(p('10.0.0.0/8'), (list) => list.length > 1));
  });

  test('withUpdate turns a lone item into a list and back, as a fresh build holds them', () => {
    const [a, b, c] = [item('a', 1), item('b', 1), item('c', 0)];
    const one = build([['10.0.0.0/8', a], ['10.1.0.0/16', item('x')]]);
    const two = one.withUpdate(p('10.0.0.0/8'), (list) => inserted(list, b));
    assert.equal(shape(two), shape(build([['10.0.0.0/8', a], ['10.0.0.0/8', b], ['10.1.0.0/16', item('x')]])));
    assert.deepEqual(names(two.get(p('10.0.0.0/8'))), ['a', 'b']);
    assert.deepEqual(names(one.get(p('10.0.0.0/8'))), ['a']);
    const three = two.withUpdate(p('10.0.0.0/8'), (list) => inserted(list, c));
    assert.deepEqual(names(three.get(p('10.0.0.0/8'))), ['c', 'a', 'b']);
    const back = three.withUpdate(p('10.0.0.0/8'), (list) => removed(list, c)).withUpdate(p('10.0.0.0/8'), (list) => removed(list, a));
    assert.equal(shape(back), shape(build([['10.0.0.0/8', b], ['10.1.0.0/16', item('x')]])));
    assert.match(shape(back), /10\.0\.0\.0\/8=b /);
    const gone = back.withUpdate(p('10.0.0.0/8'), (list) => removed(list, b));
    assert.equal(shape(gone), shape(build([['10.1.0.0/16', item('x')]])));
    assert.deepEqual([one.size, two.size, three.size, back.size, gone.size], [2, 2, 2, 2, 1]);
    assert.ok(gone instanceof ListTrie);
    assert.deepEqual(names(three.get(p('10.0.0.0/8'))), ['c', 'a', 'b']);
  });

  test('a node that gains prefixes inside it and loses them again has the shape of a fresh build', () => {
    const [a, b, c] = [item('a'), item('b'), item('c')];
    const fresh = build([['10.0.0.0/8', a], ['10.1.0.0/16', b], ['10.1.2.0/24', c]]);
    assert.match(shape(fresh), /\(10\.0\.0\.0\/8=a \(10\.1\.0\.0\/16=b \(10\.1\.2\.0\/24=c - -\) -\) -\)/);
    const updated = build([['10.0.0.0/8', a]]).withUpdate(p('10.1.0.0/16'), () => [b]).withUpdate(p('10.1.2.0/24'), () => [c]);
    assert.equal(shape(updated), shape(fresh));
    const pruned = updated.withUpdate(p('10.1.2.0/24'), () => undefined).withUpdate(p('10.1.0.0/16'), () => undefined);
    assert.equal(shape(pruned), shape(build([['10.0.0.0/8', a]])));
    assert.match(shape(pruned), /\(10\.0\.0\.0\/8=a - -\)/);
  });

  test('an update that leaves the list as it was keeps the trie', () => {
    const a = item('a');
    const trie = build([['10.0.0.0/8', a]]);
    assert.equal(trie.withUpdate(p('10.0.0.0/8'), (list) => list && [...list]), trie);
  });

  test('IPv6 keys hold lone items and lists past the first word', () => {
    const [a, b, c] = [item('a', 1024), item('b', 256), item('c')];
    const trie = build([['2001:db8::/32', c], ['2001:db8:0:1::/64', a], ['2001:db8:0:1::/64', b], ['2001:db8:0:1::1/128', c]]);
    assert.deepEqual(trie.matches(parseAddress('2001:db8:0:1::1')!).map((e) => names(e.value)), [['c'], ['b', 'a'], ['c']]);
    const fresh = build([['2001:db8::/32', c], ['2001:db8:0:1::/64', a], ['2001:db8:0:1::1/128', c]]);
    assert.equal(shape(trie.withUpdate(p('2001:db8:0:1::/64'), (list) => removed(list, b))), shape(fresh));
  });

  test('the shape does not depend on the order keys arrive in', () => {
    let seed = 11;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed;
    };
    const keys: [string, Item][] = [];
    for (let i = 0; i < 600; i++) {
      const word = (rand() & 0xff0ff0ff) >>> 0;
      const len = rand() % 33;
      const prefix = formatPrefix({ family: 4, words: [maskWord(word, len)], len });
      keys.push([prefix, item(`${i}`, rand() % 3)]);
    }
    const sorted = [...keys].sort((x, y) => p(x[0]).words[0]! - p(y[0]).words[0]! || p(x[0]).len - p(y[0]).len);
    const stable = (list: [string, Item][]): string => {
      const trie = build(list);
      return [...trie.entries()].map((e) => `${formatPrefix(e.prefix)}=${names(e.value)?.sort().join(',')}`).join(' ');
    };
    assert.equal(shape(build(keys)).replace(/=[^ ]*/g, ''), shape(build(sorted)).replace(/=[^ ]*/g, ''));
    assert.equal(stable(keys), stable(sorted));
  });

  test('a plain prefix trie keeps array values as they are', () => {
    const trie = new PrefixTrie<string[]>(4);
    trie.upsert(p('10.0.0.0/8'), () => ['a'], (list) => list.push('b'));
    const held = trie.get(p('10.0.0.0/8'));
    trie.upsert(p('10.0.0.0/8'), () => ['c'], (list) => list.push('b'));
    assert.equal(trie.get(p('10.0.0.0/8')), held);
    assert.deepEqual(held, ['a', 'b']);
  });
});

describe('RoutingTables lists', () => {
  test('routes of one prefix keep the kernel order: local first, then metric, then the dump', () => {
    const analysis = table(
      'local 10.0.0.1 dev eth0 table local proto kernel scope host src 10.0.0.1',
      '10.0.0.1 dev eth1 metric 5',
      '10.0.0.1 dev eth2 metric 1',
      '10.0.0.1 dev eth3 metric 5',
      '10.0.0.2 dev eth0',
    );
    const trie = analysis.tables.defaultStages(4)[0]!.trie;
    assert.deepEqual(trie.get(p('10.0.0.1/32'))?.map((r) => r.text), [
      'local 10.0.0.1 dev eth0 table local proto kernel scope host src 10.0.0.1',
      '10.0.0.1 dev eth2 metric 1', '10.0.0.1 dev eth1 metric 5', '10.0.0.1 dev eth3 metric 5',
    ]);
    assert.deepEqual(trie.get(p('10.0.0.2/32'))?.map((r) => r.text), ['10.0.0.2 dev eth0']);
    assert.deepEqual(analysis.tables.table(4, 254)?.get(p('10.0.0.1/32'))?.map((r) => r.text), [
      '10.0.0.1 dev eth2 metric 1', '10.0.0.1 dev eth1 metric 5', '10.0.0.1 dev eth3 metric 5',
    ]);
  });
});
