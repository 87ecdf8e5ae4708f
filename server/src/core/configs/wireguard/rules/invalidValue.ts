import { type Finding, makeFinding } from '../../../model';
import { keyInfo } from '../keys';
import type { WgEntry } from '../model';
import { type Checked, parseBool, parseFwMark, parseKeepalive, parseMtu, parseTable } from '../values';
import type { WgRule } from './types';
import { allEntries } from './types';

/** Empty keys are invalid-key's finding. */
const KEYS = new Set(['PrivateKey', 'PublicKey', 'PresharedKey']);

const CHECKS: Readonly<Record<string, (value: string) => Checked<unknown>>> = {
  MTU: parseMtu,
  Table: parseTable,
  FwMark: parseFwMark,
  PersistentKeepalive: parseKeepalive,
  SaveConfig: parseBool,
};

/** MTU, Table, FwMark, PersistentKeepalive and SaveConfig values the tools refuse, and wg keys with no value. */
export const invalidValue: WgRule = {
  code: 'invalid-value',
  check(state) {
    const out: Finding[] = [];
    // `wg show` prints keepalive as "every 25 seconds"; its values come from the kernel and are fine.
    if (state.doc.format === 'wireguard-show') return out;
    for (const { entry } of allEntries(state)) {
      // wg matches "Key=" only with something after it, so an empty value is a line it does not recognise.
      if (entry.value === '' && entry.name !== undefined && keyInfo(entry.name)?.owner === 'wg' && !KEYS.has(entry.name)) {
        out.push(makeFinding('invalid-value', 'error', `${entry.name} has no value: wg stops on it ("Line unrecognized"); leave the line out instead.`, entry.keySpan));
        continue;
      }
      const check = entry.name === undefined ? undefined : CHECKS[entry.name];
      if (!check) continue;
      const result = check(entry.value);
      if (!result.ok) out.push(makeFinding('invalid-value', 'error', `${entry.name ?? ''} ${result.reason}.`, spanOf(entry)));
    }
    return out;
  },
};

function spanOf(entry: WgEntry): WgEntry['valueSpan'] {
  return entry.value === '' ? entry.keySpan : entry.valueSpan;
}
