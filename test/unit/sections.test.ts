import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { allSeeds } from '../fuzz/repo';
import { planValues } from './helpers';

const lines = (...l: string[]): string => l.join('\n');

/** The text of every file under test/fixtures. */
function fixtureTexts(): string[] {
  return allSeeds().filter((s) => s.group !== 'examples').map((s) => s.text);
}

describe('sections and detection', () => {
  test('a plain ip route dump is one section of the ip route format', () => {
    const a = analyze(lines('default via 10.0.0.1 dev eth0', '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5'));
    assert.equal(a.document.format, 'linux-ip-route');
    assert.equal(a.document.os, 'linux');
    assert.deepEqual(a.document.sections.map((s) => [s.format, s.startLine, s.endLine]), [['linux-ip-route', 0, 1]]);
  });

  test('prompts split a paste; output of commands no parser reads is skipped with one note', () => {
    const a = analyze(lines(
      'me@robot:~$ ping -c1 8.8.8.8',
      'PING 8.8.8.8 (8.8.8.8) 56(84) bytes of data.',
      '64 bytes from 8.8.8.8: icmp_seq=1 ttl=117 time=9.1 ms',
      'me@robot:~$ ip route',
      'default dev ppp0 scope link metric 50',
      'me@robot:~$ ip -6 route show table 100',
      'default dev wg0 metric 1024 pref medium',
    ));
    assert.deepEqual(a.findings.map((f) => `${f.code}@${f.span.line}`), ['unknown-format@0']);
    assert.deepEqual(a.document.sections.map((s) => [s.format, s.startLine, s.command]), [
      ['linux-ip-route', 3, 'ip route'],
      ['linux-ip-route', 5, 'ip -6 route show table 100'],
    ]);
    assert.deepEqual(a.document.routes.map((r) => [r.family, r.table]), [[4, 'main'], [6, '100']]);
  });

  test('garbage in the middle: readable lines are read, unreadable ones are parse errors', () => {
    const a = analyze(lines('default via 10.0.0.1 dev eth0', '%%% garbage %%%', '10.1.0.0/16 via 10.0.0.1 dev eth0'));
    assert.equal(a.document.routes.length, 2);
    assert.deepEqual(a.findings.map((f) => `${f.code}@${f.span.line}`), ['parse-error@1']);
  });

  test('a forced format reads the whole document with that parser', () => {
    const a = analyze('default via 10.0.0.1 dev eth0', { format: 'linux-ip-route' });
    assert.equal(a.document.sections[0]?.confidence, 1);
  });
});

describe('format choices offered to users', () => {
  test('the status bar list names every dump parser, and nothing else', async () => {
    const { FORMAT_CHOICES } = await import('../../server/src/protocol');
    const { PARSERS } = await import('../../server/src/core/formats/registry');
    assert.deepEqual(FORMAT_CHOICES.map((f) => f.id).sort(), PARSERS.map((p) => p.id).sort());
    for (const choice of FORMAT_CHOICES) assert.equal(choice.label, PARSERS.find((p) => p.id === choice.id)?.label ?? choice.label);
  });

  test('no parser calls a line that starts with a digit a header, so planning skips those lines', async () => {
    const { PARSERS } = await import('../../server/src/core/formats/registry');
    const { mayBeHeader } = await import('../../server/src/core/formats/sections');
    let headers = 0;
    for (const text of fixtureTexts()) {
      for (const line of text.split(/\r\n|\r|\n/)) {
        if (!PARSERS.some((p) => p.isHeader(line))) continue;
        headers++;
        assert.ok(mayBeHeader(line), `a header starting with a digit: ${line}`);
      }
    }
    assert.ok(headers > 20, `only ${headers} header lines in the fixtures`);
  });

  test('a plan over the lines of a text equals the plan over its split lines, for every fixture', async () => {
    const { PARSERS } = await import('../../server/src/core/formats/registry');
    const { planSections } = await import('../../server/src/core/formats/sections');
    const { TextLines } = await import('../../server/src/core/formats/textLines');
    const { splitLines } = await import('../../server/src/core/formats/tokens');
    const texts = fixtureTexts();
    // Prompts and comments between route lines, and a prompt character inside a route line's tail.
    texts.push(['$ ip route', '10.0.0.0/8 dev eth0', '10.1.0.0/16 dev eth0 # via > gw', 'user@box:~$ ip -6 route', '2001:db8::/32 dev wg0'].join('\r\n'));
    assert.ok(texts.length > 50, `only ${texts.length} fixtures`);
    for (const text of texts) {
      assert.deepEqual(planValues(planSections(new TextLines(text), PARSERS)), planValues(planSections(splitLines(text), PARSERS)));
    }
  });

  test('lines split the same with LF alone and with CR in the text', async () => {
    const { splitLines } = await import('../../server/src/core/formats/tokens');
    for (const text of ['', 'a', 'a\n', '\n\nb\n', 'a\r\nb\rc\nd', 'a\r', '\r\n\r\n', 'x\ny\r\n']) {
      assert.deepEqual(splitLines(text), text.split(/\r\n|\r|\n/), JSON.stringify(text));
    }
  });
});
