import { type Finding, makeFinding } from '../../../model';
import type { Span } from '../../../model';
import { MAIN } from '../install';
import type { NmRule } from './types';

const MITIGATION = 'The correct use, as in Red Hat\'s TunnelVision (CVE-2024-3661) mitigation for a VPN: `ipv4.route-table 75` together with `ipv4.routing-rules "priority 32345 from all table 75"`, so table 75 is searched before main (rule 32766).';

/** Routes placed in a table no routing rule looks up: the kernel never uses them. */
export const routeTableWithoutRule: NmRule = {
  code: 'route-table-without-rule',
  check(state) {
    const out: Finding[] = [];
    const c = state.connection;
    const reached = new Set<string>();
    for (const rule of state.plan.rules) if (rule.table !== undefined) reached.add(`${rule.family}:${rule.table}`);
    for (const s of state.siblings) {
      for (const ip of [s.connection.ipv4, s.connection.ipv6]) for (const r of ip.routingRules) if (r.table !== undefined) reached.add(`${ip.family}:${r.table}`);
    }
    for (const ip of [c.ipv4, c.ipv6]) {
      const places: { table: number; span: Span; what: string }[] = [];
      const tableEntry = ip.entry('route-table');
      if (ip.routeTable !== 0 && ip.routeTable !== MAIN && tableEntry) places.push({ table: ip.routeTable, span: tableEntry.valueSpan, what: `route-table=${ip.routeTable} puts every route of this connection (its default route too)` });
      for (const r of ip.routes) {
        if (r.table !== undefined && r.table !== 0 && r.table !== MAIN && r.tableSpan && r.table !== ip.routeTable) places.push({ table: r.table, span: r.tableSpan, what: `${r.name}_options puts ${r.name}` });
      }
      for (const place of places) {
        if (reached.has(`${ip.family}:${place.table}`)) continue;
        out.push(makeFinding('route-table-without-rule', 'warning',
          `${place.what} in table ${place.table}, but no routing-rule looks up table ${place.table}, and NetworkManager adds none by itself (only WireGuard's default route gets rules): the kernel never uses these routes. Add a routing-rule, e.g. routing-rule1=priority 32345 from all table ${place.table}. ${MITIGATION}`,
          place.span));
      }
    }
    return out;
  },
};
