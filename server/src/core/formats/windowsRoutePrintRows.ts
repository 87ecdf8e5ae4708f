import { type Address, parseIPv4, parseIPv6 } from '../net/address';
import { formatPrefix, parsePrefix, prefixOf } from '../net/prefix';
import { type Span, spanOnLine } from '../model';
import { clip } from './ipRoute';
import type { Token } from './tokens';
import { isDefaultMetricWord } from './windowsHeaders';
import { type WindowsRouteDraft, maskLength, parseMetric } from './windowsRoutes';

/** What reading one row gave: a route, a problem, or an IPv6 row whose gateway is on the next line. */
export type RowResult =
  | { readonly draft: WindowsRouteDraft; readonly warning?: Problem }
  | { readonly problem: Problem }
  | { readonly pending: PendingRow };

export interface Problem {
  readonly code: 'parse-error' | 'invalid-prefix';
  readonly message: string;
  readonly span: Span;
}

/** An IPv6 row cut after its destination: `route print` moves a long destination's gateway to the next line. */
export interface PendingRow {
  readonly tokens: readonly Token[];
  readonly line: number;
  readonly text: string;
  readonly persistent: boolean;
}

const ROW_HINT = 'expected Network Destination, Netmask, Gateway, Interface and Metric';

/** An IPv4 row: `dest mask gateway interface metric`, or `dest mask gateway metric` under Persistent Routes. */
export function readIPv4Row(tokens: readonly Token[], n: number, text: string, persistent: boolean): RowResult {
  const first = tokens[0] as Token;
  const last = tokens[tokens.length - 1] as Token;
  const whole = spanOnLine(n, first.start, last.end);
  const dest = parseIPv4(first.text) as Address;
  const maskTok = tokens[1];
  if (!maskTok) return problem(`A route row needs a netmask after '${clip(first.text)}'.`, whole);
  const mask = parseIPv4(maskTok.text);
  const len = mask && maskLength(mask);
  if (len === undefined) return problem(`'${clip(maskTok.text)}' is not a netmask (contiguous ones, such as 255.255.255.0).`, tokenSpan(n, maskTok));
  const prefix = prefixOf(dest, len);
  const prefixSpan = spanOnLine(n, first.start, first.end);
  const warning = prefix.words[0] !== dest.words[0]
    ? { code: 'invalid-prefix' as const, message: `${first.text} has bits set past its netmask; Windows rejects such a route ("the mask parameter is invalid"). Read as ${formatPrefix(prefix)}.`, span: prefixSpan }
    : undefined;
  const rest = tokens.slice(2);
  const attributes: Record<string, string> = {};
  let gatewayTokens: readonly Token[];
  let ifAddress: Address | undefined;
  let metric: number;
  let metricExplicit = true;
  if (persistent) {
    // Persistent rows have no Interface column; their metric may be a word (`Default`).
    const metricTok = rest[rest.length - 1];
    if (!metricTok || rest.length < 2) return problem(`A persistent route row needs a gateway and a metric: Network Address, Netmask, Gateway Address, Metric.`, whole);
    const value = parseMetric(metricTok.text);
    if (value !== undefined) {
      metric = value;
      gatewayTokens = rest.slice(0, -1);
    } else {
      // `Par défaut` takes two words.
      const words = rest.length >= 3 && isDefaultMetricWord(`${(rest[rest.length - 2] as Token).text} ${metricTok.text}`) ? 2 : 1;
      const metricText = rest.slice(rest.length - words).map((t) => t.text).join(' ');
      if (!isDefaultMetricWord(metricText)) {
        return problem(`Metric '${clip(metricText)}' is neither a number nor the word for a default metric.`, tokenSpan(n, metricTok));
      }
      metric = 0;
      metricExplicit = false;
      attributes.routeMetric = metricText;
      gatewayTokens = rest.slice(0, rest.length - words);
    }
    if (metricExplicit) attributes.routeMetric = String(metric);
  } else {
    const metricTok = rest[rest.length - 1];
    const ifTok = rest[rest.length - 2];
    if (!metricTok || !ifTok || rest.length < 3) return problem(`Too few columns: ${ROW_HINT}.`, whole);
    const value = parseMetric(metricTok.text);
    if (value === undefined) return problem(`Metric '${clip(metricTok.text)}' is not a number from 0 to 4294967295.`, tokenSpan(n, metricTok));
    ifAddress = parseIPv4(ifTok.text);
    if (!ifAddress) return problem(`'${clip(ifTok.text)}' is not an interface address: ${ROW_HINT}.`, tokenSpan(n, ifTok));
    metric = value;
    gatewayTokens = rest.slice(0, -2);
    attributes.interface = ifTok.text;
  }
  const gateway = readGateway(gatewayTokens, 4, n);
  if ('problem' in gateway) return gateway;
  // Older Windows wrote an on-link route's gateway as the interface's own address.
  const onLink = gateway.address === undefined || gateway.address.words[0] === 0
    || (ifAddress !== undefined && gateway.address.words[0] === ifAddress.words[0]);
  if (gateway.words !== undefined) attributes.gateway = gateway.words;
  const draft: WindowsRouteDraft = {
    family: 4,
    prefix,
    gateway: onLink ? undefined : gateway.address,
    // A strict dotted quad is already its canonical text.
    ifKey: attributes.interface,
    device: attributes.interface,
    ifAddress,
    metric,
    metricExplicit,
    persistent,
    attributes,
    span: whole,
    prefixSpan,
    text: clip(text, 160),
  };
  return warning ? { draft, warning } : { draft };
}

