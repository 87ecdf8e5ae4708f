import type { RuleContext } from '../configs/openvpn/context';
import type { Directive } from '../configs/openvpn/model';
import type { Finding } from '../model';
import { formatAddress } from '../net/address';
import type { DocText } from './text';
import type { Fix, TextEdit } from './types';

/** Fixes for one finding of an OpenVPN config. */
export function openvpnFixes(context: RuleContext, doc: DocText, finding: Finding): Fix[] {
  switch (finding.code) {
    case 'ipv6-leak': return ipv6Fixes(context, doc, finding);
    case 'remote-in-tunnel': return bypassRemote(context, doc, finding);
    default: return [];
  }
}

/**
 * A pushed option's columns are exact only when the quoted text has no escapes; an edit inside it is offered
 * only then, and only when the closing quote sits right after the last argument.
 */
function editable(doc: DocText, d: Directive): boolean {
  if (d.block || d.connection !== undefined) return false;
  if (!d.push) return true;
  const raw = doc.line(d.line);
  return !raw.includes('\\') && raw.charAt(d.span.endCol) === '"';
}

/** New option lines after line `after`, pushed to clients when `pushed`; one edit keeps their order. */
function optionLines(doc: DocText, after: number, options: readonly string[], pushed: boolean): TextEdit {
  return doc.insertLineAfter(after, options.map((o) => (pushed ? `push "${o}"` : o)).join(doc.eol));
}

function ipv6Fixes(context: RuleContext, doc: DocText, finding: Finding): Fix[] {
  const { side } = context;
  const pushed = side.who === 'clients';
  const redirect = [...side.options.redirects].reverse().find((r) => !r.private)?.directive;
  if (redirect && !editable(doc, redirect)) return [];
  const block = side.options.blockIpv6 ? [] : ['block-ipv6'];
  const verb = pushed ? 'Push' : 'Add';
  let into: TextEdit[];
  let drop: TextEdit[];
  if (redirect) {
    const at = redirect.span.endCol;
    const flag: TextEdit = { span: { line: redirect.line, col: at, endLine: redirect.line, endCol: at }, newText: ' ipv6' };
    into = [flag];
    drop = block.length > 0 ? [flag, optionLines(doc, redirect.line, block, pushed)] : [flag];
  } else {
    // The IPv4 full tunnel comes from routes: redirect only IPv6, and leave IPv4 as those routes set it.
    const redirectIpv6 = 'redirect-gateway ipv6 !ipv4';
    into = [optionLines(doc, finding.span.line, [redirectIpv6], pushed)];
    drop = [optionLines(doc, finding.span.line, [redirectIpv6, ...block], pushed)];
  }
  return [
    {
      title: redirect ? `${verb} the ipv6 flag on redirect-gateway (IPv6 goes into the tunnel)` : `${verb} redirect-gateway ipv6 !ipv4 (IPv6 goes into the tunnel)`,
      kind: 'quickfix', preferred: true, finding, edits: into,
    },
    { title: `${verb} ipv6 and block-ipv6 (IPv6 is dropped instead of leaking)`, kind: 'quickfix', finding, edits: drop },
  ];
}

/** `route HOST 255.255.255.255 net_gateway` for a server address the config's own routes send into the tunnel. */
function bypassRemote(context: RuleContext, doc: DocText, finding: Finding): Fix[] {
  const remote = context.config.remotes.find((r) => r.directive.line === finding.span.line && r.host.start === finding.span.col);
  const address = remote?.address;
  if (!remote || address?.family !== 4) return [];
  const host = formatAddress(address);
  const top = context.config.parsed.directives.filter((d) => !d.push && editable(doc, d));
  // Next to the other routes when there are any, else after the remote (outside <connection> blocks).
  const anchor = top.filter((d) => d.name === 'route').at(-1) ?? (editable(doc, remote.directive) ? remote.directive : top.at(-1));
  if (!anchor) return [];
  return [{
    title: `Bypass the tunnel for ${host}: add route ${host} 255.255.255.255 net_gateway`,
    kind: 'quickfix',
    preferred: true,
    finding,
    edits: [doc.insertLineAfter(anchor.line, `route ${host} 255.255.255.255 net_gateway`)],
  }];
}
