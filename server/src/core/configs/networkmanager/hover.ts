import { addressWordAt } from '../../explain/tokenAt';
import { type Span, spanOnLine } from '../../model';
import { type Family, parseAddress } from '../../net/address';
import { formatPrefix, parsePrefix, prefixCovers } from '../../net/prefix';
import { type ConfigHover, HIDDEN } from '../types';
import { KEY_DOCS } from './keys';
import { routeClause } from './predict';
import type { NmEntry, NmSection } from './model';
import type { NmState } from './state';
import { settingMarkdown } from './hoverText';

function inside(span: Span, line: number, character: number): boolean {
  return line >= span.line && line <= span.endLine && !(line === span.line && character < span.col) && !(line === span.endLine && character > span.endCol);
}

function locate(state: NmState, line: number): { section: NmSection; entry: NmEntry | undefined } | undefined {
  for (const section of state.doc.sections) {
    if (section.header.line === line) return { section, entry: undefined };
    const entry = section.entries.find((e) => e.line === line);
    if (entry) return { section, entry };
  }
  return undefined;
}

/** Hover at one position; secrets are answered with `(hidden)` and never read. */
export function hoverAt(state: NmState, lineText: string, line: number, character: number): ConfigHover | undefined {
  const at = locate(state, line);
  const entry = at?.entry;
  for (const secret of state.doc.secrets) {
    if (inside(secret, line, character)) return hidden(entry?.secret ? entry.key : 'Secret', secret);
  }
  if (entry?.secret && !inside(entry.keySpan, line, character)) return hidden(entry.key, entry.valueSpan);
  if (at && !entry && inside(at.section.header, line, character)) {
    const markdown = settingMarkdown(state, at.section);
    return markdown ? { markdown, span: at.section.header } : undefined;
  }
  if (entry && (entry.secret || inside(entry.keySpan, line, character))) return keyDoc(state, entry);
  const family: Family = at?.section.setting === 'ipv6' ? 6 : 4;
  const word = addressWordAt(lineText, character);
  if (!word || word.text === 'default') return entry ? keyDoc(state, entry) : undefined;
  const span = spanOnLine(line, word.start, word.end);
  if (word.text.includes('/')) {
    const parsed = parsePrefix(word.text, family);
    if (!parsed) return undefined;
    const mine = state.plan.routes.filter((r) => r.family === parsed.prefix.family && prefixCovers(parsed.prefix, r.prefix) && prefixCovers(r.prefix, parsed.prefix));
    const lines = [`**${formatPrefix(parsed.prefix)}**`, ''];
    if (mine.length > 0) lines.push('Once this connection is up, NetworkManager installs:', '', ...mine.map((r) => `- ${routeClause(r)}`));
    else lines.push('NetworkManager installs no route for exactly this prefix.');
    const first = parseAddress(formatPrefix(parsed.prefix).split('/')[0] ?? '');
    if (first) lines.push('', `Its first address goes ${state.predict(first).sentence}.`);
    return { markdown: lines.join('\n'), span };
  }
  const address = parseAddress(word.text.replace(/:\d+$/, (port) => (word.text.split(':').length === 2 ? '' : port)));
  if (!address) return undefined;
  const prediction = state.predict(address);
  const steps = prediction.steps.length > 0 ? ['', ...prediction.steps.map((s) => `- ${s}`)] : [];
  const context = state.dump ? '' : '\n\nWith a route dump of the machine, Route Lens also says where it goes outside this connection.';
  return { markdown: [`**${word.text}** once this connection is up goes ${prediction.sentence}.`, ...steps].join('\n') + context, span };
}

function keyDoc(state: NmState, entry: NmEntry): ConfigHover | undefined {
  const base = /^routing-rules?\d*$/.test(entry.key) ? 'routing-rule' : entry.key;
  const doc = base === 'routing-rule'
    ? 'A policy routing rule (`ip rule` syntax) NetworkManager adds while this connection is up; it sends lookups to a table.'
    : KEY_DOCS[base];
  if (!doc) return undefined;
  const here = meaning(state, base);
  return { markdown: `**${entry.key}**: ${doc}${here ? `\n\n${here}` : ''}`, span: entry.keySpan };
}

/** What the key does for this connection in particular. */
function meaning(state: NmState, key: string): string | undefined {
  const c = state.connection;
  const tunnel = c.kind === 'vpn' || c.kind === 'wireguard';
  switch (key) {
    case 'never-default':
      return state.plan.defaults.length > 0
        ? `Here: the default route goes through ${state.plan.device} for ${state.plan.defaults.map((f) => `IPv${f}`).join(' and ')}.`
        : `Here: no default route goes through ${state.plan.device}; ${tunnel ? 'a split tunnel' : 'another connection provides the default'}.`;
    case 'route-table':
    case 'routing-rule': {
      const rules = state.plan.rules.map((r) => `\`${r.priority}: ${r.text}\``);
      return rules.length > 0 ? `Here the rules are ${rules.join(', ')}.` : 'Here no routing rule is set, so only the main table is searched.';
    }
    case 'ignore-auto-routes':
      return tunnel
        ? 'Here it decides whether routes the VPN server pushes are installed.'
        : 'Here it decides whether DHCP classless static routes (option 121) are installed: with a full-tunnel VPN up, such routes can pull traffic out of the tunnel (TunnelVision, CVE-2024-3661).';
    case 'dns-priority': {
      const p = c.ipv4.dnsPriority;
      return `Here: ${p === 0 ? `default, so ${tunnel ? 50 : 100}` : p}${p < 0 ? ', exclusive: connections with a higher value get no DNS queries' : ''}.`;
    }
    default:
      return undefined;
  }
}

function hidden(name: string, span: Span): ConfigHover {
  return { markdown: `**${name}**: ${HIDDEN}. Route Lens never shows secret values.`, span };
}
