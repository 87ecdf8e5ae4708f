import { type Address, parseIPv4, parseIPv6 } from '../../net/address';
import { type Prefix, parsePrefix, prefixOf } from '../../net/prefix';
import type { Param } from './lexer';
import type { GatewayKind } from './model';

/** `default` in a `route` slot means "use the default", as if the parameter were absent. */
export function isDefault(param: Param | undefined): boolean {
  return param === undefined || param.text === 'default' || param.text === '';
}

/** Text that only an IP address would be made of: digits and dots, or hex and colons. */
export function looksNumeric(text: string): boolean {
  return /^[0-9.]+$/.test(text) || (text.includes(':') && /^[0-9A-Fa-f:.]+(?:\/\d+)?$/.test(text));
}

/** Prefix length of a dotted-quad mask, or undefined when the ones are not contiguous. */
export function maskLength(mask: Address): number | undefined {
  const word = mask.words[0] ?? 0;
  const inverted = ~word >>> 0;
  // A contiguous mask inverted is 2^k - 1, so adding one clears every bit.
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  let len = 0;
  for (let bit = 31; bit >= 0 && ((word >>> bit) & 1) === 1; bit--) len++;
  return len;
}

export interface NetworkValue {
  readonly prefix?: Prefix;
  readonly problem?: { readonly code: 'invalid-address' | 'invalid-route'; readonly message: string; readonly on: 'network' | 'mask' };
}

/** `NETWORK [MASK]` of a `route` or `ifconfig`-style pair: the prefix, or what is wrong with it. */
export function ipv4Network(network: string, mask: string | undefined): NetworkValue {
  const address = parseIPv4(network);
  if (!address) return {};
  const maskAddress = mask === undefined ? parseIPv4('255.255.255.255') : parseIPv4(mask);
  if (!maskAddress) {
    return { problem: { code: 'invalid-route', message: `The netmask \`${mask ?? ''}\` is not a dotted-quad mask such as 255.255.255.0.`, on: 'mask' } };
  }
  const len = maskLength(maskAddress);
  if (len === undefined) {
    return { problem: { code: 'invalid-route', message: `The netmask \`${mask ?? ''}\` is not contiguous: its one bits must all come first (255.255.255.0, not 255.0.255.0). The kernel refuses such a route, so it is never installed.`, on: 'mask' } };
  }
  const prefix = prefixOf(address, len);
  if ((prefix.words[0] ?? 0) !== (address.words[0] ?? 0)) {
    return {
      prefix,
      problem: { code: 'invalid-route', message: `${network} has host bits set for netmask ${mask ?? ''} (the network is ${formatV4(prefix)}/${len}). The kernel refuses the route ("Invalid prefix for given prefix length"), so OpenVPN logs an error and the tunnel comes up without it.`, on: 'network' },
    };
  }
  return { prefix };
}

function formatV4(prefix: Prefix): string {
  const w = prefix.words[0] ?? 0;
  return `${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}`;
}

/** `ADDR/BITS` or a bare address (a /128 host route) for `route-ipv6`. */
export function ipv6Network(text: string): NetworkValue {
  const slash = text.indexOf('/');
  const address = parseIPv6(slash < 0 ? text : text.slice(0, slash));
  if (!address) return {};
  const parsed = parsePrefix(slash < 0 ? `${text}/128` : text, 6);
  if (!parsed) return { problem: { code: 'invalid-route', message: `\`${text}\` has no valid prefix length (0 to 128).`, on: 'network' } };
  if (parsed.hostBitsSet) {
    return {
      prefix: parsed.prefix,
      problem: { code: 'invalid-route', message: `${text} has host bits set for /${parsed.prefix.len}; the kernel refuses the route, so it is never installed.`, on: 'network' },
    };
  }
  return { prefix: parsed.prefix };
}

/** The gateway slot of `route`: a keyword, an address or a name resolved at connect time. */
export function gatewayKind(param: Param | undefined): { kind: GatewayKind; address?: Address } {
  if (isDefault(param) || !param) return { kind: 'default' };
  const t = param.text;
  if (t === 'vpn_gateway' || t === 'net_gateway' || t === 'remote_host') return { kind: t };
  const address = parseIPv4(t) ?? parseIPv6(t);
  return address ? { kind: 'address', address } : { kind: 'name' };
}
