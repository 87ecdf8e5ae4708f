import type { Span } from '../../model';
import { type Address, formatAddress, parseIPv4 } from '../../net/address';
import { type ConfigHover, HIDDEN } from '../types';
import { defaultRouteDiff, predictAddress } from './install';
import { PPP_DOCS, PPP_OPTIONS } from './pppOptions';
import type { PppState } from './pppState';

const ROUTE_OPTIONS = new Set(['defaultroute', 'replacedefaultroute', 'noreplacedefaultroute', 'nodefaultroute', 'defaultroute-metric']);

const inside = (span: Span, line: number, character: number): boolean =>
  span.line === line && character >= span.col && character <= span.endCol;

/** What pppd will install on this machine, for hovers on the routing options. */
export function installMarkdown(state: PppState): string {
  const s = state.settings;
  const plan = state.plan;
  const head = `**What pppd will install** (pppd 2.4.9 on Linux; \`${s.defaultroute ? 'defaultroute' : 'no defaultroute'}\`${s.replace ? ' + `replacedefaultroute`' : ''}${s.metric !== undefined ? `, metric ${s.metric}` : ''}):`;
  const peer = s.remote ? `${formatAddress(s.remote)}/32` : "the peer's /32 (its address comes from IPCP)";
  const lines: string[] = [head, ''];
  if (!state.dump) {
    if (!s.defaultroute) lines.push(`Only ${peer} goes into ${s.device}; no default route.`);
    else if (s.replace) lines.push(`\`default dev ${s.device} scope link\` replaces the machine's default route, which comes back on hang-up. ${peer} goes into ${s.device} too.`);
    else lines.push(`On a host with no default route: \`default dev ${s.device} scope link\`. On a host that has one (most): nothing but ${peer}; the old default stays and carries everything else.`);
    lines.push('', `_${state.foreignDump ? `${state.dumpName} is not a Linux table` : 'No dump of this machine is known'}: name one to see the predicted table._`);
    return lines.join('\n');
  }
  lines.push('```text', ...defaultRouteDiff(plan, state.dumpName), '```');
  const probe = parseIPv4('192.0.2.1');
  const p = probe ? predictAddress(plan, state.dump, state.dumpName, probe) : undefined;
  const verdict = plan.outcome === 'blocked'
    ? `pppd adds no default: ${state.dumpName} has one already.`
    : plan.outcome === 'off' ? 'pppd adds no default route.' : `pppd's default wins${plan.replaced ? ', and the old one is gone until hang-up' : ''}.`;
  lines.push(verdict);
  if (p) lines.push(`Once connected, public addresses go ${p.sentence}.`);
  return lines.join('\n');
}

function addressMarkdown(state: PppState, address: Address, role: string): string {
  const text = formatAddress(address);
  const head = `**${text}**: ${role}.`;
  if (!state.dump) return `${head}\n\nName a dump of this machine to see where it goes once connected.`;
  const p = predictAddress(state.plan, state.dump, state.dumpName, address);
  return p ? `${head}\n\nOnce connected it goes ${p.sentence}.` : head;
}

export function pppHoverAt(state: PppState, line: number, character: number): ConfigHover | undefined {
  for (const o of state.doc.options) {
    if (o.arg && inside(o.arg.span, line, character)) {
      if (o.secret) return { markdown: `\`${o.name}\` ${HIDDEN}: a secret, never shown.`, span: o.arg.span };
      const address = o.name === 'ms-dns' || o.name === 'ms-wins' ? parseIPv4(o.arg.text) : undefined;
      if (address) return { markdown: addressMarkdown(state, address, `a server address pppd offers to the peer (\`${o.name}\`)`), span: o.arg.span };
      if (ROUTE_OPTIONS.has(o.name)) return { markdown: installMarkdown(state), span: o.arg.span };
    }
    if (!inside(o.nameSpan, line, character)) continue;
    const doc = PPP_DOCS[o.name] ?? `pppd option; see \`man pppd\`.`;
    const arg = o.arg ? (o.secret ? ` ${HIDDEN}` : ' …') : '';
    const body = `**\`${o.name}\`${arg}**: ${doc}`;
    const markdown = ROUTE_OPTIONS.has(o.name) ? `${body}\n\n${installMarkdown(state)}` : body;
    return { markdown, span: o.nameSpan };
  }
  for (const pair of state.doc.addresses) {
    for (const [side, role] of [[pair.local, "this end's address on the link"], [pair.remote, "the peer's address: the kernel routes this /32 into the link"]] as const) {
      if (side && inside(side.span, line, character)) return { markdown: addressMarkdown(state, side.address, role), span: side.span };
    }
  }
  for (const word of state.doc.unknown) {
    if (inside(word.span, line, character) && !PPP_OPTIONS.has(word.text)) {
      return { markdown: `**${word.text}**: not a pppd option.`, span: word.span };
    }
  }
  return undefined;
}
