import { makeFinding } from '../../../model';
import type { SwanRule } from './types';

/** Keys and sections the format does not have; the daemon refuses or ignores them. */
export const unknownKey: SwanRule = {
  code: 'unknown-key',
  check(state) {
    return state.doc.unknown.map(({ entry, where, suggestion }) => {
      const key = entry.key.slice(0, 60);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      const effect = state.doc.format === 'ipsec.conf' ? 'the starter refuses the conn' : 'charon refuses the connection when it is loaded';
      return makeFinding('unknown-key', 'warning', `Unknown ${entry.value === '' && entry.keySpan === entry.valueSpan ? 'section' : 'key'} "${key}" in ${where}: ${effect}.${hint}`, entry.keySpan);
    });
  },
};
