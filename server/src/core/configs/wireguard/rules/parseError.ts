import { makeFinding } from '../../../model';
import type { WgRule } from './types';

/** Lines the reader could not take as a header or `Key = value`; `wg` stops on each of them. */
export const parseError: WgRule = {
  code: 'parse-error',
  check: (state) => state.doc.problems.map((p) => makeFinding('parse-error', 'error', p.message, p.span)),
};
