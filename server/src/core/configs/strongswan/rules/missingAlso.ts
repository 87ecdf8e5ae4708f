import { makeFinding } from '../../../model';
import type { SwanRule } from './types';

/** also= names a conn that does not exist: the starter refuses the conn. */
export const missingAlso: SwanRule = {
  code: 'missing-also',
  check: (state) => state.doc.missingAlso.map((m) => makeFinding('missing-also', 'error',
    `also=${m.name.slice(0, 60)}: no conn "${m.name.slice(0, 60)}" is defined in this file, so conn "${m.conn}" cannot be loaded (it may live in an included file).`, m.span)),
};
