import { autoIgnore } from './autoIgnore';
import { invalidSubnet } from './invalidSubnet';
import { ipv6Leak } from './ipv6Leak';
import { missingAlso } from './missingAlso';
import { overlappingSelectors } from './overlappingSelectors';
import { parseError } from './parseError';
import { passthroughException } from './passthroughException';
import { tunnelCutsLan } from './tunnelCutsLan';
import type { SwanRule } from './types';
import { unknownKey } from './unknownKey';

export type { SwanRule } from './types';

/** Every strongSwan rule, in the order their findings are produced; the codes are stable. */
export const SWAN_RULES: readonly SwanRule[] = [
  parseError,
  unknownKey,
  invalidSubnet,
  missingAlso,
  autoIgnore,
  tunnelCutsLan,
  ipv6Leak,
  passthroughException,
  overlappingSelectors,
];
