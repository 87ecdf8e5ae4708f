import { makeFinding } from '../../../model';
import type { NmRule } from './types';

/** Addresses NetworkManager's keyfile reader refuses. */
export const invalidAddress: NmRule = {
  code: 'invalid-address',
  check: (state) => state.doc.values.filter((p) => p.code === 'invalid-address').map((p) => makeFinding(p.code, 'error', p.message, p.span)),
};

/** Routes, route options and routing rules NetworkManager refuses. */
export const invalidRoute: NmRule = {
  code: 'invalid-route',
  check: (state) => state.doc.values.filter((p) => p.code === 'invalid-route').map((p) => makeFinding(p.code, 'error', p.message, p.span)),
};
