import { type Span, spanOnLine } from '../../model';
import { formatAddress, parseAddress } from '../../net/address';
import { formatPrefix, parsePrefix } from '../../net/prefix';
import { bullets, code } from '../../explain/markdown';
import { addressWordAt } from '../../explain/tokenAt';
import { type ConfigHover, HIDDEN } from '../types';
import type { RuleContext, Side } from './context';
import { DESCRIPTIONS, FLAG_DESCRIPTIONS } from './describe';
import type { Param } from './lexer';
import type { Directive, InlineBlock } from './model';
import { redirectHover, remoteHover, routeOptionHover } from './hoverOptions';
import { describeInstalled, whereabouts } from './where';

/** The hover at a position of a config. Secret text only ever gives `(hidden)`. */
export function configHover(ctx: RuleContext, lineText: string, line: number, character: number): ConfigHover | undefined {
  const parsed = ctx.config.parsed;
  const secret = parsed.secrets.find((s) => inside(s, line, character));
  const block = parsed.blocks.find((b) => line >= b.first && line <= b.last && b.tag !== 'connection');
  if (block) return blockHover(block, spanOnLine(line, 0, lineText.length));
  if (secret) return { markdown: `Secret value: ${HIDDEN}`, span: secret };
  const hit = paramAt(parsed.directives, line, character);
  if (!hit) return undefined;
  const { directive, param } = hit;
  const span = spanOnLine(line, param.start, param.end);
  if (directive.block) return blockHover(directive.block, span);
  const side = directive.push ? ctx.side : ctx.own;
  if (param === directive.nameParam) return { markdown: nameHover(ctx, side, directive), span };
  if ((directive.name === 'redirect-gateway' || directive.name === 'redirect-private') && FLAG_DESCRIPTIONS[param.text]) {
    return { markdown: `**${code(param.text)}**: ${FLAG_DESCRIPTIONS[param.text] ?? ''}\n\n${redirectHover(side, directive)}`, span };
  }
  if (directive.name === 'remote' && param === directive.args[0]) return { markdown: remoteHover(ctx, side, directive), span };
  const word = addressWordAt(lineText, character);
  if (!word || word.start < param.start || word.end > param.end) return undefined;
  const wordSpan = spanOnLine(line, word.start, word.end);
  if (directive.name === 'route' && param === directive.args[1]) return maskHover(word.text, wordSpan);
  return addressHover(ctx, side, directive, word.text, wordSpan);
}

function inside(span: Span, line: number, character: number): boolean {
  return span.line === line && character >= span.col && character < Math.max(span.endCol, span.col + 1);
}

/** The innermost parameter under the cursor: a pushed option's before its `push` line's. */
function paramAt(directives: readonly Directive[], line: number, character: number): { directive: Directive; param: Param } | undefined {
  let found: { directive: Directive; param: Param } | undefined;
  for (const directive of directives) {
    if (directive.line !== line) continue;
    for (const param of [directive.nameParam, ...directive.args]) {
      if (character >= param.start && character <= param.end && (!found || directive.push)) found = { directive, param };
    }
  }
  return found;
}

function blockHover(block: InlineBlock, span: Span): ConfigHover {
  const lines = Math.max(0, block.last - block.first + 1);
  const count = `${lines} line${lines === 1 ? '' : 's'}`;
  if (block.secret) return { markdown: `Inline \`<${block.tag}>\`: secret, ${count}. Content ${HIDDEN}.`, span };
  const kind = block.tag === 'ca' || block.tag === 'cert' || block.tag === 'extra-certs' ? 'certificate' : block.tag;
  return { markdown: `Inline \`<${block.tag}>\`: ${kind} (${count}).`, span };
}

