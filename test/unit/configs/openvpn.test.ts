import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze as analyzeRoutes } from '../../../server/src/core/analyze';
import { DIRECTIVES } from '../../../server/src/core/configs/openvpn/directives';
import { interpret } from '../../../server/src/core/configs/openvpn/interpret';
import { lexLine } from '../../../server/src/core/configs/openvpn/lexer';
import { parseConfig } from '../../../server/src/core/configs/openvpn/parse';
import { openvpnFamily } from '../../../server/src/core/configs/openvpn';
import { analyzeText, codes, config, fixture, homeDump, hover } from './openvpnHelpers';

describe('openvpn lexer', () => {
  const texts = (line: string): string[] => lexLine(line).params.map((p) => p.text);

  test('splits like parse_line: quotes, escapes and comments only where a parameter starts', () => {
    assert.deepEqual(texts('push "route 10.0.0.0 255.0.0.0"'), ['push', 'route 10.0.0.0 255.0.0.0']);
    assert.deepEqual(texts("setenv FOO 'a \\ b'"), ['setenv', 'FOO', 'a \\ b']);
    assert.deepEqual(texts('ca "C:\\\\Program Files\\\\ca.crt"'), ['ca', 'C:\\Program Files\\ca.crt']);
    assert.deepEqual(texts('remote host 1194 # the server'), ['remote', 'host', '1194']);
    assert.deepEqual(texts('remote host ; comment'), ['remote', 'host']);
    assert.deepEqual(texts('remote host#1'), ['remote', 'host#1']);
    assert.equal(lexLine('  # only a comment').commentAt, 2);
  });

  test('keeps raw columns for every parameter', () => {
    const [, arg] = lexLine('push "route 10.0.0.0"').params;
    assert.deepEqual(arg && [arg.start, arg.end, arg.quoted], [5, 21, true]);
  });

  test('reports what OpenVPN refuses', () => {
    assert.match(lexLine('echo "open').error?.message ?? '', /No closing quotation/);
    assert.match(lexLine("echo 'open").error?.message ?? '', /No closing single quotation/);
    const bad = lexLine('ca C:\\Users\\ca.crt').error;
    assert.match(bad?.message ?? '', /backslash/);
    assert.deepEqual([bad?.start, bad?.end], [5, 7]);
  });
});

describe('openvpn parser', () => {
  test('inline blocks: secret content is hidden, certificates are not, connection blocks are parsed', () => {
    const parsed = parseConfig(['<ca>', 'PUBLIC', '</ca>', '<tls-crypt>', 'SECRET', '</tls-crypt>', '<connection>', 'remote 192.0.2.1 1194', '</connection>'].join('\n'));
    assert.deepEqual(parsed.blocks.map((b) => [b.tag, b.secret, b.first, b.last]), [['ca', false, 1, 1], ['tls-crypt', true, 4, 4], ['connection', false, 7, 7]]);
    assert.deepEqual(parsed.secrets.map((s) => s.line), [4]);
    const remote = parsed.directives.find((d) => d.name === 'remote');
    assert.equal(remote?.connection, 0);
    assert.deepEqual(parsed.findings, []);
  });

  test('an unclosed secret block hides the rest of the file', () => {
    const parsed = parseConfig('<key>\nline one\nline two');
    assert.deepEqual(parsed.secrets.map((s) => s.line), [1, 2]);
    assert.deepEqual(parsed.findings.map((f) => [f.code, f.span.line, f.span.col, f.span.endCol]), [['parse-error', 0, 0, 5]]);
  });

  test('key text outside a block is hidden and reported without quoting it', () => {
    const parsed = parseConfig('client\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC\n-----END PRIVATE KEY-----\ndev tun');
    assert.deepEqual(parsed.secrets.map((s) => s.line), [1, 2, 3]);
    assert.equal(parsed.findings.length, 1);
    assert.doesNotMatch(parsed.findings[0]?.message ?? '', /MIIE/);
    assert.deepEqual(parsed.directives.map((d) => d.name), ['client', 'dev']);
  });

  test('pushed options are parsed at their columns inside the quotes', () => {
    const parsed = parseConfig('push "route 10.1.0.0 255.255.0.0"');
    const route = parsed.directives.find((d) => d.name === 'route');
    assert.ok(route?.push);
    assert.deepEqual(route.args.map((a) => [a.text, a.start]), [['10.1.0.0', 12], ['255.255.0.0', 21]]);
  });

  test('a leading -- is dropped and names keep their case', () => {
    assert.deepEqual(parseConfig('--client\nCLIENT').directives.map((d) => d.name), ['client', 'CLIENT']);
  });
});

