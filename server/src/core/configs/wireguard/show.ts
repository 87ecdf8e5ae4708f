import { type Span, spanOnLine } from '../../model';
import { HIDDEN } from '../types';
import type { WgEntry, WgSection } from './model';
import { type ParsedText, splitLines } from './parse';

/** `wg show` labels and the config keys they print. */
const INTERFACE_LABELS: Readonly<Record<string, string>> = {
  'public key': 'public key',
  'private key': 'PrivateKey',
  'listening port': 'ListenPort',
  fwmark: 'FwMark',
};
const PEER_LABELS: Readonly<Record<string, string>> = {
  'preshared key': 'PresharedKey',
  endpoint: 'Endpoint',
  'allowed ips': 'AllowedIPs',
  'latest handshake': 'latest handshake',
  transfer: 'transfer',
  'persistent keepalive': 'PersistentKeepalive',
};

/** True when the first meaningful line is `interface: NAME` or `peer: KEY`, as `wg show` prints. */
export function looksLikeShow(lines: readonly string[]): boolean {
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('$')) continue;
    return /^(?:interface|peer):\s+\S+$/.test(trimmed);
  }
  return false;
}

/**
 * Reads `wg show` / `wg show all` output into the same sections a config file gives: an `interface:` line
 * opens an [Interface], a `peer:` line opens a [Peer] whose PublicKey is on that line.
 */
export function parseShow(text: string): ParsedText {
  const sections: WgSection[] = [];
  const problems: ParsedText['problems'] = [];
  const secrets: Span[] = [];
  let open: { kind: 'interface' | 'peer'; header: Span; entries: WgEntry[]; last: Span; showName?: string } | undefined;
  const close = (): void => {
    if (!open) return;
    const span: Span = { line: open.header.line, col: open.header.col, endLine: open.last.line, endCol: open.last.endCol };
    sections.push({ kind: open.kind, header: open.header, span, entries: open.entries, label: undefined, showName: open.showName });
    open = undefined;
  };
  splitLines(text).forEach((line, n) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('$')) return;
    const start = line.length - line.trimStart().length;
    const colon = line.indexOf(':', start);
    if (colon < 0) {
      problems.push({ span: spanOnLine(n, start, start + trimmed.length), message: 'Expected "label: value" as wg show prints it.' });
      return;
    }
    const label = line.slice(start, colon).trim().toLowerCase();
    const rawValue = line.slice(colon + 1);
    const value = rawValue.trim();
    const valueCol = colon + 1 + (rawValue.length - rawValue.trimStart().length);
    const valueSpan = spanOnLine(n, valueCol, valueCol + value.length);
    const keySpan = spanOnLine(n, start, colon);
    if (start === 0 && (label === 'interface' || label === 'peer')) {
      close();
      const header = spanOnLine(n, 0, start + trimmed.length);
      open = { kind: label, header, entries: [], last: header };
      if (label === 'interface') open.showName = value;
      // The peer's public key sits on its header line.
      else open.entries.push({ key: 'peer', name: 'PublicKey', value, line: n, keySpan, valueSpan, secret: false });
      return;
    }
    if (!open) {
      problems.push({ span: spanOnLine(n, start, start + trimmed.length), message: 'This line comes before any "interface:" or "peer:" line.' });
      return;
    }
    const name = (open.kind === 'interface' ? INTERFACE_LABELS : PEER_LABELS)[label];
    const secret = name === 'PrivateKey' || name === 'PresharedKey';
    // `wg show` prints "(hidden)" unless WG_HIDE_KEYS=never, which prints the key itself.
    if (secret && value !== HIDDEN && value !== '') secrets.push(valueSpan);
    open.entries.push({ key: line.slice(start, colon).trim(), name, value, line: n, keySpan, valueSpan, secret });
    open.last = spanOnLine(n, start, start + trimmed.length);
  });
  close();
  return { sections, problems, secrets };
}
