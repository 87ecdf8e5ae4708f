import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import type { PolicyRule } from '../../../server/src/core/model';
import { destinationsOf, matchesNothing, ruleCovers, ruleLabel } from '../../../server/src/core/rules/policySelectors';
import { formatPrefix } from '../../../server/src/core/net/prefix';

/** Rules from `ip rule` lines, in order. */
function rules(...body: string[]): PolicyRule[] {
  return [...analyze(['$ ip rule', ...body.map((b, i) => `${i + 1}:\t${b}`)].join('\n')).document.rules];
}

function covers(outer: string, inner: string, ignoreTo = false): boolean {
  const [a, b] = rules(outer, inner) as [PolicyRule, PolicyRule];
  return ruleCovers(a, b, { ignoreTo });
}

describe('ip rule selector coverage', () => {
  test('prefixes, marks with masks, ranges and protocol names', () => {
    assert.equal(covers('from 10.0.0.0/8 lookup 1', 'from 10.1.0.0/16 lookup 2'), true);
    assert.equal(covers('from 10.1.0.0/16 lookup 1', 'from 10.0.0.0/8 lookup 2'), false);
    assert.equal(covers('from all fwmark 0x1/0xff lookup 1', 'from all fwmark 0x101 lookup 2'), true);
    assert.equal(covers('from all fwmark 0x101 lookup 1', 'from all fwmark 0x1/0xff lookup 2'), false);
    assert.equal(covers('from all uidrange 0-2000 lookup 1', 'from all uidrange 1000-1000 lookup 2'), true);
    assert.equal(covers('from all dport 1000-2000 lookup 1', 'from all dport 443 lookup 2'), false);
    assert.equal(covers('from all ipproto tcp lookup 1', 'from all ipproto 6 dport 443 lookup 2'), true);
    assert.equal(covers('from all tos 0x10 lookup 1', 'from all tos 16 lookup 2'), true);
    assert.equal(covers('from all iif eth0 lookup 1', 'from all lookup 2'), false);
    assert.equal(covers('from all frobnicate 3 lookup 1', 'from all lookup 2'), false);
    assert.equal(covers('from all lookup 1 proto static', 'from all iif eth0 lookup 2'), true);
  });

  test('not: disjoint selectors are covered; both negated compare the other way; `to` can be set aside', () => {
    assert.equal(covers('not from all fwmark 0xca6c lookup 1', 'from all fwmark 0x1 lookup 2'), true);
    assert.equal(covers('not from all fwmark 0xca6c lookup 1', 'from all lookup 2'), false);
    assert.equal(covers('not from all iif eth0 lookup 1', 'from all iif eth1 lookup 2'), true);
    assert.equal(covers('from all lookup 1', 'not from all fwmark 0x1 lookup 2'), true);
    assert.equal(covers('from all iif eth0 lookup 1', 'not from all fwmark 0x1 lookup 2'), false);
    assert.equal(covers('not from all fwmark 0x5 lookup 1', 'not from all fwmark 0x5/0xf lookup 2'), true);
    assert.equal(covers('from all to 10.0.0.0/8 lookup 1', 'from all lookup 2'), false);
    assert.equal(covers('from all to 10.0.0.0/8 lookup 1', 'from all lookup 2', true), true);
  });

  test('what a rule matches at all, its destinations, and its label', () => {
    const [none, to, wg, json] = [
      ...rules('not from all lookup 100', 'from all to 10.9.0.0/16 blackhole', 'from all lookup main suppress_prefixlength 0'),
      ...analyze('[{"priority":32765,"not":null,"src":"all","fwmark":"0xca6c","table":"51820"}]', { format: 'linux-ip-json' }).document.rules,
    ];
    assert.equal(matchesNothing(none!), true);
    assert.equal(formatPrefix(destinationsOf(to!)!), '10.9.0.0/16');
    assert.equal(ruleLabel(wg!), '3: from all lookup main suppress_prefixlength 0');
    assert.equal(ruleLabel(json!), '32765: not from all fwmark 0xca6c lookup 51820');
  });
});
