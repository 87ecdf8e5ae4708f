import { type Span, spanOnLine } from '../../model';
import { type Address, bitLength, formatIPv4, parseAddress } from '../../net/address';
import { type ParsedPrefix, parsePrefix } from '../../net/prefix';
import type { TableSetting, WgEntry } from './model';

/** One item of a list value, with its own span. */
export interface Piece {
  readonly text: string;
  readonly span: Span;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(reason: string): Checked<T> => ({ ok: false, reason });

/**
 * Splits a value into pieces. `comma` keeps empty items, since `wg` rejects them in AllowedIPs;
 * `words` splits on commas and spaces and drops empty items, as wg-quick's `${value//,/ }` does.
 */
export function pieces(entry: WgEntry, mode: 'comma' | 'words'): Piece[] {
  const out: Piece[] = [];
  const { value } = entry;
  const base = entry.valueSpan.col;
  const line = entry.valueSpan.line;
  if (value === '') return out;
  let start = 0;
  const isSeparator = (c: string): boolean => c === ',' || (mode === 'words' && /\s/.test(c));
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && !isSeparator(value.charAt(i))) continue;
    const raw = value.slice(start, i);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text !== '' || mode === 'comma') {
      // An empty item sits at its comma, so the finding points somewhere visible.
      const col = text === '' ? base + Math.min(i, value.length - 1) : base + start + lead;
      out.push({ text, span: spanOnLine(line, col, text === '' ? col + 1 : col + text.length) });
    }
    start = i + 1;
  }
  return out;
}

const BASE64 = /^[A-Za-z0-9+/]*$/;
/** Base64 digits whose low two bits are zero: the only ones that can end 32 bytes. */
const LAST_DIGIT = /[AEIMQUYcgkosw048]/;

/** Why a key is not 32 bytes of base64, in words that never repeat the key; undefined when it is fine. */
export function keyProblem(text: string): string | undefined {
  if (text === '') return 'is empty';
  if (text.length !== 44) return `has ${text.length} characters; a key has 44 (32 bytes of base64 ending in "=")`;
  if (!text.endsWith('=')) return 'does not end in "=" (a key is 32 bytes of base64: 44 characters ending in "=")';
  const body = text.slice(0, 43);
  if (!BASE64.test(body)) return 'contains characters that are not base64';
  if (!LAST_DIGIT.test(body.charAt(42))) return 'does not decode to exactly 32 bytes (its last base64 digit leaves stray bits)';
  return undefined;
}

/** A port as `wg` reads it through getaddrinfo: numbers wrap modulo 65536, names come from /etc/services. */
export interface PortCheck {
  /** The port wg ends up with, when it can be known. */
  readonly port: number | undefined;
  /** wg refuses the value. */
  readonly error: string | undefined;
  /** wg takes the value, but not as the writer most likely meant. */
  readonly warning: string | undefined;
}

export function checkPort(text: string, allowZero: boolean): PortCheck {
  if (/^[A-Za-z][A-Za-z0-9-]*$/.test(text)) {
    return { port: undefined, error: undefined, warning: `"${text}" is a service name, which wg looks up in /etc/services; write the number` };
  }
  if (!/^\d{1,10}$/.test(text)) return { port: undefined, error: text === '' ? 'is empty' : 'is not a port number (0-65535)', warning: undefined };
  const written = Number(text);
  const port = written % 65536;
  if (written > 65535) return { port, error: undefined, warning: `${written} is above 65535: wg silently wraps it to port ${port}` };
  if (port === 0 && !allowZero) return { port, error: undefined, warning: 'is 0: wg takes it, but no peer can be reached on port 0' };
  return { port, error: undefined, warning: undefined };
}

export function parsePort(text: string, allowZero: boolean): Checked<number> {
  const { port, error } = checkPort(text, allowZero);
  return port === undefined || error !== undefined ? bad(error ?? 'is a service name') : ok(port);
}

/** `off`, decimal or `0x` hex up to 0xffffffff, as `wg` reads it. */
export function parseFwMark(text: string): Checked<number> {
  if (text.toLowerCase() === 'off') return ok(0);
  const hex = /^0x[0-9a-fA-F]{1,8}$/.test(text);
  if (!hex && !/^\d{1,10}$/.test(text)) return bad('is neither off nor a number (decimal or 0x hex)');
  const value = hex ? parseInt(text.slice(2), 16) : Number(text);
  return value > 0xffffffff ? bad('is above 0xffffffff') : ok(value);
}

export function parseKeepalive(text: string): Checked<number> {
  if (text.toLowerCase() === 'off') return ok(0);
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) return bad('is neither off nor a number of seconds (1-65535)');
  return ok(Number(text));
}

export function parseMtu(text: string): Checked<number | undefined> {
  // wg-quick treats an empty MTU as unset, and picks one itself.
  if (text === '') return ok(undefined);
  if (!/^\d{1,5}$/.test(text)) return bad('is not a number');
  const mtu = Number(text);
  if (mtu < 68 || mtu > 65535) return bad(`${mtu} is outside 68-65535`);
  return ok(mtu);
}

