import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { type DocumentAnalysis, analyzeDocument } from '../../server/src/core/analyzeDocument';
import { reviewFindings } from '../../server/src/core/findingPolicy';
import { commentSyntaxFor } from '../../server/src/core/suppressions';

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const fixtures = join(findRoot(__dirname), 'test', 'fixtures');

/** The format whose reader reads `line`: a dump's section there, else the document's format. */
function formatAt(doc: DocumentAnalysis, line: number): string {
  if (doc.kind !== 'routes') return doc.format;
  return doc.analysis.document.sections.find((s) => s.startLine <= line && line <= s.endLine)?.format ?? doc.format;
}

/** What a suppression comment must not change: the format, the routes read and every finding's code. */
function shape(doc: DocumentAnalysis): string {
  const routes = doc.kind === 'routes' ? doc.analysis.document.routes.length : -1;
  return `${doc.format} ${routes} ${doc.findings.map((f) => f.code).sort().join(',')}`;
}

function reviewed(text: string, name: string): ReturnType<typeof reviewFindings> {
  const doc = analyzeDocument(text, { fileName: name });
  return reviewFindings(text, doc.format, doc.findings, {}, doc.kind === 'routes' ? doc.analysis.document.sections : []);
}

const cases = ['linux', 'macos', 'bsd', 'windows', 'wireguard', 'openvpn', 'strongswan', 'networkmanager', 'l2tp']
  .flatMap((dir) => readdirSync(join(fixtures, dir)).filter((name) => name !== 'README.md').map((name) => ({ dir, name })));

// Every parser reads a suppression comment as a comment: the same routes and findings with it as without it.
describe('suppression comments are comments in every format', () => {
  for (const { dir, name } of cases) {
    test(`${dir}/${name}`, () => {
      const text = readFileSync(join(fixtures, dir, name), 'utf8');
      const lines = text.split('\n');
      const base = analyzeDocument(text, { fileName: name });
      // The line a comment goes above: a route, or the first finding, or the first line with content.
      const routeLine = base.kind === 'routes' ? base.analysis.document.routes[0]?.span.line : undefined;
      const firstContent = lines.findIndex((l) => l.trim() !== '' && !commentSyntaxFor(base.format).markers.includes(l.trim()[0] ?? ''));
      let target = routeLine ?? base.findings[0]?.span.line ?? Math.max(0, firstContent);
      const format = formatAt(base, target);
      // JSON has comments only between values: above the whole value, not inside it.
      if (format === 'linux-ip-json') target = 0;
      const syntax = commentSyntaxFor(format);
      const marker = syntax.markers[0] ?? '#';

      const above = [...lines.slice(0, target), `${marker} route-lens-disable-next-line unknown-keyword, parse-error`, ...lines.slice(target)].join('\n');
      assert.equal(shape(analyzeDocument(above, { fileName: name })), shape(base), 'a comment line changed the analysis');
      const top = [`${marker} route-lens-disable unknown-keyword`, ...lines].join('\n');
      assert.equal(shape(analyzeDocument(top, { fileName: name })), shape(base), 'a comment at the top changed the analysis');
      assert.ok(!reviewed(above, name).some((f) => f.code === 'invalid-suppression'), 'a well-formed comment got a hint');

      if (syntax.trailing) {
        const trailing = lines.slice();
        trailing[target] = `${trailing[target] ?? ''} ${marker} route-lens-disable-line unknown-keyword`;
        assert.equal(shape(analyzeDocument(trailing.join('\n'), { fileName: name })), shape(base), 'a trailing comment changed the analysis');
      }
    });
  }
});

describe('per-format comment syntax', () => {
  test('OpenVPN takes # and ;, xl2tpd only ;, and formats without trailing comments say so', () => {
    assert.equal(commentSyntaxFor('openvpn').markers, '#;');
    assert.equal(commentSyntaxFor('xl2tpd').markers, ';');
    for (const format of ['networkmanager', 'ppp-secrets', 'ipsec.secrets', 'linux-net-tools', 'windows-route-print', 'linux-ip-json']) {
      assert.equal(commentSyntaxFor(format).trailing, false, format);
    }
    for (const format of ['linux-ip-route', 'macos-netstat', 'wireguard', 'openvpn', 'ipsec.conf', 'swanctl', 'ppp-options', 'xl2tpd']) {
      assert.equal(commentSyntaxFor(format).trailing, true, format);
    }
  });

  test('a ; comment silences a finding in OpenVPN, and a # line is no comment to xl2tpd', () => {
    const ovpn = ['client', 'dev tun', '; route-lens-disable-next-line unknown-directive', 'redirect-gatway def1', 'remote vpn.example.com 1194'].join('\n');
    assert.ok(analyzeDocument(ovpn, { fileName: 'a.ovpn' }).findings.some((f) => f.code === 'unknown-directive'));
    assert.ok(!reviewed(ovpn, 'a.ovpn').some((f) => f.code === 'unknown-directive'));
    const xl2tpd = ['[lac office]', 'lns = 203.0.113.5', '; route-lens-disable-next-line unknown-key', 'frobnicate = yes'].join('\n');
    assert.ok(!reviewed(xl2tpd, 'xl2tpd.conf').some((f) => f.code === 'unknown-key'));
    const hashed = xl2tpd.replace('; route-lens', '# route-lens');
    assert.ok(reviewed(hashed, 'xl2tpd.conf').some((f) => f.code === 'unknown-key'), 'xl2tpd reads # lines as text, so they silence nothing');
  });

  test('in a paste of two dumps each section keeps its own syntax', () => {
    const text = [
      '$ ip route',
      'default via 192.168.1.1 dev eth0',
      '10.9.0.0/16 via 192.168.1.1 dev eth0 frobnicate 3 # route-lens-disable-line unknown-keyword',
      '$ route -n',
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface',
      '0.0.0.0         192.168.1.1     0.0.0.0         UG    100    0        0 eth0 # route-lens-disable-line parse-error',
    ].join('\n');
    const findings = reviewed(text, 'paste.txt');
    assert.ok(!findings.some((f) => f.code === 'unknown-keyword'), 'the ip route line takes trailing comments');
    const hint = findings.find((f) => f.code === 'invalid-suppression');
    assert.equal(hint?.span.line, 6);
    assert.match(hint?.message ?? '', /route -n/);
  });
});
