import { type Finding, makeFinding } from '../../../model';
import { PPP_OPTIONS } from '../pppOptions';
import { suggest } from '../text';
import type { PppRule } from './types';

/** Words pppd does not know: it stops with "unrecognized option" and never connects. */
export const unknownOption: PppRule = {
  code: 'unknown-option',
  check(state) {
    const out: Finding[] = [];
    const plugin = state.doc.options.find((o) => o.name === 'plugin')?.arg?.text;
    for (const word of state.doc.unknown) {
      const guess = suggest(word.text, PPP_OPTIONS.keys());
      let message = `"${word.text}" is not a pppd option: pppd stops with "unrecognized option" and does not connect.`;
      if (guess) message += ` Did you mean \`${guess}\`?`;
      if (plugin) message += ` (Unless the plugin ${plugin} defines it.)`;
      out.push(makeFinding('unknown-option', 'warning', message, word.span));
    }
    return out;
  },
};