describe('openvpn directive list', () => {
  test('covers the 2.6 options, with Windows-only ones marked', () => {
    assert.ok(DIRECTIVES.size > 280, `only ${DIRECTIVES.size} options`);
    assert.deepEqual(DIRECTIVES.get('route'), { min: 1, max: 4, windowsOnly: false });
    assert.deepEqual(DIRECTIVES.get('route-ipv6'), { min: 1, max: 3, windowsOnly: false });
    assert.equal(DIRECTIVES.get('block-outside-dns')?.windowsOnly, true);
    assert.equal(DIRECTIVES.get('redirect-gateway')?.max, undefined);
    for (const name of ['client', 'remote', 'dev', 'proto', 'pull-filter', 'block-ipv6', 'tls-crypt-v2', 'dns', 'route-nopull']) {
      assert.ok(DIRECTIVES.has(name), name);
    }
  });
});

describe('openvpn interpretation', () => {
  test('roles, devices and remotes', () => {
    const client = interpret(parseConfig('client\ndev tun\nremote 198.51.100.7 1194 udp\nremote vpn.example.com'));
    assert.equal(client.role, 'client');
    assert.equal(client.device, 'tun0');
    assert.deepEqual(client.remotes.map((r) => [r.host.text, r.address !== undefined, r.port, r.proto]), [['198.51.100.7', true, '1194', 'udp'], ['vpn.example.com', false, undefined, undefined]]);
    const server = interpret(parseConfig('dev tap3\nserver 10.8.0.0 255.255.255.0\npush "redirect-gateway def1"'));
    assert.equal(server.role, 'server');
    assert.equal(server.deviceType, 'tap');
    assert.equal(server.device, 'tap3');
    assert.equal(server.pushed.redirects.length, 1);
    assert.equal(server.local.redirects.length, 0);
  });

  test('redirect flags apply in order: !ipv4 clears the IPv4 redirect', () => {
    const [r] = interpret(parseConfig('redirect-gateway def1 ipv6 !ipv4')).local.redirects;
    assert.deepEqual([r?.ipv4, r?.ipv6, r?.enabled], [false, true, false]);
  });

  test('the VPN gateway comes from route-gateway or the net30 peer', () => {
    assert.equal(interpret(parseConfig('ifconfig 10.8.0.6 10.8.0.5')).vpnGateway?.words[0], 0x0a080005);
    assert.equal(interpret(parseConfig('ifconfig 10.8.0.6 255.255.255.0')).vpnGateway, undefined);
    assert.equal(interpret(parseConfig('route-gateway 10.8.0.1')).vpnGateway?.words[0], 0x0a080001);
  });
});

describe('openvpn fixtures', () => {
  const expected: Record<string, string[]> = {
    'auth-inline.ovpn': ['parse-error@9'],
    'client-full-tunnel.ovpn': ['ipv6-leak@16', 'bypass-windows-only@16', 'dns-outside-tunnel@17'],
    'client-split-pull-filter.ovpn': ['pull-filter-split@7', 'pushed-route-lan-conflict@10'],
    'client-windows.ovpn': ['windows-only-directive@8', 'dns-outside-tunnel@9', 'dns-outside-tunnel@11'],
    'connection-profiles.ovpn': ['parse-error@13'],
    'errors.ovpn': [
      'unknown-directive@3', 'unknown-directive@5', 'parse-error@6', 'pushed-route-lan-conflict@7', 'parse-error@7',
      'invalid-route@8', 'invalid-route@9', 'invalid-route@10', 'invalid-address@11', 'invalid-route@12', 'invalid-route@12',
      'parse-error@13', 'parse-error@14', 'dns-outside-tunnel@15', 'invalid-address@15', 'parse-error@16', 'parse-error@17',
      'parse-error@18', 'unknown-directive@19', 'parse-error@20',
    ],
    'local-flag.ovpn': ['ipv6-leak@5', 'redirect-gateway-local@5', 'redirect-gateway-local@6'],
    'route-nopull.ovpn': ['route-nopull-no-routes@5'],
    'server.conf': ['ipv6-leak@8', 'dns-outside-tunnel@8', 'bypass-windows-only@8', 'pushed-route-lan-conflict@10'],
    'static-key-p2p.conf': ['remote-in-tunnel@3', 'ipv6-leak@6'],
  };
  for (const [name, want] of Object.entries(expected)) {
    test(`${name} without a route dump`, () => {
      assert.deepEqual(codes(analyzeText(fixture(name))), want);
    });
  }

  test('with the machine\'s route dump, findings name its interfaces and lines', () => {
    const dump = homeDump();
    const full = analyzeText(fixture('client-full-tunnel.ovpn'), dump);
    const leak = full.findings.find((f) => f.code === 'ipv6-leak');
    assert.equal(leak?.severity, 'warning');
    assert.match(leak?.message ?? '', /wlan0 via fe80::1 \(line 6 of routes\.txt\)/);
    const split = analyzeText(fixture('client-split-pull-filter.ovpn'), dump);
    const conflict = split.findings.find((f) => f.code === 'pushed-route-lan-conflict');
    assert.equal(conflict?.severity, 'warning');
    assert.match(conflict?.message ?? '', /192\.168\.1\.0\/24 on wlan0, line 2 of routes\.txt/);
    assert.match(split.findings.find((f) => f.code === 'pull-filter-split')?.message ?? '', /through wlan0/);
    const local = analyzeText(fixture('local-flag.ovpn'), dump).findings.filter((f) => f.code === 'redirect-gateway-local');
    assert.deepEqual(local.map((f) => f.severity), ['warning', 'information']);
    const windows = analyzeText(fixture('client-windows.ovpn'), dump).findings.filter((f) => f.code === 'dns-outside-tunnel');
    assert.match(windows[1]?.message ?? '', /192\.168\.1\.1 stays outside the tunnel \(`wlan0`\) by `192\.168\.1\.0\/24` on line 2 of routes\.txt/);
  });

  test('a dump without IPv6 turns the IPv6 leak into information', () => {
    const v4only = homeDumpWithout(/:/);
    const leak = analyzeText(fixture('client-full-tunnel.ovpn'), v4only).findings.find((f) => f.code === 'ipv6-leak');
    assert.equal(leak?.severity, 'information');
  });

  test('a server\'s pushed routes are checked against home subnets, never the open dump', () => {
    const findings = analyzeText(fixture('server.conf'), homeDump()).findings.filter((f) => f.code === 'pushed-route-lan-conflict');
    assert.deepEqual(findings.map((f) => f.severity), ['information']);
    assert.match(findings[0]?.message ?? '', /If the LAN of a client is 192\.168\.1\.0\/24/);
  });
});

