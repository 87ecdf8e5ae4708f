import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAddress } from '../../server/src/core/net/address';
import { type Prefix, formatPrefix, parsePrefix, prefixContains } from '../../server/src/core/net/prefix';
import { PrefixTrie } from '../../server/src/core/trie';

const p = (text: string): Prefix => parsePrefix(text)!.prefix;

function build(prefixes: string[]): PrefixTrie<string> {
  const trie = new PrefixTrie<string>(prefixes[0]?.includes(':') ? 6 : 4);
  for (const text of prefixes) trie.upsert(p(text), () => text, () => undefined);
  return trie;
}

describe('PrefixTrie', () => {
  test('matches returns every containing prefix, longest first', () => {
    const trie = build(['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.1.2.3/32', '192.168.0.0/16']);
    assert.deepEqual(trie.matches(parseAddress('10.1.2.3')!).map((e) => e.value), ['10.1.2.3/32', '10.1.2.0/24', '10.1.0.0/16', '10.0.0.0/8', '0.0.0.0/0']);
    assert.deepEqual(trie.matches(parseAddress('10.2.0.1')!).map((e) => e.value), ['10.0.0.0/8', '0.0.0.0/0']);
    assert.equal(trie.size, 6);
    assert.equal(trie.get(p('10.1.0.0/16')), '10.1.0.0/16');
    assert.equal(trie.get(p('10.1.0.0/17')), undefined);
  });

  test('agrees with a linear scan on random prefixes and addresses', () => {
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed;
    };
    const prefixes: Prefix[] = [];
    const trie = new PrefixTrie<Prefix>(4);
    for (let i = 0; i < 400; i++) {
      const len = rand() % 33;
      const word = (rand() & 0xff0f00ff) >>> 0;
      const prefix = parsePrefix(`${word >>> 24}.${(word >>> 16) & 255}.${(word >>> 8) & 255}.${word & 255}/${len}`)!.prefix;
      trie.upsert(prefix, () => { prefixes.push(prefix); return prefix; }, () => undefined);
    }
    for (let i = 0; i < 2000; i++) {
      const word = (rand() & 0xff0f00ff) >>> 0;
      const address = { family: 4 as const, words: [word] };
      const expected = prefixes.filter((q) => prefixContains(q, address)).map(formatPrefix).sort();
      const actual = trie.matches(address).map((e) => formatPrefix(e.prefix)).sort();
      assert.deepEqual(actual, expected);
    }
  });

  test('coveredInside sees when more specific prefixes fill the whole range', () => {
    const def1 = build(['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1']);
    assert.ok(def1.coveredInside(p('0.0.0.0/0'), () => true));
    const gap = build(['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/2']);
    assert.ok(!gap.coveredInside(p('0.0.0.0/0'), () => true));
    const deep = build(['10.0.0.0/8', '10.0.0.0/9', '10.128.0.0/10', '10.192.0.0/10']);
    assert.ok(deep.coveredInside(p('10.0.0.0/8'), () => true));
    assert.ok(!deep.coveredInside(p('10.0.0.0/8'), (v) => v !== '10.192.0.0/10'));
    assert.deepEqual(deep.frontier(p('10.0.0.0/8'), () => true).map((e) => e.value), ['10.0.0.0/9', '10.128.0.0/10', '10.192.0.0/10']);
  });

  test('IPv6 keys branch past the first word', () => {
    const trie = build(['::/0', '2001:db8::/32', '2001:db8:0:1::/64', '2001:db8:0:1::1/128', 'fe80::/10']);
    assert.deepEqual(trie.matches(parseAddress('2001:db8:0:1::1')!).map((e) => e.value), ['2001:db8:0:1::1/128', '2001:db8:0:1::/64', '2001:db8::/32', '::/0']);
    assert.deepEqual(trie.within(p('2001:db8::/32')).map((e) => e.value), ['2001:db8:0:1::/64', '2001:db8:0:1::1/128']);
    assert.deepEqual(trie.covering(p('2001:db8:0:1::/64')).map((e) => e.value), ['2001:db8:0:1::/64', '2001:db8::/32', '::/0']);
  });

  test('probe answers what get and coveredInside answer, in one descent', () => {
    let seed = 11;
    const rand = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const texts: string[] = [];
    for (let i = 0; i < 400; i++) {
      const len = 4 + (rand() % 10);
      texts.push(formatPrefix(parsePrefix(`10.${rand() % 4}.${rand() % 256}.0/${len + 8}`, 4)!.prefix));
    }
    const trie = build([...new Set(texts)]);
    const odd = (value: string): boolean => value.length % 2 === 1;
    const out = { value: undefined as string | undefined, covered: false };
    for (let i = 0; i < 600; i++) {
      const q = p(formatPrefix(parsePrefix(`10.${rand() % 4}.${rand() % 256}.0/${8 + (rand() % 15)}`, 4)!.prefix));
      for (const accept of [odd, (): boolean => true]) {
        trie.probe(q, accept, out);
        assert.equal(out.value, trie.get(q), formatPrefix(q));
        assert.equal(out.covered, trie.coveredInside(q, accept), formatPrefix(q));
      }
    }
    const halves = build(['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1']);
    assert.deepEqual(halves.probe(p('0.0.0.0/0'), () => true, out), { value: '0.0.0.0/0', covered: true });
    assert.deepEqual(halves.probe(p('10.0.0.0/8'), () => true, out), { value: undefined, covered: false });
  });
});
