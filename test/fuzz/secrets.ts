// Secret values read straight from fixture text, independent of the parsers under test.
import type { Span } from '../../server/src/core/model';

const KEY_LINE = /^\s*(?:PrivateKey|PresharedKey)\s*=\s*(\S+)\s*$/i;
const SHOW_LINE = /^\s*(?:private key|preshared key):\s*(\S+)\s*$/i;
const SECRET_BLOCKS = new Set(['key', 'tls-auth', 'tls-crypt', 'tls-crypt-v2', 'secret', 'pkcs12', 'auth-user-pass', 'http-proxy-user-pass']);
const PSK_LINE = /^\s*(?:psk|secret|password|leftpsk|rightpsk|pre-shared-key)\s*[=:]\s*"?([^"\s]{6,})"?\s*$/i;

/** The secret strings of a config: key values, the lines of secret inline blocks, passwords. */
export function extractSecrets(text: string): string[] {
  const out = new Set<string>();
  let block: string | undefined;
  let blockLine = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    const close = /^<\/([a-z0-9-]+)>$/i.exec(line);
    if (block && close) {
      block = undefined;
      continue;
    }
    if (block) {
      blockLine++;
      // The user name of auth-user-pass is not secret; the password line is.
      const isUser = block === 'auth-user-pass' && blockLine === 1;
      if (!isUser && line.length >= 6 && !line.startsWith('-----') && !line.startsWith('#')) out.add(line);
      continue;
    }
    const open = /^<([a-z0-9-]+)>$/i.exec(line);
    if (open?.[1] && SECRET_BLOCKS.has(open[1].toLowerCase())) {
      block = open[1].toLowerCase();
      blockLine = 0;
      continue;
    }
    const value = KEY_LINE.exec(raw)?.[1] ?? SHOW_LINE.exec(raw)?.[1] ?? PSK_LINE.exec(raw)?.[1];
    if (value && value !== '(hidden)' && value.length >= 6) out.add(value);
  }
  return [...out];
}

/** The text under reported secret spans, for families this file does not know. */
export function spanTexts(text: string, spans: readonly Span[]): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  for (const s of spans) {
    const parts = lines.slice(s.line, s.endLine + 1);
    if (parts.length === 0) continue;
    const joined = s.line === s.endLine
      ? (parts[0] ?? '').slice(s.col, s.endCol)
      : [(parts[0] ?? '').slice(s.col), ...parts.slice(1, -1), (parts.at(-1) ?? '').slice(0, s.endCol)].join('\n');
    for (const piece of joined.split('\n').map((p) => p.trim())) {
      if (piece.length >= 6 && !piece.startsWith('-----')) out.push(piece);
    }
  }
  return out;
}

/** Windows of a secret long enough that finding one in output means part of the secret leaked. */
function fragments(secret: string): string[] {
  const size = 16;
  if (secret.length <= size) return [secret];
  const out: string[] = [];
  for (let i = 0; i + size <= secret.length; i += 4) out.push(secret.slice(i, i + size));
  return out;
}

/** Each secret that `output` contains, in whole or in a 16-character piece. */
export function leaks(output: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => fragments(s).some((f) => output.includes(f)));
}
