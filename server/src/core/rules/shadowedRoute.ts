import type { Finding } from '../model';
import { makeFinding } from '../model';
import { routeRef } from './routeText';
import { type Shadow, shadows } from './shadowing';
import type { Rule, RuleContext } from './types';

export const SHADOWED_ROUTE = 'shadowed-route';

/** Routes the kernel can never select: an equal prefix wins, or more specific routes take every address. */
export const shadowedRoute: Rule = {
  code: SHADOWED_ROUTE,
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const shadow of shadows(context).values()) findings.push(shadowFinding(shadow));
    return findings;
  },
};

export function shadowFinding(shadow: Shadow): Finding {
  const { route, winners } = shadow;
  const shown = winners.slice(0, 4).map((w) => `${routeRef(w)}`).join('; ');
  const more = winners.length > 4 ? `; and ${winners.length - 4} more` : '';
  return makeFinding(SHADOWED_ROUTE, 'warning',
    `Shadowed route, never selected: ${shadow.reason}. Wins instead: ${shown}${more}.`,
    route.span, {
      unnecessary: true,
      related: winners.slice(0, 16).map((w) => ({ span: w.span, message: `Selected instead: ${routeRef(w)}` })),
      routeIds: [route.id, ...winners.map((w) => w.id)],
    });
}
