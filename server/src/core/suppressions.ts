import { editDistance } from './configs/editDistance';
import { type Lines, TextLines } from './formats/textLines';
import { splitLines } from './formats/tokens';
import { type Finding, type Span, makeFinding, spanOnLine } from './model';
import { RULE_CATALOGUE, isKnownCode } from './ruleCatalogue';

/** The code of the hint on a suppression comment that names an unknown code or sits where it cannot work. */
export const INVALID_SUPPRESSION = 'invalid-suppression';

/** The word every suppression comment starts with. */
export const KEYWORD = 'route-lens-disable';

/** How a format writes comments: the characters that start one, and whether one may follow content on a line. */
export interface CommentSyntax {
  readonly markers: string;
  readonly trailing: boolean;
  /** For messages: "NetworkManager keyfiles". */
  readonly label: string;
}

const HASH: CommentSyntax = { markers: '#', trailing: true, label: 'this format' };

// Formats whose readers differ from "# anywhere after a blank": each as its own tool reads it.
const SYNTAX: Readonly<Record<string, CommentSyntax>> = {
  // Dumps whose readers take `#` only at the start of a line (JSON only between values).
  'linux-net-tools': { markers: '#', trailing: false, label: '`route -n` and `netstat -rn` tables' },
  'linux-ip-json': { markers: '#', trailing: false, label: '`ip -j` JSON' },
  'windows-route-print': { markers: '#', trailing: false, label: '`route print` tables' },
  'windows-get-netroute': { markers: '#', trailing: false, label: '`Get-NetRoute` tables' },
  'windows-ipconfig': { markers: '#', trailing: false, label: '`ipconfig` listings' },
  openvpn: { markers: '#;', trailing: true, label: 'OpenVPN configs' },
  'openvpn-log': { markers: '#', trailing: false, label: 'OpenVPN logs' },
  'wireguard-show': { markers: '#', trailing: false, label: '`wg show` output' },
  xl2tpd: { markers: ';', trailing: true, label: 'xl2tpd.conf' },
  networkmanager: { markers: '#', trailing: false, label: 'NetworkManager keyfiles' },
  'ipsec.secrets': { markers: '#', trailing: false, label: 'ipsec.secrets' },
  'ppp-secrets': { markers: '#', trailing: false, label: 'chap-secrets and pap-secrets' },
};

/** The comment syntax of a format id (a dump format or a config analysis format). */
export function commentSyntaxFor(format: string): CommentSyntax {
  return SYNTAX[format] ?? HASH;
}

type Scope = 'next-line' | 'line' | 'file';

interface Directive {
  readonly scope: Scope;
  readonly line: number;
  readonly ownLine: boolean;
  /** The `route-lens-disable...` word. */
  readonly keyword: Span;
  readonly codes: readonly { readonly code: string; readonly span: Span }[];
}

/**
 * Drops the findings that suppression comments silence, and adds a hint for each comment that names an
 * unknown code or cannot work where it stands:
 *
 * - `# route-lens-disable-next-line CODE[, CODE...]`: findings of those codes that start on the next line that
 *   is neither blank nor a comment;
 * - `... # route-lens-disable-line CODE`: findings that start on this line, where the format has trailing comments;
 * - `# route-lens-disable CODE` among the comments at the top of the file: the whole file.
 *
 * Text after ` -- ` is a reason and is ignored. Returns `findings` itself when the text has no such comment.
 */
export function applySuppressions(text: string | TextLines, findings: readonly Finding[], syntaxAt: CommentSyntax | ((line: number) => CommentSyntax)): readonly Finding[] {
  if (!text.includes(KEYWORD)) return findings;
  const lines: Lines = typeof text === 'string' ? splitLines(text) : text;
  const byLine = new Map<number, Set<string>>();
  const wholeFile = new Set<string>();
  const hints: Finding[] = [];
  let leading = true;
  for (let n = 0; n < lines.length; n++) {
    const line = lines.at(n) ?? '';
    const syntax = typeof syntaxAt === 'function' ? syntaxAt(n) : syntaxAt;
    const directive = line.includes(KEYWORD) ? readDirective(line, n, syntax) : undefined;
    const comment = isCommentLine(line, syntax);
    if (!directive) {
      if (!comment && line.trim() !== '') leading = false;
      continue;
    }
    const codes = new Set<string>();
    for (const { code, span } of directive.codes) {
      if (isKnownCode(code)) codes.add(code);
      else hints.push(unknownCode(code, span));
    }
    if (directive.codes.length === 0) {
      hints.push(hint(`\`${KEYWORD}${suffix(directive.scope)}\` names no code: list the codes it silences, such as \`${KEYWORD}${suffix(directive.scope)} shadowed-route\`.`, directive.keyword));
    }
    const problem = placementProblem(directive, syntax, leading);
    if (problem) {
      hints.push(hint(problem, directive.keyword));
    } else if (directive.scope === 'file') {
      for (const code of codes) wholeFile.add(code);
    } else {
      const target = directive.scope === 'line' ? n : nextContentLine(lines, n + 1, syntaxAt);
      if (target !== undefined) {
        const set = byLine.get(target) ?? new Set<string>();
        for (const code of codes) set.add(code);
        byLine.set(target, set);
      }
    }
    if (!directive.ownLine) leading = false;
  }
  if (byLine.size === 0 && wholeFile.size === 0 && hints.length === 0) return findings;
  const kept = findings.filter((f) => !wholeFile.has(f.code) && !byLine.get(f.span.line)?.has(f.code));
  if (hints.length === 0) return kept;
  return mergeByPosition(kept, hints);
}

