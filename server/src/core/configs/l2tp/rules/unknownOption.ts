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
    const guesses = new Map<string, string | undefined>();
    for (const word of state.doc.unknown) {
      // A pasted table repeats the same few words on thousands of lines: one suggestion per word.
      let guess = guesses.get(word.text);
      if (guess === undefined && !guesses.has(word.text)) {
        guess = suggest(word.text, PPP_OPTIONS.keys());
        guesses.set(word.text, guess);
      }
      let message = `"${word.text}" is not a pppd option: pppd stops with "unrecognized option" and does not connect.`;
      if (guess) message += ` Did you mean \`${guess}\`?`;
      if (plugin) message += ` (Unless the plugin ${plugin} defines it.)`;
      out.push(makeFinding('unknown-option', 'warning', message, word.span));
    }
    return out;
  },
};