/** An IPv6 row: `If Metric Destination Gateway`; a missing gateway means it is on the next line. */
export function readIPv6Row(tokens: readonly Token[], n: number, text: string, persistent: boolean): RowResult {
  if (tokens.length < 4) return { pending: { tokens, line: n, text, persistent } };
  return finishIPv6Row(tokens, tokens.slice(3), n, n, text, persistent);
}

/** Completes a wrapped IPv6 row with the line holding its gateway, or undefined when that line is something else. */
export function continueIPv6Row(pending: PendingRow, tokens: readonly Token[], n: number): RowResult | undefined {
  if (!isGatewayLine(tokens)) return undefined;
  return finishIPv6Row(pending.tokens, tokens, pending.line, n, pending.text, pending.persistent);
}

/** A lone gateway: one IPv6 address, or words without digits (`On-link`, `Auf Verbindung`). */
function isGatewayLine(tokens: readonly Token[]): boolean {
  if (tokens.length === 0) return false;
  if (tokens.length === 1 && parseIPv6((tokens[0] as Token).text)) return true;
  return tokens.length <= 4 && tokens.every((t) => !hasDigit(t.text));
}

function finishIPv6Row(
  head: readonly Token[], gatewayTokens: readonly Token[], n: number, endLine: number, text: string, persistent: boolean,
): RowResult {
  const [ifTok, metricTok, destTok] = head as [Token, Token, Token];
  const last = gatewayTokens[gatewayTokens.length - 1] as Token;
  const span: Span = { line: n, col: ifTok.start, endLine, endCol: last.end };
  const index = parseMetric(ifTok.text) as number;
  const metric = parseMetric(metricTok.text);
  if (metric === undefined) return problem(`Metric '${clip(metricTok.text)}' is not a number from 0 to 4294967295.`, tokenSpan(n, metricTok));
  const parsed = destTok.text.includes(':') ? parsePrefix(destTok.text, 6) : undefined;
  const prefixSpan = tokenSpan(n, destTok);
  if (!parsed) return problem(`'${clip(destTok.text)}' is not an IPv6 prefix (such as 2001:db8::/64).`, prefixSpan);
  const gateway = readGateway(gatewayTokens, 6, endLine);
  if ('problem' in gateway) return gateway;
  const attributes: Record<string, string> = { ifIndex: String(index) };
  if (gateway.words !== undefined) attributes.gateway = gateway.words;
  if (persistent) attributes.routeMetric = String(metric);
  const onLink = gateway.address === undefined || gateway.address.words.every((w) => w === 0);
  const draft: WindowsRouteDraft = {
    family: 6,
    prefix: parsed.prefix,
    gateway: onLink ? undefined : gateway.address,
    ifKey: `If ${index}`,
    device: `If ${index}`,
    ifAddress: undefined,
    metric,
    metricExplicit: true,
    persistent,
    attributes,
    span,
    prefixSpan,
    text: clip(text, 160),
  };
  const warning = parsed.hostBitsSet
    ? { code: 'invalid-prefix' as const, message: `'${clip(destTok.text)}' has bits set past its prefix length. Read as ${formatPrefix(parsed.prefix)}.`, span: prefixSpan }
    : undefined;
  return warning ? { draft, warning } : { draft };
}

