import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { excludeFromAllowedIps, fixesFor, refactorsAt } from '../../../server/src/core/fixes';
import { applyEdits } from '../../../server/src/core/fixes/text';
import { setOf, sameSet, subtract, union } from '../../../server/src/core/fixes/prefixSet';
import { parsePrefix, type Prefix } from '../../../server/src/core/net/prefix';
import { analyzeWireGuard } from '../../../server/src/core/configs/wireguard';
import type { Finding } from '../../../server/src/core/model';
import { fixture } from '../configs/wireguardHelpers';
import { analyse, applyAndRecheck, codes, findingOf, fixOf, text } from './helpers';

const WG = { languageId: 'wireguard', fileName: 'wg0.conf' } as const;
const PRIVATE_KEY = 'uFC/fqXskuy2KuhACHQpynrp7frBN/RU9ndy5ObzVmM=';

const FULL_V4 = text(`
[Interface]
PrivateKey = ${PRIVATE_KEY}
Address = 10.7.0.2/32
DNS = 10.7.0.1

[Peer]
PublicKey = abGudJzKKWB4j0ng+dJZN0vyYTAj9BTmgq/E4J50bXY=
AllowedIPs = 0.0.0.0/0 # everything
Endpoint = 198.51.100.20:51820
`);

function allowedOf(config: string): Prefix[] {
  const analysis = analyzeWireGuard(config);
  return analysis.state.devices[0]?.config.peers.flatMap((p) => p.allowedIps.map((a) => a.prefix)) ?? [];
}

function p(t: string): Prefix {
  const parsed = parsePrefix(t, t.includes(':') ? 6 : 4);
  assert.ok(parsed);
  return parsed.prefix;
}

