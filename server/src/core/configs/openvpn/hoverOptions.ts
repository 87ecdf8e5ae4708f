import { formatAddress } from '../../net/address';
import { formatPrefix, prefixContains } from '../../net/prefix';
import { bullets, code } from '../../explain/markdown';
import type { RuleContext, Side } from './context';
import { type InstalledRoute, redirectState } from './install';
import type { Directive } from './model';
import { installedText, whereabouts } from './where';

/** The routes a `redirect-gateway` (with every flag seen so far) installs on this side. */
export function redirectHover(side: Side, d: Directive): string {
  const redirectLines = new Set(side.options.redirects.map((r) => r.directive.line));
  const routes = side.plan.routes.filter((r) => r.origin === 'redirect');
  const state = redirectState(side.options.redirects);
  const lines: string[] = routes.map(routeLine);
  for (const removed of side.plan.removed) lines.push(`deletes ${code(formatPrefix(removed.prefix))}: ${removed.why}`);
  for (const note of side.plan.notes) if (redirectLines.has(note.span.line) || note.message.startsWith('`remote')) lines.push(note.message);
  if (!state.enabled && !state.ipv6) lines.push('`!ipv4` without `ipv6`: nothing is redirected.');
  const who = side.who === 'clients' ? 'On each client, the pushed redirect installs' : 'When connected, OpenVPN installs';
  const several = side.options.redirects.length > 1 ? `\n\nThis config has ${side.options.redirects.length} redirect options; OpenVPN adds their flags together (and warns about it).` : '';
  if (d.push && side.who !== 'clients') return `${who}:\n\n${bullets(lines)}`;
  return `${who}:\n\n${bullets(lines.length > 0 ? lines : ['no routes'])}${several}`;
}

function routeLine(r: InstalledRoute): string {
  const where = r.target === 'tunnel' ? 'through the tunnel' : r.target === 'net_gateway' ? 'outside the tunnel (net_gateway)' : `via ${r.via}`;
  return `${code(installedText(r))}: ${where}; ${r.why}${r.condition ? ` (${r.condition})` : ''}`;
}

/** Whether the server's address gets a host route that keeps the tunnel's packets off the tunnel. */
export function remoteHover(ctx: RuleContext, side: Side, d: Directive): string {
  const host = d.args[0]?.text ?? '';
  const remote = ctx.config.remotes.find((r) => r.directive === d);
  const state = redirectState(side.options.redirects);
  const address = remote?.address;
  const parts: string[] = [];
  if (!address) {
    parts.push(`${code(host)} is a name: OpenVPN resolves it when connecting${state.enabled && !state.flags.has('local') ? ', then adds a host route to that address via net_gateway so the tunnel\'s packets bypass the tunnel' : ''}.`);
    return parts.join('\n\n');
  }
  const exemption = side.plan.routes.find((r) => (r.origin === 'redirect' || r.origin === 'server-exemption') && r.span.line === d.line);
  if (exemption) {
    parts.push(`**Exempted**: OpenVPN adds ${code(installedText(exemption))} so the tunnel's own packets to ${formatAddress(address)} bypass the tunnel${exemption.condition ? `, ${exemption.condition}` : ''}.`);
  } else if (state.enabled && state.flags.has('local') && address.family === 4) {
    parts.push('**Not exempted**: `local` tells OpenVPN the server is on a directly connected subnet, so no host route is added.');
  } else if (!state.enabled && address.family === 4) {
    parts.push(`No host route is added: this config does not redirect the default gateway${ctx.config.role === 'client' ? ' (a server that pushes `redirect-gateway` would add one)' : ''}.`);
  }
  const where = whereabouts(side, address, ctx.config.device);
  if (where.tunnel) {
    parts.push(`⚠ ${formatAddress(address)} ${where.summary} The tunnel's own packets would loop into the tunnel: exempt the server (\`route ${formatAddress(address)} 255.255.255.255 net_gateway\`) or narrow that route.`);
  } else {
    parts.push(`Tunnel packets to ${formatAddress(address)}: ${where.summary}`);
  }
  return parts.join('\n\n');
}

/** What one `route`/`route-ipv6` line installs and where its network goes. */
export function routeOptionHover(side: Side, d: Directive): string {
  const installed = side.plan.routes.filter((r) => (r.origin === 'route' || r.origin === 'route-ipv6') && r.span.line === d.line && r.span.col === d.span.col);
  if (installed.length === 0) {
    return side.plan.notes.find((n) => n.span.line === d.line)?.message ?? 'OpenVPN cannot install this route as written.';
  }
  const lines = installed.map((r) => {
    const shadowedBy = side.plan.routes.find((o) => o !== r && o.prefix.len > r.prefix.len && prefixContains(r.prefix, o.prefix) && o.target !== r.target);
    const note = shadowedBy ? `; part of it, ${code(formatPrefix(shadowedBy.prefix))}, goes elsewhere (${shadowedBy.why})` : '';
    return `${routeLine(r)}${note}`;
  });
  const who = side.who === 'clients' ? 'Each client installs' : 'Installs';
  return `${who}:\n\n${bullets(lines)}`;
}