type GatewayResult = { address: Address | undefined; words?: string } | { problem: Problem };

/** One address, or the On-link words of any language: an address is the only other thing the column holds. */
function readGateway(tokens: readonly Token[], family: 4 | 6, n: number): GatewayResult {
  const first = tokens[0];
  if (!first) return { address: undefined };
  if (tokens.length === 1) {
    const address = family === 4 ? parseIPv4(first.text) : parseIPv6(first.text);
    if (address) return { address };
  }
  const last = tokens[tokens.length - 1] as Token;
  // On-link is at most a few words in any language.
  if (tokens.length > 4 || tokens.some((t) => hasDigit(t.text))) {
    return problem(`'${clip(tokens.map((t) => t.text).join(' '))}' is not a gateway: expected an IPv${family} address or On-link.`, spanOnLine(n, first.start, last.end));
  }
  return { address: undefined, words: tokens.map((t) => t.text).join(' ') };
}

/** One entry of the Interface List: ` 12...00 ff 3a 4b 5c 6d ......TAP-Windows Adapter V9`. */
export interface InterfaceEntry {
  readonly index: number;
  readonly mac: string | undefined;
  readonly description: string;
  readonly span: Span;
}

/** Reads an Interface List entry by its shape (index, dots, optional MAC, dots, description); undefined for other lines. */
export function readInterfaceEntry(line: string, n: number): InterfaceEntry | undefined {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const start = i;
  let hex = false;
  if (line.startsWith('0x', i)) {
    hex = true;
    i += 2;
  }
  const digitsAt = i;
  while (i < line.length && (hex ? isHex(line.charCodeAt(i)) : isDigit(line.charCodeAt(i)))) i++;
  if (i === digitsAt || i - digitsAt > 10) return undefined;
  const index = Number.parseInt(line.slice(digitsAt, i), hex ? 16 : 10);
  while (line.charCodeAt(i) === 32) i++;
  const dotsAt = i;
  while (line.charCodeAt(i) === 46) i++;
  const dots = i - dotsAt;
  if (dots < 3) return undefined;
  let mac: string | undefined;
  if (dots === 3) {
    const pairs: string[] = [];
    // Six pairs for Ethernet, eight for tunnel pseudo-adapters.
    while (pairs.length < 8 && i + 1 < line.length && isHex(line.charCodeAt(i)) && isHex(line.charCodeAt(i + 1))) {
      pairs.push(line.slice(i, i + 2));
      i += 2;
      if (line.charCodeAt(i) !== 32) break;
      i++;
    }
    if (pairs.length > 0) mac = pairs.join(' ');
  }
  while (i < line.length && (line.charCodeAt(i) === 46 || line.charCodeAt(i) === 32)) i++;
  const description = line.slice(i).trim();
  return { index, mac, description, span: spanOnLine(n, start, line.trimEnd().length) };
}

export function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) return true;
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function tokenSpan(n: number, t: Token): Span {
  return spanOnLine(n, t.start, t.end);
}

function problem(message: string, span: Span): { problem: Problem } {
  return { problem: { code: 'parse-error', message, span } };
}
