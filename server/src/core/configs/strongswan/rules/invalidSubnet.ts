import { makeFinding } from '../../../model';
import type { SwanRule } from './types';

/** Traffic selectors that are not subnets, or have host bits set (charon masks them). */
export const invalidSubnet: SwanRule = {
  code: 'invalid-subnet',
  check: (state) => state.doc.badSelectors.map((b) => b.hostBits
    ? makeFinding('invalid-subnet', 'warning', `${b.text} has host bits set: charon masks it to the network, so the selector covers the whole subnet.`, b.span)
    : makeFinding('invalid-subnet', 'error', `"${b.text.slice(0, 60)}" is not a subnet, address, range or %dynamic, optionally with [proto/port]: the conn fails to load.`, b.span)),
};
