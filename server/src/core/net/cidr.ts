import IPCIDR from 'ip-cidr';
import { type Prefix, formatPrefix } from './prefix';

/**
 * The only user of ip-cidr: range text for explanations, off the hot paths.
 */
export function prefixRangeText(prefix: Prefix): string {
  const cidr = new IPCIDR(formatPrefix(prefix));
  const [first, last] = cidr.toRange<string>();
  return first === last ? String(first) : `${String(first)} – ${String(last)}`;
}

/** A second opinion on CIDR syntax, used where user text is validated. */
export function isValidCidrText(text: string): boolean {
  return IPCIDR.isValidCIDR(text);
}