export function parseTable(text: string): Checked<TableSetting> {
  const lower = text.toLowerCase();
  if (lower === '' || lower === 'auto') return ok({ kind: 'auto' });
  if (lower === 'off') return ok({ kind: 'off' });
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(text)) return bad('is neither auto, off, a table number nor a table name');
  return ok({ kind: 'table', name: text });
}

/** wg-quick's `read_bool`, which runs while `nocasematch` is on. */
export function parseBool(text: string): Checked<boolean> {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return ok(lower === 'true');
  return bad('is neither true nor false (wg-quick stops on it)');
}

/** `A` or `A/len` for Address; a missing length means a host address. */
export function parseInterfaceAddress(text: string): Checked<{ address: Address; len: number }> {
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return bad('is not an IPv4 or IPv6 address');
  const max = bitLength(address.family);
  if (slash < 0) return ok({ address, len: max });
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > max) return bad(`has a prefix length that is not 0-${max}`);
  return ok({ address, len: Number(lenText) });
}

/** One AllowedIPs item; `wg` drops every space first. */
export function parseAllowedIp(text: string): Checked<ParsedPrefix> {
  const squeezed = text.replace(/\s+/g, '');
  if (squeezed === '') return bad('is empty (a stray comma)');
  const slash = squeezed.indexOf('/');
  if (!parseAddress(slash < 0 ? squeezed : squeezed.slice(0, slash))) return bad('is not an IPv4 or IPv6 address');
  const parsed = parsePrefix(squeezed);
  if (!parsed) return bad('has a prefix length that is not 0-32 (IPv4) or 0-128 (IPv6)');
  return ok(parsed);
}

/** wg-quick's rule: digits and dots, or anything with a colon, is a server; the rest are search domains. */
export function isDnsServerText(text: string): boolean {
  return /^[0-9.]+$/.test(text) || text.includes(':');
}

export interface EndpointParts {
  readonly host: string;
  readonly hostStart: number;
  readonly portText: string;
  readonly portStart: number;
}

/** Splits an Endpoint the way `wg` does: `[host]:port`, else at the last colon. */
export function splitEndpoint(text: string): Checked<EndpointParts> {
  if (text === '') return bad('is empty');
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return bad('has no closing "]"');
    if (text.charAt(close + 1) !== ':' || close + 2 >= text.length) return bad('has no port after the "]:"');
    return ok({ host: text.slice(1, close), hostStart: 1, portText: text.slice(close + 2), portStart: close + 2 });
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0 || colon === text.length - 1) return bad('has no port (host:port)');
  return ok({ host: text.slice(0, colon), hostStart: 0, portText: text.slice(colon + 1), portStart: colon + 1 });
}

/** An Endpoint host: its address, `undefined` for a name, or why it is neither. */
export interface HostCheck {
  readonly address: Address | undefined;
  readonly error: string | undefined;
  /** Digits and dots that are no dotted quad, which getaddrinfo still reads the old inet_aton way. */
  readonly warning: string | undefined;
}

export function checkEndpointHost(host: string): HostCheck {
  const address = parseAddress(host);
  if (address) return { address, error: undefined, warning: undefined };
  if (/^[\dA-Fa-fxX.]+$/.test(host) && /^\d/.test(host)) {
    const legacy = inetAton(host);
    if (legacy !== undefined) {
      return { address: legacy, error: undefined, warning: `is not a dotted quad; getaddrinfo reads it the old inet_aton way, as ${formatIPv4(legacy.words[0] ?? 0)}` };
    }
    if (/^[\d.]+$/.test(host)) return { address: undefined, error: 'is not a valid IPv4 address', warning: undefined };
  }
  if (host.includes(':')) return { address: undefined, error: 'is not a valid IPv6 address', warning: undefined };
  if (!/^[A-Za-z0-9_.-]{1,253}$/.test(host)) return { address: undefined, error: 'is neither an IP address nor a host name', warning: undefined };
  return { address: undefined, error: undefined, warning: undefined };
}

/** The address of an Endpoint host, `undefined` for a name, or a reason when it is neither. */
export function endpointHost(host: string): Checked<Address | undefined> {
  const checked = checkEndpointHost(host);
  return checked.error !== undefined ? bad(checked.error) : ok(checked.address);
}

/** inet_aton: one to four parts, each decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes. */
function inetAton(text: string): Address | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0[xX][0-9A-Fa-f]+$/.test(part)) value = parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) value = parseInt(part, 8);
    else if (/^[1-9]\d*$/.test(part)) value = Number(part);
    else return undefined;
    values.push(value);
  }
  const last = values.pop() ?? 0;
  if (values.some((v) => v > 255) || last >= 2 ** (8 * (4 - values.length))) return undefined;
  let word = 0;
  values.forEach((v, i) => { word += v * 2 ** (24 - 8 * i); });
  return { family: 4, words: [(word + last) >>> 0] };
}
