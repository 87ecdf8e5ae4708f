import { type Finding, spanOnLine } from '../../../model';
import { formatPrefix } from '../../../net/prefix';
import type { ConfigAnalysis, ConfigContext, ConfigSymbol } from '../../types';
import { type LogConnection, readConnection } from './connection';
import { logHover } from './hover';
import { parseLog } from './parse';
import { LOG_RULES } from './rules';

/** Analyses an OpenVPN log: the routes it installed, the options it was pushed, and what leaked. */
export function analyzeLog(text: string, context: ConfigContext): Omit<ConfigAnalysis, 'simulate'> & { readonly connection: LogConnection } {
  const parsed = parseLog(text);
  const connection = readConnection(parsed, context);
  const findings: Finding[] = [];
  for (const rule of LOG_RULES) for (const f of rule.check(connection)) findings.push(f);
  findings.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
  return {
    format: 'openvpn-log',
    findings,
    secrets: parsed.secrets,
    symbols: logSymbols(connection),
    hoverAt: (lineText, line, character) => logHover(connection, lineText, line, character),
    connection,
  };
}

function logSymbols(connection: LogConnection): ConfigSymbol[] {
  const { parsed } = connection;
  const out: ConfigSymbol[] = [];
  for (const reply of parsed.pushes) {
    const span = spanOnLine(reply.line, 0, (parsed.lines[reply.line] ?? '').length);
    out.push({
      name: 'PUSH_REPLY', kind: 'section', detail: `${reply.options.length} options`, span, selectionSpan: span,
      // Names only: an option's arguments may be a session token.
      children: reply.options.map((o) => ({
        name: o.name, kind: 'key' as const, span: o.span, selectionSpan: spanOnLine(o.line, o.nameParam.start, o.nameParam.end), children: [],
      })),
    });
  }
  for (const r of parsed.routes) {
    const meaning = connection.meaning.get(r);
    const where = meaning?.target === 'tunnel' ? '→ tunnel' : meaning?.target === 'net_gateway' ? '→ outside' : '';
    out.push({
      name: `${r.action === 'add' ? 'route add' : 'route del'} ${formatPrefix(r.prefix)}`, kind: 'route',
      detail: `${where}${r.failed ? ` (failed: ${r.failed})` : ''}`.trim(), span: r.span, selectionSpan: r.span, children: [],
    });
  }
  if (parsed.device) out.push({ name: `device ${parsed.device.name}`, kind: 'key', span: parsed.device.span, selectionSpan: parsed.device.span, children: [] });
  return out.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
}
