// chap-secrets and pap-secrets: `client server secret [addresses...]` lines, read as pppd reads them.
import { type Finding, makeFinding } from '../../model';
import type { Span } from '../../model';
import { parsePrefix } from '../../net/prefix';
import { type ConfigAnalysis, type ConfigContext, type ConfigHover, type ConfigSymbol, HIDDEN } from '../types';
import { type Word, readWords, splitLines } from './text';

/** One secrets entry: the secret word is only ever referred to by its span. */
export interface PppSecret {
  readonly client: Word;
  readonly server: Word;
  readonly secret: Span;
  readonly addresses: readonly Word[];
}

export interface PppSecretsAnalysis extends ConfigAnalysis {
  readonly format: 'ppp-secrets';
  readonly entries: readonly PppSecret[];
}

const ADDRESS_WORD = /^!?(?:\*|-|[0-9.]+(?:\/\d{1,2})?)$/;

export function analyzePppSecrets(text: string, _context: ConfigContext = {}): PppSecretsAnalysis {
  const lines = splitLines(text);
  const byLine = new Map<number, Word[]>();
  for (const word of readWords(lines)) {
    const list = byLine.get(word.span.line) ?? [];
    list.push(word);
    byLine.set(word.span.line, list);
  }
  const entries: PppSecret[] = [];
  const findings: Finding[] = [];
  const secrets: Span[] = [];
  for (const [line, words] of byLine) {
    const [client, server, secret, ...addresses] = words;
    const whole = { line, col: words[0]?.span.col ?? 0, endLine: line, endCol: words[words.length - 1]?.span.endCol ?? 0 };
    if (!client || !server || !secret) {
      // Whatever is there may be a secret written in the wrong place: no output quotes these words.
      findings.push(makeFinding('parse-error', 'error', `pppd ignores this line: an entry needs three fields (client, server, secret), and this one has ${words.length}.`, whole));
      continue;
    }
    secrets.push(secret.span);
    entries.push({ client, server, secret: secret.span, addresses });
    for (const a of addresses) {
      const bare = a.text.replace(/^!/, '');
      const valid = ADDRESS_WORD.test(a.text) && (bare === '*' || bare === '-' || parsePrefix(bare) !== undefined);
      // A word starting with @ names a file of addresses.
      if (!valid && !a.text.startsWith('@')) {
        findings.push(makeFinding('parse-error', 'error', `"${a.text}" is not an IPv4 address, a prefix, \`*\` or \`-\`: pppd cannot use it to limit the client's addresses.`, a.span));
      }
    }
  }
  const symbols: ConfigSymbol[] = entries.map((e) => ({
    name: `${e.client.text} → ${e.server.text}`,
    detail: `${HIDDEN}${e.addresses.length ? ` · ${e.addresses.map((a) => a.text).join(' ')}` : ''}`,
    kind: 'key',
    span: { ...e.client.span, endCol: (e.addresses[e.addresses.length - 1]?.span ?? e.secret).endCol },
    selectionSpan: e.client.span,
    children: [],
  }));
  const inside = (s: Span, line: number, c: number): boolean => s.line === line && c >= s.col && c <= s.endCol;
  return {
    format: 'ppp-secrets',
    findings,
    secrets,
    symbols,
    entries,
    // A secrets file brings nothing up.
    simulate: () => undefined,
    hoverAt(_lineText, line, character): ConfigHover | undefined {
      const hidden = secrets.find((s) => inside(s, line, character));
      if (hidden) return { markdown: `The secret: ${HIDDEN}.`, span: hidden };
      for (const e of entries) {
        if (inside(e.client.span, line, character)) return { markdown: `**Client** \`${e.client.text}\`: the name that authenticates (\`*\` matches any).`, span: e.client.span };
        if (inside(e.server.span, line, character)) return { markdown: `**Server** \`${e.server.text}\`: the name of the side that checks it (\`*\` matches any).`, span: e.server.span };
        const a = e.addresses.find((w) => inside(w.span, line, character));
        if (a) return { markdown: `**${a.text}**: addresses the client may use on the link (\`*\` any, \`-\` none, \`!\` excludes).`, span: a.span };
      }
      return undefined;
    },
  };
}

/** chap-secrets and pap-secrets carry nothing to recognise them by but their name; score only commented samples. */
export function scorePppSecrets(sample: readonly string[]): number {
  return sample.some((l) => /^#\s*Secrets for authentication using (?:CHAP|PAP)/i.test(l)) ? 1 : 0;
}
