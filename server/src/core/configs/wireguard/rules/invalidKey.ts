import { type Finding, makeFinding } from '../../../model';
import { HIDDEN } from '../../types';
import { keyProblem } from '../values';
import type { WgRule } from './types';
import { allEntries } from './types';

const KEYS = new Set(['PrivateKey', 'PublicKey', 'PresharedKey', 'public key']);

/** Keys that are not 32 bytes of base64, checked exactly as wg's key_from_base64 does. The value is never repeated. */
export const invalidKey: WgRule = {
  code: 'invalid-key',
  check(state) {
    const out: Finding[] = [];
    for (const { entry } of allEntries(state)) {
      if (entry.name === undefined || !KEYS.has(entry.name) || entry.value === HIDDEN) continue;
      const problem = keyProblem(entry.value);
      if (problem === undefined) continue;
      const label = entry.name === 'public key' ? 'The interface public key' : entry.name;
      const span = entry.value === '' ? entry.keySpan : entry.valueSpan;
      out.push(makeFinding('invalid-key', 'error', `${label} ${problem}; wg rejects it ("Key is not the correct length or format").`, span));
    }
    return out;
  },
};
