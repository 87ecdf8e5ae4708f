import type { Severity } from '../core/model';
import { type CheckedFile, type Counts, position } from './report';
import type { NextHopJson, ResolveEntry, Resolved } from './resolve';

/** ANSI styling that collapses to plain text when colours are off. */
export interface Palette {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly blue: (text: string) => string;
  readonly green: (text: string) => string;
}

export function palette(enabled: boolean): Palette {
  const style = (open: string, close: string) => (text: string): string =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    bold: style('1', '22'),
    dim: style('2', '22'),
    red: style('31', '39'),
    yellow: style('33', '39'),
    blue: style('34', '39'),
    green: style('32', '39'),
  };
}

function severityStyle(severity: Severity, p: Palette): (text: string) => string {
  switch (severity) {
    case 'error': return (text) => p.bold(p.red(text));
    case 'warning': return p.yellow;
    case 'information': return p.blue;
    default: return p.dim;
  }
}

function severityWord(severity: Severity, p: Palette): string {
  return severityStyle(severity, p)(severity);
}

/** A header, then one compiler-style line per finding, with related places indented below it. */
export function renderCheckedFile(file: CheckedFile, p: Palette): string {
  const routes = file.routeCount === undefined ? '' : `, ${file.routeCount} ${file.routeCount === 1 ? 'route' : 'routes'}`;
  let out = `${p.bold(file.path)} ${p.dim(`(format ${file.format}${routes})`)}\n`;
  for (const finding of file.findings) {
    const at = position(finding.span);
    out += `${file.path}:${at.line}:${at.column}: ${severityWord(finding.severity, p)} ${p.dim(finding.code)}: ${finding.message}\n`;
    for (const related of finding.related) {
      const r = position(related.span);
      out += `  ${file.path}:${r.line}:${r.column}: ${p.dim('note')}: ${related.message}\n`;
    }
  }
  return out;
}

const LABELS: readonly [Severity, string, string][] = [
  ['error', 'error', 'errors'],
  ['warning', 'warning', 'warnings'],
  ['information', 'information', 'information'],
  ['hint', 'hint', 'hints'],
];

/** `Checked 2 files: 1 error, 2 warnings, 1 information.` Hints appear only when present. */
export function renderSummary(fileCount: number, counts: Counts, p: Palette): string {
  const files = `${fileCount} ${fileCount === 1 ? 'file' : 'files'}`;
  const total = counts.error + counts.warning + counts.information + counts.hint;
  if (total === 0) return `${p.green('✓')} Checked ${files}: no findings.\n`;
  const parts = LABELS
    .filter(([severity]) => severity !== 'hint' || counts.hint > 0)
    .map(([severity, one, many]) => {
      const n = counts[severity];
      const text = `${n} ${n === 1 ? one : many}`;
      return n > 0 ? severityStyle(severity, p)(text) : text;
    });
  return `Checked ${files}: ${parts.join(', ')}.\n`;
}

/**
 * `203.0.113.77 → eth0 via 192.168.101.1 (line 4: …) — outside the tunnel`, then the explanation indented.
 * The tunnel remark appears only when the dump has tunnel routes at all.
 */
export function renderResolution(resolved: Resolved, anyTunnel: boolean, p: Palette): string {
  const { entry, routeText } = resolved;
  let head = `${p.bold(entry.address)}${entry.flow ? ` ${entry.flow}` : ''} → ${target(entry, p)}`;
  if (entry.route) head += ` (line ${entry.route.line}: ${routeText ?? entry.route.prefix})`;
  if (entry.rule) head += ` by rule ${entry.rule.priority} \`${entry.rule.rule}\``;
  if (anyTunnel && entry.outcome === 'forward' && entry.route) {
    if (entry.tunnel) head += ` — ${p.green('through the tunnel')}`;
    else if (resolved.someTunnel) head += ` — ${p.yellow('partly through the tunnel')}`;
    else head += ` — ${p.yellow('outside the tunnel')}`;
  }
  return `${head}\n${entry.explanation.map((line) => `    ${line}\n`).join('')}`;
}

function target(entry: ResolveEntry, p: Palette): string {
  const hops = entry.route?.nexthops ?? [];
  const device = hops[0]?.interface;
  const on = device ? ` on ${device}` : '';
  switch (entry.outcome) {
    case null:
      return p.red(entry.error ?? 'invalid address');
    case 'forward':
      return hops.length === 0 ? 'no next hop' : hops.map(hopText).join(', ');
    case 'local':
      return 'this host (local delivery)';
    case 'broadcast':
    case 'multicast':
    case 'anycast':
    case 'nat':
      return `${entry.outcome}${on}`;
    case 'no-route':
      return p.red(`no route ("${entry.error ?? 'Network is unreachable'}")`);
    default:
      return p.red(`${entry.outcome} ("${entry.error ?? ''}")`);
  }
}

function hopText(hop: NextHopJson): string {
  if (hop.interface && hop.gateway) return `${hop.interface} via ${hop.gateway}`;
  return hop.interface ?? (hop.gateway ? `via ${hop.gateway}` : 'no next hop');
}