describe('openvpn rules in small configs', () => {
  test('unknown options get a suggestion; ignore-unknown-option silences later ones', () => {
    const result = config('redirect-gatway def1', 'ignore-unknown-option frobnicate', 'frobnicate 1', 'persist_tun');
    assert.deepEqual(codes(result), ['unknown-directive@1', 'unknown-directive@4']);
    assert.match(result.findings[0]?.message ?? '', /Did you mean `redirect-gateway`\?/);
    assert.match(result.findings[1]?.message ?? '', /Did you mean `persist-tun`\?/);
  });

  test('ipv6 is covered by the ipv6 flag or a route-ipv6 over the global space', () => {
    assert.deepEqual(codes(config('client', 'redirect-gateway def1 ipv6')), []);
    assert.deepEqual(codes(config('client', 'redirect-gateway def1', 'route-ipv6 2000::/3')), []);
    assert.deepEqual(codes(config('client', 'redirect-gateway def1', 'route-ipv6 2000::/4')), ['ipv6-leak@2']);
    const blocked = config('client', 'redirect-gateway def1', 'block-ipv6');
    assert.match(blocked.findings[0]?.message ?? '', /`block-ipv6` does not help here/);
  });

  test('pull filters: an earlier accept keeps redirect-gateway; a local redirect makes the filter harmless', () => {
    assert.deepEqual(codes(config('client', 'pull-filter accept "redirect-gateway def1"', 'pull-filter ignore "redirect-gateway"')), []);
    assert.deepEqual(codes(config('client', 'pull-filter ignore "redirect"', 'redirect-gateway def1 ipv6')), []);
    assert.deepEqual(codes(config('client', 'pull-filter ignore "route"', 'route 10.0.0.0 255.0.0.0')), ['pull-filter-split@2']);
  });

  test('route-nopull with routes of its own is fine', () => {
    assert.deepEqual(codes(config('client', 'route-nopull', 'route 10.0.0.0 255.0.0.0')), []);
  });

  test('a remote routed into the tunnel by a plain route', () => {
    assert.deepEqual(codes(config('client', 'remote 10.1.2.3', 'route 10.0.0.0 255.0.0.0')), ['remote-in-tunnel@2']);
    assert.deepEqual(codes(config('client', 'remote 10.1.2.3', 'route 10.0.0.0 255.0.0.0', 'route 10.1.2.3 255.255.255.255 net_gateway')), []);
  });

  test('pushed option problems are warnings, because clients only drop that option', () => {
    const result = config('server 10.8.0.0 255.255.255.0', 'push "route 10.0.0.0 255.0.0.0 vpn_gateway 1 2"', 'push "frobnicate"');
    assert.deepEqual(result.findings.map((f) => `${f.code}:${f.severity}`), ['parse-error:warning', 'unknown-directive:warning']);
  });
});

