import { type Finding, makeFinding } from '../../../model';
import { suggest } from '../text';
import { XL2TPD_KEYS } from '../xl2tpdKeys';
import type { Xl2tpdRule } from './types';

const NAMES = XL2TPD_KEYS.map((k) => k.name);

/** Fields xl2tpd does not know, or knows only in another section: either way it refuses the file. */
export const unknownKey: Xl2tpdRule = {
  code: 'unknown-key',
  check(state) {
    const out: Finding[] = [];
    for (const section of state.doc.sections) {
      for (const entry of section.entries) {
        const info = entry.info;
        if (info && info.contexts.includes(section.kind)) continue;
        let message: string;
        if (info) {
          const homes = info.contexts.map((c) => (c === 'global' ? '[global]' : `[${c} …]`)).join(' or ');
          message = `"${info.name}" belongs in ${homes}, not [${section.kind}]: xl2tpd refuses the file ("not valid in this context").`;
        } else {
          const guess = suggest(entry.key, NAMES);
          message = `Unknown field "${entry.key}": xl2tpd refuses the file ("Unknown field").${guess ? ` Did you mean \`${guess}\`?` : ''}`;
        }
        out.push(makeFinding('unknown-key', 'warning', message, entry.keySpan));
      }
    }
    return out;
  },
};
