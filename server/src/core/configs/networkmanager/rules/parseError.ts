import { makeFinding } from '../../../model';
import type { NmRule } from './types';

/** Lines GKeyFile cannot read; NetworkManager then ignores the whole file. */
export const parseError: NmRule = {
  code: 'parse-error',
  check: (state) => state.doc.problems.map((p) => makeFinding('parse-error', 'error', p.message, p.span)),
};
