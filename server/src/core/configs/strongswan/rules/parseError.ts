import { makeFinding } from '../../../model';
import type { SwanRule } from './types';

/** Text the format's own reader refuses, at its exact range. */
export const parseError: SwanRule = {
  code: 'parse-error',
  check: (state) => state.doc.problems.map((p) => makeFinding('parse-error', 'error', p.message, p.span)),
};