function suffix(scope: Scope): string {
  return scope === 'file' ? '' : `-${scope}`;
}

function placementProblem(directive: Directive, syntax: CommentSyntax, leading: boolean): string | undefined {
  if (directive.scope === 'line' && directive.ownLine) {
    return `\`${KEYWORD}-line\` silences findings on its own line, and this line holds only the comment: `
      + `put it at the end of the line it is about, or use \`${KEYWORD}-next-line\` here.`;
  }
  if (!directive.ownLine && !syntax.trailing) {
    return `${syntax.label} have no comments after other text on a line, so this is read as part of the line: `
      + `put \`${KEYWORD}-next-line\` on a line of its own above instead.`;
  }
  if (directive.scope === 'file' && !(directive.ownLine && leading)) {
    return `\`${KEYWORD}\` silences codes in the whole file, and works only among the comments at the top of the file: `
      + `move it there, or use \`${KEYWORD}-next-line\` here.`;
  }
  if (directive.scope === 'next-line' && !directive.ownLine) {
    return `\`${KEYWORD}-next-line\` works on a line of its own; at the end of a line use \`${KEYWORD}-line\`.`;
  }
  return undefined;
}

/** The directive on a line, when the keyword follows a comment marker of the format. */
function readDirective(line: string, n: number, syntax: CommentSyntax): Directive | undefined {
  const at = line.indexOf(KEYWORD);
  let marker = at - 1;
  while (marker >= 0 && (line[marker] === ' ' || line[marker] === '\t')) marker--;
  if (marker < 0 || !syntax.markers.includes(line[marker] ?? '')) return undefined;
  let first = marker;
  while (first > 0 && syntax.markers.includes(line[first - 1] ?? '')) first--;
  const before = line.slice(0, first);
  const ownLine = before.trim() === '';
  // A trailing comment starts after a blank, as every reader here requires.
  if (!ownLine && !/\s$/.test(before)) return undefined;
  let end = at + KEYWORD.length;
  let scope: Scope = 'file';
  if (line.startsWith('-next-line', end)) {
    scope = 'next-line';
    end += '-next-line'.length;
  } else if (line.startsWith('-line', end)) {
    scope = 'line';
    end += '-line'.length;
  }
  if (end < line.length && !/[\s,]/.test(line[end] ?? '')) return undefined;
  const reason = line.indexOf(' --', end);
  const stop = reason < 0 ? line.length : reason;
  const codes: { code: string; span: Span }[] = [];
  const word = /[^\s,]+/g;
  word.lastIndex = end;
  for (let match = word.exec(line); match && match.index < stop; match = word.exec(line)) {
    codes.push({ code: match[0], span: spanOnLine(n, match.index, match.index + match[0].length) });
  }
  return { scope, line: n, ownLine, keyword: spanOnLine(n, at, end), codes };
}

function isCommentLine(line: string, syntax: CommentSyntax): boolean {
  const trimmed = line.trimStart();
  return trimmed !== '' && syntax.markers.includes(trimmed[0] ?? '');
}

function nextContentLine(lines: Lines, from: number, syntaxAt: CommentSyntax | ((line: number) => CommentSyntax)): number | undefined {
  for (let n = from; n < lines.length; n++) {
    const line = lines.at(n) ?? '';
    if (line.trim() !== '' && !isCommentLine(line, typeof syntaxAt === 'function' ? syntaxAt(n) : syntaxAt)) return n;
  }
  return undefined;
}

function unknownCode(code: string, span: Span): Finding {
  const guess = closestCode(code);
  return hint(`\`${clip(code)}\` is not a Route Lens code, so nothing is silenced by it.${guess ? ` Did you mean \`${guess}\`?` : ''}`, span);
}

/** The known code nearest to `code`, when it is close enough to be a typo. */
export function closestCode(code: string): string | undefined {
  const lower = code.toLowerCase();
  const limit = Math.max(2, Math.floor(lower.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const entry of RULE_CATALOGUE) {
    const distance = editDistance(lower, entry.code, limit);
    if (distance < bestDistance) {
      best = entry.code;
      bestDistance = distance;
    }
  }
  return best;
}

function hint(message: string, span: Span): Finding {
  return makeFinding(INVALID_SUPPRESSION, 'hint', message, span);
}

function clip(text: string): string {
  return text.length <= 48 ? text : `${text.slice(0, 47)}…`;
}

/** Adds the hints to findings already in document order, keeping both orders. */
function mergeByPosition(findings: readonly Finding[], hints: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  let h = 0;
  for (const finding of findings) {
    while (h < hints.length && before(hints[h] as Finding, finding)) out.push(hints[h++] as Finding);
    out.push(finding);
  }
  while (h < hints.length) out.push(hints[h++] as Finding);
  return out;
}

function before(a: Finding, b: Finding): boolean {
  return a.span.line < b.span.line || (a.span.line === b.span.line && a.span.col < b.span.col);
}
