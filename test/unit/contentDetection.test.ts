import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { suggestLanguage } from '../../client/src/contentDetection';

describe('offering Route Lens for plain text', () => {
  test('dumps with headers or prompts, and bare ip route lines', () => {
    assert.equal(suggestLanguage(['Kernel IP routing table', 'Destination Gateway Genmask Flags Metric Ref Use Iface'])?.languageId, 'route-table');
    assert.equal(suggestLanguage(['===========', 'Interface List', ' 12...00 ff 3a 4b 5c 6d ......TAP-Windows Adapter V9'])?.languageId, 'route-table');
    assert.equal(suggestLanguage(['me@robot:~$ ip route', 'default dev ppp0 scope link'])?.languageId, 'route-table');
    assert.equal(suggestLanguage(['default via 192.168.1.1 dev eth0', '192.168.1.0/24 dev eth0 proto kernel scope link'])?.languageId, 'route-table');
  });

  test('VPN configs', () => {
    assert.equal(suggestLanguage(['[Interface]', 'PrivateKey = x', '[Peer]'])?.languageId, 'wireguard');
    assert.equal(suggestLanguage(['client', 'dev tun', 'remote vpn.example.com 1194'])?.languageId, 'openvpn');
  });

  test('ordinary text and logs are left alone', () => {
    assert.equal(suggestLanguage(['Dear team,', 'the VPN is down again.', 'default settings apply']), undefined);
    assert.equal(suggestLanguage(['2026-01-01 12:00:00 INFO started', '2026-01-01 12:00:01 INFO ready']), undefined);
    assert.equal(suggestLanguage([]), undefined);
    assert.equal(suggestLanguage(['one route: default via 10.0.0.1 dev eth0', 'and lots of prose', 'more prose', 'more']), undefined);
  });
});
