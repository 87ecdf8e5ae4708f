import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import { parseIPv4 } from '../../../server/src/core/net/address';
import {
  analyzePppOptions, analyzePppSecrets, analyzeXl2tpd, pppOptionsFamily, pppSecretsFamily, scorePppOptions, scorePppSecrets, scoreXl2tpd, xl2tpdFamily,
} from '../../../server/src/core/configs/l2tp';
import { analyzeFixture, codes, context, dump, fixture, root } from './l2tpHelpers';

describe('l2tp findings per fixture', () => {
  const expected: Record<string, { none: string[]; routes: string[] }> = {
    'options.l2tpd.client': { none: ['usepeerdns-missing@2', 'defaultroute-not-replacing@10'], routes: ['usepeerdns-missing@2', 'defaultroute-not-replacing@10'] },
    'peers-full-tunnel': { none: [], routes: [] },
    'options-split': { none: ['no-default-route@2'], routes: ['no-default-route@2'] },
    'options-metric': { none: ['defaultroute-not-replacing@2'], routes: ['defaultroute-not-replacing@2'] },
    'options-errors': {
      none: ['unknown-option@2', 'parse-error@4', 'unknown-option@5', 'no-default-route@6', 'parse-error@7', 'parse-error@8'],
      routes: ['unknown-option@2', 'parse-error@4', 'unknown-option@5', 'no-default-route@6', 'parse-error@7', 'parse-error@8'],
    },
    'chap-secrets': { none: ['parse-error@5', 'parse-error@6'], routes: ['parse-error@5', 'parse-error@6'] },
    'pap-secrets': { none: [], routes: [] },
    'xl2tpd.conf': { none: ['lns-host-route@7'], routes: ['lns-host-route@7'] },
    'xl2tpd-server.conf': { none: [], routes: [] },
    'xl2tpd-defaultroute.conf': {
      none: ['pppoptfile-missing@2', 'lns-host-route@3', 'defaultroute-not-replacing@4'],
      routes: ['pppoptfile-missing@2', 'lns-host-route@3', 'defaultroute-not-replacing@4'],
    },
    'xl2tpd-errors.conf': {
      none: ['parse-error@1', 'parse-error@3', 'pppoptfile-missing@4', 'lns-host-route@5', 'parse-error@6', 'unknown-key@7', 'unknown-key@8', 'parse-error@9', 'parse-error@10'],
      routes: ['parse-error@1', 'parse-error@3', 'pppoptfile-missing@4', 'lns-host-route@5', 'parse-error@6', 'unknown-key@7', 'unknown-key@8', 'parse-error@9', 'parse-error@10'],
    },
  };
  for (const [name, want] of Object.entries(expected)) {
    test(name, () => {
      assert.deepEqual(codes(analyzeFixture(name)), want.none);
      assert.deepEqual(codes(analyzeFixture(name, context('routes.txt'))), want.routes);
    });
  }
});

