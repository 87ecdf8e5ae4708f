import { makeFinding } from '../../../model';
import type { PppRule } from './types';

/** Words pppd cannot read as options at all. */
export const pppParseError: PppRule = {
  code: 'parse-error',
  check: (state) => state.doc.errors.map((e) => makeFinding('parse-error', 'error', e.message, e.span)),
};
