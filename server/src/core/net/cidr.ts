import IPCIDR from 'ip-cidr';
import { formatAddress } from './address';
import { type Prefix, formatPrefix, lastAddress } from './prefix';

/**
 * The only user of ip-cidr: range text for explanations, off the hot paths. ip-cidr refuses some valid
 * prefixes (IPv4-mapped IPv6 such as `::ffff:0.0.0.0/96`), so our own arithmetic answers then.
 */
export function prefixRangeText(prefix: Prefix): string {
  let first: string;
  let last: string;
  try {
    const [start, end] = new IPCIDR(formatPrefix(prefix)).toRange<string>();
    first = String(start);
    last = String(end);
  } catch {
    first = formatAddress(prefix);
    last = formatAddress(lastAddress(prefix));
  }
  return first === last ? first : `${first} – ${last}`;
}

/** A second opinion on CIDR syntax, used where user text is validated. */
export function isValidCidrText(text: string): boolean {
  try {
    return IPCIDR.isValidCIDR(text);
  } catch {
    return false;
  }
}
