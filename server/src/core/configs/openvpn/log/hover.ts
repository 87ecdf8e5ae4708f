import { type Span, spanOnLine } from '../../../model';
import { formatAddress, parseAddress } from '../../../net/address';
import { formatPrefix, parsePrefix } from '../../../net/prefix';
import { bullets, code } from '../../../explain/markdown';
import { addressWordAt } from '../../../explain/tokenAt';
import { type ConfigHover, HIDDEN } from '../../types';
import { DESCRIPTIONS } from '../describe';
import { installedText, whereabouts } from '../where';
import { type LogConnection, optionText } from './connection';

const SOURCE = 'the routes OpenVPN installed';

/** Hovers on a log: what a route command did, what a pushed option means, where an address went. */
export function logHover(connection: LogConnection, lineText: string, line: number, character: number): ConfigHover | undefined {
  const { parsed } = connection;
  const secret = parsed.secrets.find((s) => s.line === line && character >= s.col && character < s.endCol);
  if (secret) return { markdown: `Session credential: ${HIDDEN}`, span: secret };
  const parts: string[] = [];
  let span: Span | undefined;
  const route = parsed.routes.find((r) => r.span.line === line);
  if (route) {
    const meaning = connection.meaning.get(route);
    const where = meaning?.target === 'tunnel' ? 'through the tunnel' : meaning?.target === 'net_gateway' ? 'outside the tunnel, via the machine\'s gateway' : 'via its gateway';
    const verb = route.action === 'add' ? 'added' : 'deleted';
    const status = route.failed ? ` It **failed** (${route.failed}), so the route was not installed.` : '';
    const current = meaning && connection.side.plan.routes.includes(meaning) ? ' It is part of the table the last connection in this log set up.' : '';
    parts.push(`OpenVPN ${verb} ${code(meaning ? installedText(meaning) : formatPrefix(route.prefix))}: ${where}.${status}${current}`);
  }
  const reply = parsed.pushes.find((p) => p.line === line);
  const option = reply?.options.find((o) => character >= o.nameParam.start && character <= o.span.endCol);
  if (option) {
    const removed = parsed.filters.some((f) => f.action !== 'accepted' && f.option.trim() === optionText(option));
    const about = DESCRIPTIONS[option.name];
    parts.push(`Pushed ${code(option.name)}${about ? `: ${about}` : ''}${removed ? '\n\n**Removed by a pull filter**: it did not apply.' : ''}`);
    span = option.span;
    if (option.name === 'redirect-gateway') parts.push(redirectRoutes(connection));
  }
  if (/ROUTE6?_GATEWAY /.test(lineText) && !route) {
    parts.push('The machine\'s default gateway before connecting: OpenVPN\'s `net_gateway`. Host routes to the server and `net_gateway` routes use it.');
  }
  const word = addressWordAt(lineText, character);
  if (word && word.text !== 'default') {
    const slash = word.text.indexOf('/');
    const address = parseAddress(slash < 0 ? word.text : word.text.slice(0, slash));
    if (address) {
      const prefix = slash < 0 ? undefined : parsePrefix(word.text, address.family)?.prefix;
      const where = whereabouts(connection.side, address, connection.device, SOURCE);
      const outside = !where.tunnel && !connection.side.prediction && parsed.gateway4?.address && address.family === 4
        ? ` (the machine's default gateway was ${formatAddress(parsed.gateway4.address)}${parsed.gateway4.device ? ` on ${parsed.gateway4.device}` : ''})`
        : '';
      parts.push(`Once connected, **${prefix ? formatPrefix(prefix) : word.text}** ${where.summary}${outside}`);
      span = spanOnLine(line, word.start, word.end);
    }
  }
  if (parts.length === 0) return undefined;
  return { markdown: parts.join('\n\n'), span: span ?? route?.span ?? spanOnLine(line, 0, lineText.length) };
}

function redirectRoutes(connection: LogConnection): string {
  const routes = connection.side.plan.routes.filter((r) => r.prefix.len <= 1 || r.target === 'net_gateway');
  if (routes.length === 0) return 'No redirect routes appear in the log.';
  return `Routes the log shows for it:\n\n${bullets(routes.map((r) => `${code(installedText(r))} (line ${r.span.line + 1})`))}`;
}