describe('WireGuard fixes', () => {
  test('ipv6-leak: "Add ::/0" keeps the comment and the finding goes', () => {
    const analysis = analyse(FULL_V4, WG);
    const fix = fixOf(analysis, FULL_V4, findingOf(analysis, 'ipv6-leak'), 'Add ::/0');
    assert.equal(fix.preferred, true);
    const { after } = applyAndRecheck(FULL_V4, WG, fix, 'ipv6-leak');
    assert.match(after, /^AllowedIPs = 0\.0\.0\.0\/0, ::\/0 # everything$/m);
    assert.ok(!after.includes('\r'));
  });

  test('CRLF files stay CRLF and only the AllowedIPs line changes', () => {
    const crlf = FULL_V4.replace(/\n/g, '\r\n');
    const analysis = analyse(crlf, WG);
    const fix = fixOf(analysis, crlf, findingOf(analysis, 'ipv6-leak'), 'Add ::/0');
    const { after } = applyAndRecheck(crlf, WG, fix, 'ipv6-leak');
    assert.equal(after.split('\r\n').length, crlf.split('\r\n').length);
    assert.ok(!/[^\r]\n/.test(after), 'no bare LF');
    const changed = after.split('\r\n').filter((l, i) => l !== crlf.split('\r\n')[i]);
    assert.deepEqual(changed, ['AllowedIPs = 0.0.0.0/0, ::/0 # everything']);
  });

  test('"Exclude private ranges" leaves exactly the public space, keeps DNS and the tunnel endpoint out of the loop', () => {
    const config = FULL_V4.replace('0.0.0.0/0 #', '0.0.0.0/0, ::/0 #');
    const analysis = analyse(config, WG);
    const refactor = refactorsAt(analysis, config, 7, 7).find((f) => f.title === 'Exclude private ranges from AllowedIPs');
    assert.ok(refactor);
    assert.equal(refactor.kind, 'refactor.rewrite');
    const after = applyEdits(config, refactor.edits);
    assert.match(after, /# everything\n/, 'the comment stays');
    assert.deepEqual(codes(analyse(after, WG)), [], after);
    const allowed = allowedOf(after);
    const expected4 = union(
      subtract(setOf(4, [p('0.0.0.0/0')]), setOf(4, ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '224.0.0.0/3', '198.51.100.20/32'].map(p))),
      setOf(4, [p('10.7.0.1/32')]),
    );
    assert.ok(sameSet(setOf(4, allowed), expected4));
    assert.ok(sameSet(setOf(6, allowed), subtract(setOf(6, [p('::/0')]), setOf(6, ['fc00::/7', 'fe80::/10', 'ff00::/8'].map(p)))));
    // The secret never shows up in an edit.
    assert.ok(!refactor.edits.some((e) => e.newText.includes(PRIVATE_KEY)));
  });

  test('endpoint-in-tunnel: the endpoint leaves AllowedIPs, nothing else changes', () => {
    const config = text(`
[Interface]
PrivateKey = ${PRIVATE_KEY}
Address = 10.50.0.2/24

[Peer]
PublicKey = rt43VQnbDjVKNDEpmHUTbzZ6Rw5y8pfHsja4El8uWQ8=
AllowedIPs = 10.50.0.0/16,198.51.100.0/24   # office
Endpoint = 198.51.100.7:51820
`);
    const analysis = analyse(config, WG);
    const fix = fixOf(analysis, config, findingOf(analysis, 'endpoint-in-tunnel'), 'Exclude endpoint 198.51.100.7');
    const { after, analysis: again } = applyAndRecheck(config, WG, fix, 'endpoint-in-tunnel');
    assert.deepEqual(codes(again), []);
    const line = after.split('\n')[6] ?? '';
    assert.ok(line.startsWith('AllowedIPs = 10.50.0.0/16,198.51.100.0/30,'), line);
    assert.ok(line.endsWith('   # office'), line);
    assert.ok(sameSet(setOf(4, allowedOf(after)), subtract(setOf(4, [p('10.50.0.0/16'), p('198.51.100.0/24')]), setOf(4, [p('198.51.100.7/32')]))));
  });

  test('dns-outside-tunnel: the DNS server goes into AllowedIPs', () => {
    const config = text(`
[Interface]
PrivateKey = ${PRIVATE_KEY}
Address = 10.40.0.2/24
DNS = 1.1.1.1, 10.40.0.53

[Peer]
PublicKey = T5Y71yLxYu+2QItFWgTL6ivWo34rks7hfaaQjCX/kj0=
AllowedIPs = 10.40.0.0/16
Endpoint = 192.0.2.44:51820
`);
    const analysis = analyse(config, WG);
    const fix = fixOf(analysis, config, findingOf(analysis, 'dns-outside-tunnel'), 'Send DNS server 1.1.1.1 through the tunnel');
    const { after } = applyAndRecheck(config, WG, fix, 'dns-outside-tunnel');
    assert.match(after, /^AllowedIPs = 10\.40\.0\.0\/16, 1\.1\.1\.1\/32$/m);
  });

  test('the exclusion command: prefixes and addresses, exact, with clear refusals', () => {
    const config = text(`
[Interface]
PrivateKey = ${PRIVATE_KEY}
Address = 10.7.0.2/32

[Peer]
PublicKey = abGudJzKKWB4j0ng+dJZN0vyYTAj9BTmgq/E4J50bXY=
AllowedIPs = 10.0.0.0/8, 192.168.0.0/16
Endpoint = vpn.example.net:51820
`);
    const analysis = analyse(config, WG);
    const result = excludeFromAllowedIps(analysis, config, 6, '10.1.0.0/16 192.168.5.5');
    assert.ok(typeof result !== 'string', String(result));
    const after = applyEdits(config, result.edits);
    const expected = subtract(setOf(4, [p('10.0.0.0/8'), p('192.168.0.0/16')]), setOf(4, [p('10.1.0.0/16'), p('192.168.5.5/32')]));
    assert.ok(sameSet(setOf(4, allowedOf(after)), expected));
    assert.equal(allowedOf(after).length, 8 + 16);
    assert.match(String(excludeFromAllowedIps(analysis, config, 6, '8.8.8.8')), /not inside the AllowedIPs/);
    assert.match(String(excludeFromAllowedIps(analysis, config, 6, 'nonsense')), /not an IPv4 or IPv6/);
    assert.match(String(excludeFromAllowedIps(analysis, config, 6, '0.0.0.0/0')), /no AllowedIPs/);
    assert.match(String(excludeFromAllowedIps(analysis, config, 2, '10.0.0.1')), /not an AllowedIPs line/);
  });

  test('overlapping-allowed-ips: an item that receives nothing can go, and nothing else changes', () => {
    const config = fixture('overlapping-peers.conf');
    const analysis = analyse(config, WG);
    const dead = analysis.findings.filter((f) => f.code === 'overlapping-allowed-ips' && f.severity === 'warning');
    assert.equal(dead.length, 2);
    const [duplicate, covered] = dead as [Finding, Finding];
    const first = fixOf(analysis, config, duplicate, 'Remove 10.9.0.0/24 from peer "datacenter"');
    assert.match(applyAndRecheck(config, WG, first, 'overlapping-allowed-ips').after, /^AllowedIPs = 10\.0\.0\.0\/16\n/m);
    const second = fixOf(analysis, config, covered, 'Remove 10.1.0.0/16 from peer "old-gateway"');
    const { after } = applyAndRecheck(config, WG, second, 'overlapping-allowed-ips');
    // The only item: the line goes, the peer stays.
    assert.equal(after.split('\n').length, config.split('\n').length - 1);
    assert.match(after, /# Name = old-gateway\n\[Peer\]\nPublicKey = \S+\n\n# Name = left/);
  });

  test('no fixes for wg show output, and findings without a fix get none', () => {
    const show = 'interface: wg0\n  public key: abGudJzKKWB4j0ng+dJZN0vyYTAj9BTmgq/E4J50bXY=\n\npeer: T5Y71yLxYu+2QItFWgTL6ivWo34rks7hfaaQjCX/kj0=\n  allowed ips: 0.0.0.0/0\n';
    const analysis = analyse(show, WG);
    for (const f of analysis.findings) assert.deepEqual(fixesFor(analysis, show, f), []);
    assert.deepEqual(refactorsAt(analysis, show, 0, 5), []);
  });
});
