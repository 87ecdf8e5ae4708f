import { makeFinding } from '../../../model';
import type { SwanRule } from './types';

/** Conns that are never loaded: explicit `auto=ignore`, or no auto= on a conn no other conn includes. */
export const autoIgnore: SwanRule = {
  code: 'auto-ignore',
  check(state) {
    const included = new Set(state.doc.sections.flatMap((s) => s.entries.filter((e) => e.key === 'also').flatMap((e) => e.value.split(/\s+/))));
    return state.doc.tunnels.filter((t) => t.kind === 'conn' && t.start === 'ignore' && (t.startSpan || !included.has(t.name))).map((t) => t.startSpan
      ? makeFinding('auto-ignore', 'information', `auto=ignore: conn "${t.name}" is not loaded, so it installs no policies or routes.`, t.startSpan)
      : makeFinding('auto-ignore', 'information', `conn "${t.name}" has no auto=, which means ignore: it is not loaded and installs nothing. Use auto=add, route or start.`, t.nameSpan));
  },
};
