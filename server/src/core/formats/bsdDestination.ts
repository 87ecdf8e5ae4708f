import { type Address, type Family, parseIPv4, parseIPv6 } from '../net/address';
import { type Prefix, defaultPrefix, maskWords } from '../net/prefix';

/** A destination as `netstat -rn` prints it on macOS and the BSDs. */
export interface Destination {
  readonly prefix: Prefix;
  /** The `%zone` of a scoped IPv6 destination: the interface it belongs to. */
  readonly zone: string | undefined;
  /** The text had bits set past its prefix length. */
  readonly hostBitsSet: boolean;
}

/** What the Gateway column holds. */
export type Gateway =
  | { readonly kind: 'address'; readonly address: Address; readonly zone: string | undefined }
  /** `link#7`: the interface itself, the kernel's mark for directly connected routes. */
  | { readonly kind: 'link'; readonly index: number }
  /** A link-layer address: an ARP or neighbour entry, reached directly. */
  | { readonly kind: 'lladdr' }
  /** A bare word such as `utun3`: an interface route added with `-interface`, or a host name. */
  | { readonly kind: 'word' };

const LOOPBACK4 = parseIPv4('127.0.0.1') as Address;
const LOOPBACK6 = parseIPv6('::1') as Address;

/**
 * Reads `default`, `10/8`, `10.8/16`, `192.168.1`, `127`, `fe80::%lo0/64` or `::1`; a string is an error message.
 * macOS and old FreeBSD leave out trailing zero octets down to the classful boundary and omit the
 * length when it is the classful one (A /8, B /16, C and above /24); OpenBSD always writes the length.
 */
export function parseDestination(text: string, family: Family, host: boolean): Destination | string {
  if (text === 'default') return { prefix: defaultPrefix(family), zone: undefined, hostBitsSet: false };
  if (text === 'localhost') {
    const address = family === 6 ? LOOPBACK6 : LOOPBACK4;
    return { prefix: { family, words: address.words, len: family === 6 ? 128 : 32 }, zone: undefined, hostBitsSet: false };
  }
  const slash = text.indexOf('/');
  const body = slash < 0 ? text : text.slice(0, slash);
  let len: number | undefined;
  if (slash >= 0) {
    len = smallNumber(text.slice(slash + 1));
    if (len === undefined) return `'${clip(text)}' has no valid prefix length after '/'.`;
  }
  if (body.includes(':')) return ipv6Destination(text, body, len);
  const octets = dottedOctets(body);
  if (!octets) {
    return hasLetter(body)
      ? `'${clip(body)}' is a host name, not an address: paste numeric output (\`netstat -rn\`).`
      : `'${clip(text)}' is not a valid IPv4 destination.`;
  }
  if (len === undefined) len = octets.length === 4 || host ? 32 : Math.max(classfulLength(octets[0] ?? 0), 8 * octets.length);
  if (len > 32) return `'${clip(text)}' has a prefix length over 32.`;
  while (octets.length < 4) octets.push(0);
  const word = ((((octets[0] ?? 0) * 256 + (octets[1] ?? 0)) * 256 + (octets[2] ?? 0)) * 256 + (octets[3] ?? 0)) >>> 0;
  const words = maskWords([word], len);
  return { prefix: { family: 4, words, len }, zone: undefined, hostBitsSet: words[0] !== word };
}

function ipv6Destination(text: string, body: string, len: number | undefined): Destination | string {
  const percent = body.indexOf('%');
  const zone = percent < 0 ? undefined : body.slice(percent + 1);
  const address = parseIPv6(percent < 0 ? body : body.slice(0, percent));
  if (!address || zone === '') return `'${clip(text)}' is not a valid IPv6 destination.`;
  const length = len ?? 128;
  if (length > 128) return `'${clip(text)}' has a prefix length over 128.`;
  const words = maskWords(address.words, length);
  return { prefix: { family: 6, words, len: length }, zone, hostBitsSet: words.some((w, i) => w !== address.words[i]) };
}

/** Reads the Gateway column; undefined when it is none of the forms netstat prints. */
export function parseGateway(text: string, family: Family): Gateway | undefined {
  if (text.startsWith('link#')) {
    const index = smallNumber(text.slice(5), 1_000_000);
    return index === undefined ? undefined : { kind: 'link', index };
  }
  if (text === 'localhost') return { kind: 'address', address: family === 6 ? LOOPBACK6 : LOOPBACK4, zone: undefined };
  if (isLinkLayer(text)) return { kind: 'lladdr' };
  if (text.includes(':')) {
    const percent = text.indexOf('%');
    const zone = percent < 0 ? undefined : text.slice(percent + 1);
    const address = parseIPv6(percent < 0 ? text : text.slice(0, percent));
    return address && zone !== '' ? { kind: 'address', address, zone } : undefined;
  }
  const v4 = parseIPv4(text);
  if (v4) return { kind: 'address', address: v4, zone: undefined };
  return isWord(text) ? { kind: 'word' } : undefined;
}

/**
 * Ethernet-style addresses of one- or two-digit hex groups (`0:1c:42:0:0:18`). Eight groups would also
 * be a valid IPv6 address, so only other counts are link-layer.
 */
function isLinkLayer(text: string): boolean {
  let groups = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 58) {
      if (digits === 0 || digits > 2) return false;
      groups++;
      digits = 0;
      continue;
    }
    if (!isHex(text.charCodeAt(i))) return false;
    digits++;
  }
  return groups >= 2 && groups !== 8;
}

/** Interface names and host names: a letter, then letters, digits, `.`, `_` or `-`. */
export function isWord(text: string): boolean {
  if (text.length === 0 || !isLetter(text.charCodeAt(0))) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c) && c !== 46 && c !== 95 && c !== 45) return false;
  }
  return true;
}

/** One to four decimal octets separated by dots, without leading zeros. */
function dottedOctets(text: string): number[] | undefined {
  const octets: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 46) {
      if (digits === 0 || octets.length === 4) return undefined;
      octets.push(value);
      value = 0;
      digits = 0;
      continue;
    }
    const c = text.charCodeAt(i);
    if (!isDigit(c) || (digits === 1 && value === 0)) return undefined;
    value = value * 10 + (c - 48);
    digits++;
    if (value > 255) return undefined;
  }
  return octets;
}

/** The historical class mask of a network number: what netstat leaves unwritten. */
function classfulLength(first: number): number {
  if (first < 128) return 8;
  return first < 192 ? 16 : 24;
}

function smallNumber(text: string, max = 255): number | undefined {
  if (text.length === 0 || text.length > 7) return undefined;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return undefined;
    n = n * 10 + (c - 48);
  }
  return n <= max ? n : undefined;
}

function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isLetter(text.charCodeAt(i))) return true;
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Keeps messages short even for megabyte-long tokens. */
export function clip(text: string, max = 48): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
