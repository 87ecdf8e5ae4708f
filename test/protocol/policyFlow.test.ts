// routeLens/resolveAddress with a flow: the document's ip rules are walked for the packet asked about.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PULL_CLIENT, TestClient } from './helpers';
import { WG_QUICK_RULES, WG_QUICK_TABLE } from '../unit/wgQuickRules';

const URI = 'file:///work/policy/wg.routes';
const WG = [
  ...WG_QUICK_RULES,
  ...WG_QUICK_TABLE,
  '',
].join('\n');

describe('resolveAddress with a flow', () => {
  let client: TestClient;
  before(async () => {
    client = (await TestClient.start(PULL_CLIENT)).client;
    await client.open(URI, WG);
  });
  after(() => client.dispose());

  test('the plain flow takes the tunnel; the rule chain is in the explanation', async () => {
    const result = await client.resolveAddress(URI, '8.8.8.8');
    assert.equal(result.nexthops[0]?.interface, 'wg0');
    assert.equal(result.flow, undefined);
    assert.match(result.markdown, /Rule 32765 `not fwmark 0xca6c lookup 51820` \(line 4\) matches/);
  });

  test('a marked packet takes the main default, whether the keys come separately or after the address', async () => {
    const separate = await client.resolveAddress(URI, '8.8.8.8', 'mark 0xca6c');
    assert.equal(separate.nexthops[0]?.interface, 'eth0');
    assert.equal(separate.flow, 'mark 0xca6c');
    const inline = await client.resolveAddress(URI, '8.8.8.8 mark 0xca6c');
    assert.deepEqual(inline.nexthops, separate.nexthops);
  });

  test('bad flow keys come back as `invalid` with the reason', async () => {
    const result = await client.resolveAddress(URI, '8.8.8.8', 'uid lots');
    assert.equal(result.outcome, 'invalid');
    assert.match(result.invalid ?? '', /'lots' is not a uid/);
    const family = await client.resolveAddress(URI, '8.8.8.8', 'from 2001:db8::1');
    assert.match(family.invalid ?? '', /is IPv6 but the destination is IPv4/);
  });
});
