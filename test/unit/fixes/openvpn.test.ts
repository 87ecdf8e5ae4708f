import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixture } from '../configs/openvpnHelpers';
import { analyse, applyAndRecheck, codes, findingOf, fixOf } from './helpers';

const OVPN = { languageId: 'openvpn', fileName: 'client.ovpn' } as const;

function lines(...content: string[]): string {
  return `${content.join('\n')}\n`;
}

describe('OpenVPN fixes', () => {
  test('ipv6-leak on a client: the flag joins the existing redirect-gateway line, before its comment', () => {
    const config = lines('client', 'dev tun', 'remote 198.51.100.1 1194', 'redirect-gateway def1   # all traffic', 'block-outside-dns');
    const analysis = analyse(config, OVPN);
    const fix = fixOf(analysis, config, findingOf(analysis, 'ipv6-leak'), 'Add the ipv6 flag');
    assert.equal(fix.preferred, true);
    const { after } = applyAndRecheck(config, OVPN, fix, 'ipv6-leak');
    assert.equal(after.split('\n')[3], 'redirect-gateway def1 ipv6   # all traffic');
    assert.equal(after.split('\n').length, config.split('\n').length, 'no second redirect-gateway line');
  });

  test('ipv6-leak, drop instead: ipv6 and a block-ipv6 line, CRLF kept', () => {
    const config = lines('client', 'dev tun', 'remote 198.51.100.1 1194', 'redirect-gateway def1', 'verb 3').replace(/\n/g, '\r\n');
    const analysis = analyse(config, OVPN);
    const fix = fixOf(analysis, config, findingOf(analysis, 'ipv6-leak'), 'Add ipv6 and block-ipv6');
    const { after } = applyAndRecheck(config, OVPN, fix, 'ipv6-leak');
    assert.deepEqual(after.split('\r\n').slice(3, 6), ['redirect-gateway def1 ipv6', 'block-ipv6', 'verb 3']);
    assert.ok(!/[^\r]\n/.test(after));
  });

  test('ipv6-leak on a server: the pushed option gets the flag inside its quotes, block-ipv6 is pushed too', () => {
    const config = fixture('server.conf');
    const analysis = analyse(config, { languageId: 'openvpn', fileName: 'server.conf' });
    const finding = findingOf(analysis, 'ipv6-leak');
    const into = fixOf(analysis, config, finding, 'Push the ipv6 flag');
    const { after } = applyAndRecheck(config, { languageId: 'openvpn', fileName: 'server.conf' }, into, 'ipv6-leak');
    assert.match(after, /^push "redirect-gateway def1 bypass-dhcp ipv6"$/m);
    const drop = fixOf(analysis, config, finding, 'Push ipv6 and block-ipv6');
    const dropped = applyAndRecheck(config, { languageId: 'openvpn', fileName: 'server.conf' }, drop, 'ipv6-leak').after;
    assert.match(dropped, /^push "redirect-gateway def1 bypass-dhcp ipv6"\npush "block-ipv6"\n/m);
  });

  test('a full tunnel made of routes: redirect only IPv6, and bypass the tunnel for the server', () => {
    const config = fixture('static-key-p2p.conf');
    const options = { languageId: 'openvpn', fileName: 'p2p.conf' };
    const analysis = analyse(config, options);
    assert.deepEqual(codes(analysis), ['remote-in-tunnel@3', 'ipv6-leak@6']);
    const v6 = fixOf(analysis, config, findingOf(analysis, 'ipv6-leak'), 'Add redirect-gateway ipv6 !ipv4');
    assert.match(applyAndRecheck(config, options, v6, 'ipv6-leak').after, /^route 0\.0\.0\.0 0\.0\.0\.0\nredirect-gateway ipv6 !ipv4\n<secret>/m);
    const bypass = fixOf(analysis, config, findingOf(analysis, 'remote-in-tunnel'), 'Bypass the tunnel for 203.0.113.9');
    const { after, analysis: again } = applyAndRecheck(config, options, bypass, 'remote-in-tunnel');
    assert.match(after, /^route 0\.0\.0\.0 0\.0\.0\.0\nroute 203\.0\.113\.9 255\.255\.255\.255 net_gateway\n<secret>/m);
    assert.deepEqual(codes(again), ['ipv6-leak@6']);
    // The static key is never part of an edit.
    for (const fix of [v6, bypass]) assert.ok(!fix.edits.some((e) => /[0-9a-f]{32}/.test(e.newText)));
  });
});
