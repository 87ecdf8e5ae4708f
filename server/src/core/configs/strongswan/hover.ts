import { addressWordAt } from '../../explain/tokenAt';
import { type Span, spanOnLine } from '../../model';
import { type Address, formatAddress, parseAddress } from '../../net/address';
import { type Prefix, formatPrefix, parsePrefix, prefixContains } from '../../net/prefix';
import { describeHops } from '../../rules/routeText';
import { type ConfigHover, HIDDEN } from '../types';
import { policyLines, routeLines } from './install';
import { type Tunnel, tunnelRef } from './model';
import { protectionFor } from './policy';
import type { SwanState } from './state';

function inside(span: Span, line: number, character: number): boolean {
  if (line < span.line || line > span.endLine) return false;
  if (line === span.line && character < span.col) return false;
  return !(line === span.endLine && character > span.endCol);
}

const XFRM_NOTE = 'IPsec on Linux is policy-based (xfrm): `ip route` alone does not show what is encrypted; `ip xfrm policy` does.';

/** Hover for one position; secrets are answered with `(hidden)` and never read. */
export function hoverAt(state: SwanState, lineText: string, line: number, character: number): ConfigHover | undefined {
  for (const secret of state.doc.secrets) {
    if (inside(secret, line, character)) return { markdown: `**Secret**: ${HIDDEN}. Route Lens never shows secret values.`, span: secret };
  }
  for (const tunnel of state.doc.tunnels) {
    if (inside(tunnel.nameSpan, line, character)) return { markdown: tunnelMarkdown(state, tunnel), span: tunnel.nameSpan };
  }
  for (const top of state.doc.nodes.filter((n) => n.name === 'connections')) {
    for (const conn of top.children) {
      if (!inside(conn.nameSpan, line, character)) continue;
      const children = state.doc.tunnels.filter((t) => t.name.startsWith(`${conn.name}/`));
      const markdown = children.length === 0 ? `**${conn.name}**: no children, so no policies or routes.` : children.map((t) => tunnelMarkdown(state, t)).join('\n\n---\n\n');
      return { markdown, span: conn.nameSpan };
    }
  }
  const word = addressWordAt(lineText, character);
  if (!word || word.text === 'default') return undefined;
  const span = spanOnLine(line, word.start, word.end);
  if (word.text.includes('/')) {
    const parsed = parsePrefix(word.text);
    return parsed ? { markdown: prefixMarkdown(state, parsed.prefix), span } : undefined;
  }
  const address = parseAddress(word.text);
  return address ? { markdown: addressMarkdown(state, address), span } : undefined;
}

function tunnelMarkdown(state: SwanState, tunnel: Tunnel): string {
  const plan = state.plan(tunnel);
  const parts = [`**${tunnelRef(tunnel)}**: mode ${tunnel.mode}, ${tunnel.kind === 'conn' ? 'auto' : 'start_action'}=${tunnel.start}${tunnel.vips.length > 0 ? `, virtual IP ${tunnel.vips.join(', ')}` : ''}.`];
  parts.push(`xfrm policies:\n\n\`\`\`\n${policyLines(plan).join('\n') || '(none)'}\n\`\`\``);
  if (plan.routes.length > 0) {
    parts.push(`Routes in table 220, which \`ip rule\` 220 (\`from all lookup 220\`) consults before main:\n\n\`\`\`\n${routeLines(plan).join('\n')}\n\`\`\``);
  }
  parts.push(...plan.notes, XFRM_NOTE);
  return parts.join('\n\n');
}

function protectionText(state: SwanState, target: Address, label: string): string[] {
  const p = protectionFor(state.doc.tunnels, target);
  const lines: string[] = [];
  if (!p) {
    lines.push(`**${label}**: no IPsec policy of this file matches it: it is sent in clear.`);
  } else if (p.tunnel.mode === 'pass') {
    lines.push(`**${label}**: bypasses IPsec: the passthrough ${tunnelRef(p.tunnel)} (selector ${p.selector.text}, priority ${p.priority}) wins.`);
  } else if (p.tunnel.mode === 'drop') {
    lines.push(`**${label}**: dropped by ${tunnelRef(p.tunnel)} (selector ${p.selector.text}).`);
  } else {
    lines.push(`**${label}**: protected by IPsec: ${tunnelRef(p.tunnel)}, selector ${p.selector.text}, priority ${p.priority} (traffic from its local selector ${p.tunnel.local.map((s) => s.text).join(', ')}).`);
  }
  for (const l of p?.losers.slice(0, 4) ?? []) lines.push(`- loses: ${tunnelRef(l.tunnel)}, ${l.selector.text}, priority ${l.priority}`);
  if (state.dump && p && p.tunnel.mode !== 'drop') {
    const route = state.plan(p.tunnel).routes.find((r) => {
      const prefix = parsePrefix(r.prefix)?.prefix;
      return prefix !== undefined && prefixContains(prefix, target);
    });
    if (route) lines.push(`Once connected: table 220 first (rule 220), ${route.prefix}${route.via ? ` via ${route.via}` : ''} dev ${route.dev}; then the xfrm policy ${p.tunnel.mode === 'pass' ? 'lets it pass' : 'encrypts it to the peer'}.`);
  }
  if (state.dump) {
    const now = state.pathNow(target);
    lines.push(now ? `Today (${state.dumpName}): via ${describeHops(now.route.nexthops)}, line ${now.route.span.line + 1}.` : `Today (${state.dumpName}): no route.`);
  }
  lines.push(XFRM_NOTE);
  return lines;
}

function addressMarkdown(state: SwanState, address: Address): string {
  return protectionText(state, address, formatAddress(address)).join('\n\n');
}

function prefixMarkdown(state: SwanState, prefix: Prefix): string {
  // The first address stands for the prefix; selectors that cover part of it are listed by the rules.
  return protectionText(state, prefix, formatPrefix(prefix)).join('\n\n');
}