function nameHover(ctx: RuleContext, side: Side, d: Directive): string {
  const about = DESCRIPTIONS[d.name];
  const head = `**${code(d.name)}**${d.push ? ' (pushed to clients)' : ''}${about ? `: ${about}` : ''}`;
  switch (d.name) {
    case 'redirect-gateway':
    case 'redirect-private':
      return `${head}\n\n${redirectHover(side, d)}`;
    case 'remote':
      return `${head}\n\n${remoteHover(ctx, side, d)}`;
    case 'route':
    case 'route-ipv6':
      return `${head}\n\n${routeOptionHover(side, d)}`;
    case 'pull-filter':
      return `${head}\n\n${pullFilterText(d)}`;
    default:
      return head;
  }
}

function pullFilterText(d: Directive): string {
  const [action, pattern] = d.args;
  if (!action || !pattern) return '';
  const verb = action.text === 'ignore' ? 'drops' : action.text === 'reject' ? 'refuses the whole push and reconnects on' : 'keeps';
  return `This filter ${verb} every pushed option that starts with ${code(pattern.text)}; later filters do not see those options.`;
}

function maskHover(text: string, span: Span): ConfigHover | undefined {
  const mask = parseAddress(text);
  if (!mask || mask.family !== 4) return undefined;
  const word = mask.words[0] ?? 0;
  let len = 0;
  while (len < 32 && ((word >>> (31 - len)) & 1) === 1) len++;
  const contiguous = ((word << len) >>> 0) === 0 || len === 32;
  return { markdown: contiguous ? `Netmask ${code(text)} = **/${len}**.` : `Netmask ${code(text)} is not contiguous: the kernel refuses it.`, span };
}

/** Where an address or prefix goes once connected, on the side that receives the option. */
function addressHover(ctx: RuleContext, side: Side, d: Directive, text: string, span: Span): ConfigHover | undefined {
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const prefix = slash < 0 ? undefined : parsePrefix(text, address.family)?.prefix;
  const parts: string[] = [];
  if (d.name === 'route' || d.name === 'route-ipv6') parts.push(routeOptionHover(side, d));
  const where = whereabouts(side, address, ctx.config.device);
  const who = side.who === 'clients' ? 'On clients, once connected' : 'Once connected';
  parts.push(`${who}, **${prefix ? formatPrefix(prefix) : text}** ${prefix ? `(its first address) ${where.summary}` : where.summary}`);
  if (ctx.config.role === 'client' && !ctx.config.routeNopull && side === ctx.own && !where.tunnel) {
    parts.push('The server may push more routes or `redirect-gateway`; a log of a connection shows what it sent.');
  }
  if (!side.prediction) {
    parts.push(noDumpNote(where.installed?.prefix.len ?? 0));
  } else if (where.resolution?.route && where.resolution.lost.length > 0) {
    const winner = where.resolution.route;
    const lost = where.resolution.lost.slice(0, 4).map((l) => {
      const installed = side.prediction?.vpn.get(l.route.id);
      const label = installed ? describeInstalled(installed) : `${code(l.route.text)} (line ${l.route.span.line + 1} of ${side.prediction?.view.name ?? 'the dump'})`;
      const why = l.route.prefix.len < winner.prefix.len
        ? `less specific (/${l.route.prefix.len} against /${winner.prefix.len})`
        : l.route.metric > winner.metric ? `same prefix, higher metric (${l.route.metric} against ${winner.metric})` : 'same prefix, tried after the winner';
      return `${label}: ${why}`;
    });
    parts.push(`**Routes that lost**\n\n${bullets(lost)}`);
  }
  if (ctx.config.role === 'server' && side !== ctx.own) {
    const here = whereabouts(ctx.own, address, ctx.config.device);
    parts.push(`On this server, **${formatAddress(address)}** ${here.summary}`);
  }
  return { markdown: parts.join('\n\n'), span };
}

function noDumpNote(len: number): string {
  const caveat = len <= 1
    ? ' A more specific route of the machine (its LAN, for example) still wins over a full-tunnel route.'
    : '';
  return `_Only this config's routes are known: open a route dump of the machine next to it to predict the whole table._${caveat}`;
}
