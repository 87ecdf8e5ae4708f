import { addressIsNetwork } from './addressIsNetwork';
import { dnsOutsideTunnel } from './dnsOutsideTunnel';
import { duplicatePublicKey } from './duplicatePublicKey';
import { endpointInTunnel } from './endpointInTunnel';
import { invalidAddress } from './invalidAddress';
import { invalidAllowedIps } from './invalidAllowedIps';
import { invalidKey } from './invalidKey';
import { invalidPort } from './invalidPort';
import { invalidValue } from './invalidValue';
import { ipv6Leak } from './ipv6Leak';
import { missingPrivateKey } from './missingPrivateKey';
import { missingPublicKey } from './missingPublicKey';
import { overlappingAllowedIps } from './overlappingAllowedIps';
import { parseError } from './parseError';
import type { WgRule } from './types';
import { unknownKey } from './unknownKey';

export type { WgRule } from './types';

/** Every WireGuard rule, in the order their findings are produced; the codes are stable. */
export const WG_RULES: readonly WgRule[] = [
  parseError,
  unknownKey,
  invalidKey,
  invalidPort,
  invalidAddress,
  invalidAllowedIps,
  invalidValue,
  missingPublicKey,
  missingPrivateKey,
  duplicatePublicKey,
  addressIsNetwork,
  overlappingAllowedIps,
  ipv6Leak,
  endpointInTunnel,
  dnsOutsideTunnel,
];
