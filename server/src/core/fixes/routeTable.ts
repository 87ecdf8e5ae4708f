import type { Analysis } from '../analyze';
import type { Finding, Route } from '../model';
import { formatPrefix } from '../net/prefix';
import { ipRouteCommand } from './ipRouteCommand';
import type { DocText } from './text';
import type { Fix, TextEdit } from './types';

const SHOW_TITLE = 'Show the ip route commands that would fix this';

/** Fixes for one finding of a routing-table dump. */
export function routeTableFixes(analysis: Analysis, doc: DocText, finding: Finding): Fix[] {
  const routes = (finding.routeIds ?? []).map((id) => routeById(analysis, id)).filter((r): r is Route => r !== undefined);
  const [route] = routes;
  if (!route) return [];
  const out: Fix[] = [];
  if (finding.code === 'shadowed-route') {
    out.push({ title: 'Remove this shadowed route', kind: 'quickfix', preferred: true, finding, edits: [removeRoute(doc, route)] });
  }
  if (isLinux(analysis, route)) {
    const commands = linuxCommands(analysis, finding, routes);
    if (commands) {
      const script = scriptFor(finding, commands);
      out.push({ title: SHOW_TITLE, kind: 'quickfix', finding, edits: [], command: { id: 'showCommands', script } });
    }
  }
  return out;
}

/** Ids are indexes into the document's routes; a search covers any parser that numbers them otherwise. */
function routeById(analysis: Analysis, id: number): Route | undefined {
  const routes = analysis.document.routes;
  const at = routes[id];
  return at?.id === id ? at : routes.find((r) => r.id === id);
}

function isLinux(analysis: Analysis, route: Route): boolean {
  const section = analysis.document.sections.find((s) => route.span.line >= s.startLine && route.span.line <= s.endLine);
  return (section?.os ?? analysis.document.os) === 'linux';
}

/** Removes the route's lines (continuation lines included); only the route's own text when a line holds more. */
export function removeRoute(doc: DocText, route: Route): TextEdit {
  const { span } = route;
  const before = doc.line(span.line).slice(0, span.col);
  const after = doc.line(span.endLine).slice(span.endCol);
  if (before.trim() === '' && (after.trim() === '' || after.trimStart().startsWith('#'))) return doc.deleteLines(span.line, span.endLine);
  return { span, newText: '' };
}

/** Comment lines and commands, one step per entry; undefined when no command would help. */
type Steps = readonly (readonly [comment: string, commands: readonly string[]])[];

function linuxCommands(analysis: Analysis, finding: Finding, routes: readonly Route[]): Steps | undefined {
  const [route, other] = routes;
  if (!route) return undefined;
  switch (finding.code) {
    case 'shadowed-route': {
      const steps: [string, string[]][] = [['If the route is a leftover, delete it:', [ipRouteCommand(route, { verb: 'del' })]]];
      // Equal prefix: a lower metric than the winner makes it win; the new route goes in before the old one leaves.
      if (other && samePlace(route, other) && other.metric > 0) {
        const metric = other.metric - 1;
        steps.push([`If it should win instead, give it metric ${metric}, below the ${formatPrefix(other.prefix)} route on line ${other.span.line + 1}:`, [
          ipRouteCommand(route, { verb: 'add', metric }),
          ipRouteCommand(route, { verb: 'del' }),
        ]]);
      }
      return steps;
    }
    case 'equal-metric-defaults': {
      const metric = freeMetric(analysis, route);
      return [[`Move the default on line ${route.span.line + 1} to metric ${metric}, so the one on line ${(other?.span.line ?? 0) + 1} stays the first choice and this one the fallback:`, [
        ipRouteCommand(route, { verb: 'add', metric }),
        ipRouteCommand(route, { verb: 'del' }),
      ]]];
    }
    case 'gateway-not-on-link':
      return [['Keep the gateway and tell the kernel it is reachable on the interface anyway:', [ipRouteCommand(route, { verb: 'replace', onlink: true })]]];
    case 'split-tunnel-exception':
      if (finding.severity !== 'warning') return undefined;
      return [['Delete the exception, so this range goes into the tunnel with the rest:', [ipRouteCommand(route, { verb: 'del' })]]];
    default:
      return undefined;
  }
}

function samePlace(a: Route, b: Route): boolean {
  return a.family === b.family && a.tableId === b.tableId && a.prefix.len === b.prefix.len && formatPrefix(a.prefix) === formatPrefix(b.prefix);
}

/** The first metric above the shared one that no default of the same family and table uses. */
function freeMetric(analysis: Analysis, route: Route): number {
  const used = new Set(analysis.document.routes
    .filter((r) => r.family === route.family && r.tableId === route.tableId && r.prefix.len === 0)
    .map((r) => r.metric));
  let metric = route.metric + 1;
  while (used.has(metric)) metric++;
  return metric;
}

/** A script to read, never run for the user: comments say what each step does and where it comes from. */
function scriptFor(finding: Finding, steps: Steps): string {
  const lines = [
    '#!/bin/sh',
    `# Route Lens: ${finding.code} on line ${finding.span.line + 1}. Nothing has been run.`,
    '# Review each step, then run the one you want as root. Routes changed this way last until the next reboot',
    '# or reconnect; make the change in the tool that adds the route (NetworkManager, systemd-networkd, the VPN) to keep it.',
  ];
  for (const [comment, commands] of steps) lines.push('', `# ${comment}`, ...commands);
  return `${lines.join('\n')}\n`;
}
