import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePppOptions, analyzeXl2tpd } from '../../../server/src/core/configs/l2tp';
import { context, fixture, hoverIn } from './l2tpHelpers';

const ppp = (dumpName?: 'routes.txt' | 'routes-pinned.txt' | 'routes-no-default.txt') => (text: string) => analyzePppOptions(text, context(dumpName));

describe('pppd options hover', () => {
  test('defaultroute with a dump: the predicted default routes', () => {
    const md = hoverIn(ppp('routes.txt'), '\ndefault|route\nusepeerdns\n') ?? '';
    assert.match(md, /\*\*`defaultroute`\*\*/);
    assert.match(md, / {2}default via 192\.168\.101\.1 dev eth0 [^\n]*\(line 1 of routes\.txt\)/);
    assert.match(md, /pppd adds no default: routes\.txt has one already/);
    assert.match(md, /public addresses go outside the tunnel, through eth0 via 192\.168\.101\.1/);
  });

  test('replacedefaultroute with a dump: added and removed lines', () => {
    const md = hoverIn(ppp('routes.txt'), '\ndefaultroute\nreplace|defaultroute\n') ?? '';
    assert.match(md, /\+ default dev ppp0 scope link/);
    assert.match(md, /- default via 192\.168\.101\.1/);
    assert.match(md, /public addresses go into the tunnel \(ppp0/);
  });

  test('defaultroute-metric value, without a dump', () => {
    const md = hoverIn(ppp(), '\ndefaultroute\ndefaultroute-metric 5|0\n') ?? '';
    assert.match(md, /metric 50/);
    assert.match(md, /On a host that has one \(most\): nothing/);
  });

  test('local:remote addresses say where they go', () => {
    const md = hoverIn(ppp('routes.txt'), '\nnodefaultroute\n10.8.0.2:10.8.0.|1\n') ?? '';
    assert.match(md, /\*\*10\.8\.0\.1\*\*: the peer's address/);
    assert.match(md, /into the tunnel \(ppp0, by the peer route the kernel adds\)/);
  });

  test('password shows (hidden)', () => {
    const md = hoverIn(ppp(), '\npassword "s3|cret-value"\n') ?? '';
    assert.match(md, /\(hidden\)/);
    assert.doesNotMatch(md, /s3cret/);
  });
});

describe('xl2tpd hover', () => {
  const xl = (dumpName: 'routes.txt' | 'routes-pinned.txt', options?: string) => (text: string) =>
    analyzeXl2tpd(text, context(dumpName), options ? { pppOptionFiles: new Map([['/etc/ppp/opts', options]]) } : {});

  test('lns = HOST: where its packets go, now and once connected', () => {
    const md = hoverIn(xl('routes.txt', fixture('peers-full-tunnel')), '\n[lac corp]\nlns = 203.0.|113.77\npppoptfile = /etc/ppp/opts\n') ?? '';
    assert.match(md, /leave through eth0 via 192\.168\.101\.1 \(line 1 of routes\.txt\) now/);
    assert.match(md, /Once connected they go into the tunnel \(ppp0[^\n]*the tunnel would carry itself. Add `ip route add 203\.0\.113\.77 via 192\.168\.101\.1 dev eth0`/);
  });

  test('lns = HOST with the host route of the story', () => {
    const md = hoverIn(xl('routes-pinned.txt', fixture('peers-full-tunnel')), '\n[lac corp]\nlns = 203.0.|113.77\npppoptfile = /etc/ppp/opts\n') ?? '';
    assert.match(md, /line 3 of routes-pinned\.txt/);
    assert.match(md, /stay outside the tunnel once connected/);
  });

  test('a field name and an address value', () => {
    assert.match(hoverIn(xl('routes.txt'), '\n[lac corp]\nredial time|out = 15\n') ?? '', /Seconds between redials/);
    assert.match(hoverIn(xl('routes.txt'), '\n[lns default]\nip range = 10.20.0.10-10.20.0.|50\n') ?? '', /\*\*10\.20\.0\.50\*\*[^\n]*outside the tunnel, through eth0 via 192\.168\.101\.1/);
  });
});
