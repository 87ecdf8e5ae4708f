import { addressWordAt } from '../../explain/tokenAt';
import { type Span, spanOnLine } from '../../model';
import { type Address, parseAddress } from '../../net/address';
import { type Prefix, parsePrefix } from '../../net/prefix';
import { type ConfigHover, HIDDEN } from '../types';
import { addressMarkdown, installMarkdown, peerMarkdown, prefixMarkdown } from './hoverText';
import { keyInfo } from './keys';
import type { WgEntry, WgSection } from './model';
import type { Device, WgState } from './state';

function inside(span: Span, line: number, character: number): boolean {
  if (line < span.line || line > span.endLine) return false;
  if (line === span.line && character < span.col) return false;
  return !(line === span.endLine && character > span.endCol);
}

/** The device a line belongs to: `wg show all` has one per `interface:` block. */
function deviceAt(state: WgState, line: number): Device | undefined {
  let found = state.devices[0];
  for (const device of state.devices) {
    const first = device.config.interface.section?.header.line ?? device.config.peers[0]?.section.header.line;
    if (first !== undefined && first <= line) found = device;
  }
  return found;
}

interface Located {
  readonly section: WgSection;
  readonly entry: WgEntry | undefined;
}

function locate(state: WgState, line: number): Located | undefined {
  for (const section of state.doc.sections) {
    if (section.header.line === line) return { section, entry: undefined };
    if (line < section.span.line || line > section.span.endLine) continue;
    const entry = section.entries.find((e) => e.line === line);
    if (entry) return { section, entry };
  }
  return undefined;
}

/** An address or prefix under the cursor, including `IPv4:port` and `[IPv6]:port` endpoints. */
export function addressTokenAt(lineText: string, character: number): { value: Address | Prefix; span: Span } | undefined {
  const word = addressWordAt(lineText, character);
  if (!word || word.text === 'default') return undefined;
  let text = word.text;
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
  if (withPort?.[1] !== undefined) text = withPort[1];
  const span = { col: word.start, endCol: word.start + text.length };
  if (text.includes('/')) {
    const parsed = parsePrefix(text);
    return parsed ? { value: parsed.prefix, span: spanOnLine(0, span.col, span.endCol) } : undefined;
  }
  const address = parseAddress(text);
  return address ? { value: address, span: spanOnLine(0, span.col, span.endCol) } : undefined;
}

/** Hover for one position; secrets are answered with `(hidden)` and never read. */
export function hoverAt(state: WgState, lineText: string, line: number, character: number): ConfigHover | undefined {
  const at = locate(state, line);
  const entry = at?.entry;
  if (entry?.secret) {
    const info = entry.name ? keyInfo(entry.name) : undefined;
    if (info && inside(entry.keySpan, line, character)) return { markdown: `**${info.name}** (${info.owner}): ${info.doc}`, span: entry.keySpan };
    return hidden(entry.name ?? 'Secret', entry.valueSpan);
  }
  for (const secret of state.doc.secrets) {
    if (inside(secret, line, character)) return hidden('Secret', secret);
  }
  const device = deviceAt(state, line);
  if (!device) return undefined;
  if (at && !entry && inside(at.section.header, line, character)) {
    if (at.section.kind === 'interface') return { markdown: installMarkdown(state, device), span: at.section.header };
    const peer = device.config.peers.find((p) => p.section === at.section);
    if (peer) return { markdown: peerMarkdown(device, peer), span: at.section.header };
  }
  if (entry && (entry.name === 'Table' || entry.name === 'FwMark') && (inside(entry.keySpan, line, character) || inside(entry.valueSpan, line, character))) {
    return { markdown: installMarkdown(state, device), span: entry.keySpan };
  }
  if (entry?.name === 'PublicKey' && inside(entry.valueSpan, line, character)) {
    const peer = device.config.peers.find((p) => p.section === at?.section);
    if (peer) return { markdown: peerMarkdown(device, peer), span: entry.valueSpan };
  }
  const token = addressTokenAt(lineText, character);
  if (token) {
    const span = { ...token.span, line, endLine: line };
    const markdown = 'len' in token.value
      ? prefixMarkdown(device, token.value)
      : addressMarkdown(state, device, token.value);
    return { markdown, span };
  }
  if (entry && inside(entry.keySpan, line, character)) {
    const info = entry.name ? keyInfo(entry.name) : undefined;
    if (info) return { markdown: `**${info.name}** (${info.owner}): ${info.doc}`, span: entry.keySpan };
  }
  return undefined;
}

function hidden(name: string, span: Span): ConfigHover {
  return { markdown: `**${name}**: ${HIDDEN}. Route Lens never shows secret values.`, span };
}