describe('defaultroute-not-replacing: the seed story', () => {
  const text = fixture('options.l2tpd.client');

  test('with a dump that has a default route: a warning that names the dump line', () => {
    const f = analyzePppOptions(text, context('routes.txt')).findings.find((x) => x.code === 'defaultroute-not-replacing');
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.span, { line: 9, col: 0, endLine: 9, endCol: 12 });
    assert.match(f.message, /adds nothing on this machine: routes\.txt already has a default route \(`default via 192\.168\.101\.1 dev eth0[^`]*`, line 1 of routes\.txt\)/);
    assert.match(f.message, /outside the VPN/);
    assert.match(f.message, /pppd 2\.4\.9 \(Debian 12\) has `replacedefaultroute`/);
    assert.match(f.message, /ppp-project\/ppp#544/);
    assert.equal(f.related[0]?.span.line, 0);
  });

  test('with a dump that has none: information, pppd adds its default', () => {
    const f = analyzePppOptions(text, context('routes-no-default.txt')).findings.find((x) => x.code === 'defaultroute-not-replacing');
    assert.equal(f?.severity, 'information');
    assert.match(f?.message ?? '', /has no default route, so pppd adds `default dev ppp0 scope link`/);
  });

  test('without a dump: a warning that it only works on a host without a default route', () => {
    const f = analyzePppOptions(text).findings.find((x) => x.code === 'defaultroute-not-replacing');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /only takes effect on a host with no default route/);
  });

  test('a dump from another OS is not used for the prediction', () => {
    const mac = analyzePppOptions(text, { dump: analyze(readFileSync(join(root, 'test/fixtures/macos/sonoma-wifi.txt'), 'utf8')), dumpName: 'mac.txt' });
    assert.match(mac.findings.find((x) => x.code === 'defaultroute-not-replacing')?.message ?? '', /mac\.txt is not a Linux table/);
  });

  test('the version the caller knows is named', () => {
    const f = analyzePppOptions(text, {}, { pppVersion: '2.4.9' }).findings.find((x) => x.code === 'defaultroute-not-replacing');
    assert.match(f?.message ?? '', /pppd 2\.4\.9 \(this machine\)/);
  });

  test('defaultroute-metric does not help on pppd 2.4.9', () => {
    const f = analyzePppOptions(fixture('options-metric'), context('routes.txt')).findings[0];
    assert.match(f?.message ?? '', /`defaultroute-metric 50` does not change that in pppd 2\.4\.9/);
  });

  test('replacedefaultroute, or the last of defaultroute/nodefaultroute, decides', () => {
    assert.deepEqual(codes(analyzePppOptions('defaultroute\nreplacedefaultroute\nusepeerdns\n')), []);
    assert.deepEqual(codes(analyzePppOptions('defaultroute\nnodefaultroute\nusepeerdns\n')), ['no-default-route@2']);
    // pppd refuses a defaultroute after nodefaultroute, so it adds nothing either way.
    assert.deepEqual(codes(analyzePppOptions('nodefaultroute\ndefaultroute\nusepeerdns\n')), ['no-default-route@1', 'parse-error@2']);
    assert.deepEqual(codes(analyzePppOptions('replacedefaultroute\ndefaultroute\nnoreplacedefaultroute\nusepeerdns\n')), ['defaultroute-not-replacing@2']);
    assert.deepEqual(codes(analyzePppOptions('replacedefaultroute\nusepeerdns\n')), ['no-default-route@1', 'no-default-route@1']);
  });
});

describe('other pppd findings', () => {
  test('no-default-route says where the rest goes, with a dump', () => {
    const f = analyzePppOptions(fixture('options-split'), context('routes.txt')).findings[0];
    assert.equal(f?.severity, 'information');
    assert.match(f?.message ?? '', /split tunnel by omission/);
    assert.match(f?.message ?? '', /outside the tunnel, through eth0 via 192\.168\.101\.1 \(line 1 of routes\.txt\)/);
  });

  test('exact ranges and did-you-mean', () => {
    const a = analyzePppOptions(fixture('options-errors'));
    const byLine = (n: number) => a.findings.filter((f) => f.span.line === n - 1);
    assert.deepEqual(byLine(2)[0]?.span, { line: 1, col: 0, endLine: 1, endCol: 11 });
    assert.match(byLine(2)[0]?.message ?? '', /Did you mean `defaultroute`\?/);
    assert.deepEqual(byLine(4)[0]?.span, { line: 3, col: 4, endLine: 3, endCol: 7 });
    assert.match(byLine(5)[0]?.message ?? '', /Did you mean `password`\?/);
    assert.match(byLine(7)[0]?.message ?? '', /"defaultroute option is disabled" by the `nodefaultroute` on line 6/);
    assert.match(byLine(8)[0]?.message ?? '', /too few parameters for option 'lcp-echo-interval'/);
    assert.match(analyzePppOptions('name "robot 7\n').findings.find((f) => f.code === 'parse-error')?.message ?? '', /quote is never closed/);
  });

  test('usepeerdns-missing sits on the first option', () => {
    const f = analyzePppOptions('noauth\ndefaultroute\nreplacedefaultroute\n').findings;
    assert.deepEqual(f.map((x) => `${x.code}@${x.span.line}:${x.span.col}-${x.span.endCol}`), ['usepeerdns-missing@0:0-6']);
  });
});

describe('xl2tpd findings', () => {
  const story = (routes: 'routes.txt' | 'routes-pinned.txt', options: string) =>
    analyzeXl2tpd(fixture('xl2tpd.conf'), context(routes), { pppOptionFiles: new Map([['/etc/ppp/options.l2tpd.client', options]]) });

  test('lns-host-route: a full tunnel without a host route for the LNS is a warning with the command to add', () => {
    const f = story('routes.txt', fixture('peers-full-tunnel')).findings.find((x) => x.code === 'lns-host-route');
    assert.equal(f?.severity, 'warning');
    assert.deepEqual(f?.span, { line: 6, col: 6, endLine: 6, endCol: 18 });
    assert.match(f?.message ?? '', /would go into the tunnel \(ppp0, by the default route pppd adds\)/);
    assert.match(f?.message ?? '', /`ip route add 203\.0\.113\.77 via 192\.168\.101\.1 dev eth0`/);
  });

  test('lns-host-route: the host route of the story keeps it outside', () => {
    const f = story('routes-pinned.txt', fixture('peers-full-tunnel')).findings.find((x) => x.code === 'lns-host-route');
    assert.equal(f?.severity, 'information');
    assert.match(f?.message ?? '', /leaves through eth0 via 192\.168\.101\.1 \(line 3 of routes-pinned\.txt\)/);
    assert.equal(f?.related[0]?.span.line, 2);
  });

  test('lns-host-route: the seed options never take the default, so the LNS stays outside', () => {
    const a = story('routes.txt', fixture('options.l2tpd.client'));
    assert.equal(a.findings.find((x) => x.code === 'lns-host-route')?.severity, 'information');
  });

  test('pppoptfile-missing: a path the caller did not supply does not exist', () => {
    const a = analyzeXl2tpd(fixture('xl2tpd.conf'), {}, { pppOptionFiles: new Map() });
    const f = a.findings.find((x) => x.code === 'pppoptfile-missing');
    assert.equal(f?.severity, 'warning');
    assert.deepEqual(f?.span, { line: 7, col: 13, endLine: 7, endCol: 42 });
    assert.deepEqual(a.pppOptionFiles, [{ path: '/etc/ppp/options.l2tpd.client', line: 7 }]);
  });

  test('unknown and misplaced fields', () => {
    const a = analyzeXl2tpd(fixture('xl2tpd-errors.conf'));
    assert.match(a.findings.find((f) => f.span.line === 6)?.message ?? '', /Did you mean `redial timeout`\?/);
    assert.match(a.findings.find((f) => f.span.line === 7)?.message ?? '', /belongs in \[lns …\], not \[lac\]/);
    assert.deepEqual(a.findings.find((f) => f.span.line === 5)?.span, { line: 5, col: 9, endLine: 5, endCol: 18 });
  });

  test('symbols: sections with their fields', () => {
    const a = analyzeXl2tpd(fixture('xl2tpd.conf'));
    assert.deepEqual(a.symbols.map((s) => `${s.name}:${s.detail ?? ''}:${s.children.length}`), ['[global]::2', '[lac corp]:lns 203.0.113.77:12']);
  });
});

describe('ppp secrets', () => {
  test('entries, hidden secrets and exact ranges', () => {
    const a = analyzePppSecrets(fixture('chap-secrets'));
    assert.deepEqual(a.symbols.map((s) => `${s.name}|${s.detail ?? ''}`), ['robot7 → *|(hidden) · *', 'robot 8 → corp-lns|(hidden) · 10.8.0.0/24 !10.8.0.1', '* → l2tp-server|(hidden) · 10.20.0.10 bogus']);
    assert.match(a.findings[0]?.message ?? '', /needs three fields \(client, server, secret\), and this one has 2/);
    assert.deepEqual(a.findings[1]?.span, { line: 5, col: 40, endLine: 5, endCol: 45 });
    assert.equal(a.hoverAt('', 2, 12)?.markdown, 'The secret: (hidden).');
    assert.equal(pppSecretsFamily.languageId, 'ppp-secrets');
    assert.equal(scorePppSecrets(fixture('chap-secrets').split('\n')), 1);
    assert.equal(scorePppSecrets(fixture('peers-full-tunnel').split('\n')), 0);
  });
});

describe('detection and the family objects', () => {
  test('scores', () => {
    assert.ok(scoreXl2tpd(fixture('xl2tpd.conf').split('\n')) > 0.9);
    assert.ok(scorePppOptions(fixture('peers-full-tunnel').split('\n')) > 0.9);
    assert.equal(scoreXl2tpd(['[Interface]', 'Address = 10.0.0.2/24']), 0);
    assert.equal(scorePppOptions(['client', 'dev tun', 'remote vpn.example.net 1194']), 0);
    assert.equal(scorePppOptions(fixture('xl2tpd.conf').split('\n')), 0);
    assert.equal(scoreXl2tpd(fixture('options.l2tpd.client').split('\n')), 0);
  });

  test('families', () => {
    assert.equal(xl2tpdFamily.languageId, 'xl2tpd');
    assert.equal(pppOptionsFamily.languageId, 'ppp-options');
    assert.equal(xl2tpdFamily.analyze(fixture('xl2tpd.conf'), {}).format, 'xl2tpd');
    assert.equal(pppOptionsFamily.analyze(fixture('peers-full-tunnel'), { dump: dump(), dumpName: 'routes.txt' }).format, 'ppp-options');
  });
});

describe('explainAddress', () => {
  const addr = (text: string) => {
    const a = parseIPv4(text);
    assert.ok(a);
    return a;
  };

  test('pppd options: with and without a dump', () => {
    const full = analyzePppOptions(fixture('peers-full-tunnel'), context('routes.txt'));
    assert.deepEqual(full.explainAddress?.(addr('8.8.8.8')), { tunnel: true, receiver: 'ppp0', summary: '8.8.8.8 goes into the tunnel (ppp0, by the default route pppd adds).' });
    const seed = analyzePppOptions(fixture('options.l2tpd.client'));
    assert.equal(seed.explainAddress?.(addr('8.8.8.8'))?.tunnel, false);
    assert.match(seed.explainAddress?.(addr('8.8.8.8'))?.summary ?? '', /only on a host with no default route/);
  });

  test('xl2tpd: the LNS, and other addresses through the pppoptfile', () => {
    const a = analyzeXl2tpd(fixture('xl2tpd.conf'), context('routes.txt'), { pppOptionFiles: new Map([['/etc/ppp/options.l2tpd.client', fixture('peers-full-tunnel')]]) });
    const lns = a.explainAddress?.(addr('203.0.113.77'));
    assert.equal(lns?.tunnel, true);
    assert.match(lns?.summary ?? '', /is the LNS: its L2TP packets must stay outside ppp0\. It leaves through eth0 via 192\.168\.101\.1 \(line 1 of routes\.txt\) now\. Once connected it goes into the tunnel/);
    assert.equal(a.explainAddress?.(addr('192.168.101.9'))?.tunnel, false);
    assert.match(analyzeXl2tpd(fixture('xl2tpd.conf')).explainAddress?.(addr('8.8.8.8'))?.summary ?? '', /Depends on \/etc\/ppp\/options\.l2tpd\.client/);
  });
});