describe('openvpn detection', () => {
  test('scores configs and logs, not other files', () => {
    assert.equal(openvpnFamily.score(['client', 'dev tun', 'remote vpn.example.com 1194']), 1);
    assert.ok(openvpnFamily.score(fixture('client-windows.log').split('\n').slice(0, 20)) > 0.9);
    assert.equal(openvpnFamily.score(['[Interface]', 'PrivateKey = x', 'Address = 10.0.0.2/32']), 0);
    assert.equal(openvpnFamily.score(['default via 192.168.1.1 dev eth0', '10.0.0.0/8 dev eth1']), 0);
  });

  test('analyze picks the format', () => {
    assert.equal(analyzeText(fixture('client-linux-2.6.log')).format, 'openvpn-log');
    assert.equal(analyzeText(fixture('server.conf')).format, 'openvpn');
    assert.equal(analyzeText('').format, 'openvpn');
  });
});

function homeDumpWithout(pattern: RegExp): ReturnType<typeof homeDump> {
  const text = fixture('home-laptop.routes').split('\n').filter((l) => !pattern.test(l)).join('\n');
  return analyzeRoutes(text);
}

describe('openvpn hovers', () => {
  test('redirect-gateway lists the routes it installs, per flag', () => {
    const text = fixture('client-full-tunnel.ovpn');
    const md = hover(analyzeText(text, homeDump()), text, 16, 'redirect-gateway') ?? '';
    assert.match(md, /`198\.51\.100\.7\/32 via 192\.168\.1\.1 dev wlan0`: outside the tunnel/);
    assert.match(md, /`0\.0\.0\.0\/1 dev tun0`: through the tunnel; `redirect-gateway def1`: lower half/);
    assert.match(md, /`bypass-dhcp`: on Windows/);
    assert.match(hover(analyzeText(text), text, 16, 'def1') ?? '', /^\*\*`def1`\*\*: Override the default route/);
  });

  test('remote says whether the server is exempted', () => {
    const text = fixture('client-full-tunnel.ovpn');
    assert.match(hover(analyzeText(text), text, 5, '198.51.100.7') ?? '', /\*\*Exempted\*\*: OpenVPN adds `198\.51\.100\.7\/32 via net_gateway`/);
    const local = fixture('local-flag.ovpn');
    assert.match(hover(analyzeText(local), local, 4, '198.51.100.7') ?? '', /\*\*Not exempted\*\*/);
    const p2p = fixture('static-key-p2p.conf');
    assert.match(hover(analyzeText(p2p), p2p, 3, '203.0.113.9') ?? '', /⚠ 203\.0\.113\.9 goes \*\*through the tunnel\*\*/);
  });

  test('addresses: where they go once connected, with and without the dump', () => {
    const text = fixture('client-windows.ovpn');
    const alone = hover(analyzeText(text), text, 11, '192.168.1.1') ?? '';
    assert.match(alone, /\*\*192\.168\.1\.1\*\* goes \*\*through the tunnel\*\* \(`tun0`\) by `128\.0\.0\.0\/1`/);
    assert.match(alone, /A more specific route of the machine \(its LAN, for example\) still wins/);
    const predicted = hover(analyzeText(text, homeDump()), text, 11, '192.168.1.1') ?? '';
    assert.match(predicted, /stays \*\*outside the tunnel\*\* \(`wlan0`\) by `192\.168\.1\.0\/24` on line 2 of routes\.txt/);
    assert.match(predicted, /\*\*Routes that lost\*\*\n\n- `128\.0\.0\.0\/1` \(`redirect-gateway def1`: upper half of IPv4, line 9\): less specific \(\/1 against \/24\)/);
  });

  test('a server hover answers for its clients and for itself', () => {
    const text = fixture('server.conf');
    const md = hover(analyzeText(text), text, 10, '192.168.1.0') ?? '';
    assert.match(md, /^Each client installs:/);
    assert.match(md, /On clients, once connected, \*\*192\.168\.1\.0\*\* goes \*\*through the tunnel\*\*/);
    assert.match(md, /On this server, \*\*192\.168\.1\.0\*\* is not covered by this config/);
  });

  test('netmasks, inline blocks and plain options', () => {
    const text = fixture('client-split-pull-filter.ovpn');
    const result = analyzeText(text);
    assert.equal(hover(result, text, 9, '255.255.0.0'), 'Netmask `255.255.0.0` = **/16**.');
    assert.match(hover(result, text, 7, 'pull-filter') ?? '', /drops every pushed option that starts with `redirect-gateway`/);
    const full = fixture('client-full-tunnel.ovpn');
    assert.equal(hover(analyzeText(full), full, 18, '<ca>'), 'Inline `<ca>`: certificate (7 lines).');
    assert.equal(hover(analyzeText(full), full, 2, 'client')?.startsWith('**`client`**: Client mode'), true);
  });
});
