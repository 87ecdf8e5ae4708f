import { type Finding, makeFinding } from '../../../model';
import { suggestKey } from '../keys';
import type { WgRule } from './types';
import { allEntries } from './types';

/** Keys neither `wg` nor wg-quick reads in their section; `wg` stops on them. */
export const unknownKey: WgRule = {
  code: 'unknown-key',
  check(state) {
    const out: Finding[] = [];
    const show = state.doc.format === 'wireguard-show';
    for (const { entry, section } of allEntries(state)) {
      if (entry.name !== undefined) continue;
      const where = section.kind === 'peer' ? '[Peer]' : '[Interface]';
      if (show) {
        out.push(makeFinding('unknown-key', 'warning', `"${entry.key}" is not a line wg show prints under ${section.kind === 'peer' ? 'a peer' : 'an interface'}.`, entry.keySpan));
        continue;
      }
      const suggestion = suggestKey(entry.key, section.kind);
      let message: string;
      if (!suggestion) {
        message = `Unknown key "${entry.key}" in ${where}: wg stops on it ("Line unrecognized").`;
      } else if (suggestion.wrongSection) {
        const home = suggestion.info.section === 'peer' ? '[Peer]' : '[Interface]';
        message = `${suggestion.info.name} belongs in ${home}, not ${where}: wg stops on it here ("Line unrecognized").`;
      } else if (suggestion.info.name.toLowerCase() === entry.key.replace(/\s+/g, '').toLowerCase()) {
        message = `wg-quick reads ${suggestion.info.name} only when it is written without spaces; as written it goes to wg, which stops on it.`;
      } else {
        message = `Unknown key "${entry.key}" in ${where}: did you mean ${suggestion.info.name}? wg stops on it as written.`;
      }
      out.push(makeFinding('unknown-key', 'warning', message, entry.keySpan));
    }
    return out;
  },
};
