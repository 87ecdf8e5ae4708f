import { makeFinding } from '../../../model';
import type { Xl2tpdRule } from './types';

/** Lines xl2tpd refuses: it stops loading the whole file ("Unable to load config file"). */
export const xl2tpdParseError: Xl2tpdRule = {
  code: 'parse-error',
  check: (state) => state.doc.errors.map((e) => makeFinding('parse-error', 'error', e.message, e.span)),
};
