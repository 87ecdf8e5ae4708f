import { type Span, spanOnLine } from '../../model';
import { formatAddress, parseIPv4 } from '../../net/address';
import type { ConfigHover } from '../types';
import { predictAddress } from './install';
import { lnsPath, nowSentence } from './lnsPath';
import type { Xl2tpdEntry, Xl2tpdSection } from './xl2tpdParse';
import type { Xl2tpdLink, Xl2tpdState } from './xl2tpdState';

const inside = (span: Span, line: number, character: number): boolean =>
  span.line === line && character >= span.col && character <= span.endCol;

const ADDRESS_FIELDS = new Set(['local ip', 'remote ip', 'listen-addr', 'ip range', 'no ip range', 'local ip range', 'lac', 'no lac']);

function lnsMarkdown(state: Xl2tpdState, link: Xl2tpdLink, entry: Xl2tpdEntry): string {
  const address = link.lnses.find((l) => l.entry === entry)?.address;
  if (!address) return `**LNS ${entry.value}**: a name; its L2TP packets must leave outside ppp0, so a host route for it names the address it resolves to.`;
  const text = formatAddress(address);
  const path = lnsPath(state, link, address);
  if (!path) return `**LNS ${text}**: its L2TP packets (UDP 1701) must leave outside ppp0; pppd adds no host route for it.\n\nName a dump of this machine to see the path.`;
  const lines = [`**LNS ${text}**: its L2TP packets (UDP 1701) leave ${nowSentence(path, state.dumpName)} now.`];
  if (path.pinned) lines.push('', 'That route is more specific than any default: they stay outside the tunnel once connected.');
  else if (path.after) lines.push('', `Once connected they go ${path.after.sentence}${path.after.tunnel ? `: the tunnel would carry itself. Add \`${path.command}\`.` : '.'}`);
  else lines.push('', `Once connected: unknown until the pppoptfile is read. If ppp0 takes the default, add \`${path.command}\`.`);
  return lines.join('\n');
}

function installMarkdown(state: Xl2tpdState, link: Xl2tpdLink): string {
  if (!link.optionsKnown) return `The routing options are in ${link.pppoptfile?.value ?? 'the pppoptfile'}, which was not read here.`;
  const plan = link.plan;
  const s = plan.settings;
  if (!s.defaultroute) return 'pppd adds no default route for this link: only the peer\'s /32 goes into ppp0.';
  if (!state.dump) return s.replace ? 'pppd replaces the default route with `default dev ppp0 scope link`.' : 'pppd adds `default dev ppp0 scope link` only on a host without a default route; most have one.';
  const first = plan.existing[0];
  if (plan.outcome === 'blocked' && first) return `pppd adds no default: ${state.dumpName} has \`${first.text}\` (line ${first.span.line + 1}), which keeps carrying everything but the peer's /32.`;
  return `pppd installs \`default dev ${s.device} scope link${plan.metric ? ` metric ${plan.metric}` : ''}\`${plan.replaced ? `, replacing line ${plan.replaced.span.line + 1} of ${state.dumpName}` : ''}.`;
}

function addressHover(state: Xl2tpdState, link: Xl2tpdLink | undefined, entry: Xl2tpdEntry, line: number, character: number): ConfigHover | undefined {
  const re = /[0-9]+(?:\.[0-9]+){3}/g;
  for (let m = re.exec(entry.value); m; m = re.exec(entry.value)) {
    const col = entry.valueSpan.col + m.index;
    const span = spanOnLine(line, col, col + m[0].length);
    if (!inside(span, line, character)) continue;
    const address = parseIPv4(m[0]);
    if (!address) return undefined;
    const head = `**${m[0]}** (\`${entry.info?.name ?? entry.key}\`)`;
    if (!state.dump || !link) return { markdown: `${head}\n\nName a dump of this machine to see where it goes once connected.`, span };
    const p = predictAddress(link.plan, state.dump, state.dumpName, address);
    return { markdown: p ? `${head}: once connected it goes ${p.sentence}.` : head, span };
  }
  return undefined;
}

export function xl2tpdHoverAt(state: Xl2tpdState, line: number, character: number): ConfigHover | undefined {
  const section: Xl2tpdSection | undefined = state.doc.sections.find((s) => s.span.line <= line && line <= s.span.endLine);
  if (!section) return undefined;
  const link = state.links.find((l) => l.section === section);
  if (inside(section.header, line, character)) {
    const kind = section.kind === 'global' ? 'Settings for the daemon.' : section.kind === 'lac' ? 'A client link: xl2tpd dials the `lns` and runs pppd.' : 'A server: xl2tpd answers L2TP clients and runs pppd for each.';
    return { markdown: `**[${section.kind}${section.name ? ` ${section.name}` : ''}]**: ${kind}${link ? `\n\n${installMarkdown(state, link)}` : ''}`, span: section.header };
  }
  const entry = section.entries.find((e) => e.keySpan.line === line);
  if (!entry) return undefined;
  const name = entry.info?.name;
  if (inside(entry.keySpan, line, character)) {
    if (!entry.info) return { markdown: `**${entry.key}**: not a field xl2tpd knows.`, span: entry.keySpan };
    let markdown = `**${entry.info.name}**: ${entry.info.doc}`;
    if (link && (name === 'defaultroute' || name === 'pppoptfile')) markdown += `\n\n${installMarkdown(state, link)}`;
    if (link && name === 'lns') markdown += `\n\n${lnsMarkdown(state, link, entry)}`;
    return { markdown, span: entry.keySpan };
  }
  if (!inside(entry.valueSpan, line, character)) return undefined;
  if (link && name === 'lns') return { markdown: lnsMarkdown(state, link, entry), span: entry.valueSpan };
  if (link && (name === 'defaultroute' || name === 'pppoptfile')) return { markdown: installMarkdown(state, link), span: entry.valueSpan };
  if (name && ADDRESS_FIELDS.has(name)) return addressHover(state, link, entry, line, character);
  return undefined;
}
