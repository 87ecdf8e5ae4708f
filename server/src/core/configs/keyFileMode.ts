// A config that holds a key, a pre-shared key or a password must not be readable by other users.
import { type Finding, type RelatedLocation, type Span, makeFinding, spanOnLine } from '../model';
import { splitLines } from '../formats/tokens';

export const WORLD_READABLE_KEY = 'world-readable-key';

/** What the rule needs of a config's analysis. */
export interface SecretHolder {
  readonly format: string;
  readonly secrets: readonly Span[];
}

/** Logs record session tokens in passing; they are not files that keep a key, so they are left out. */
const NOT_KEY_FILES: ReadonlySet<string> = new Set(['openvpn-log']);

const READ_BY_GROUP = 0o040;
const READ_BY_OTHERS = 0o004;
const WRITE_BY_GROUP = 0o020;
const WRITE_BY_OTHERS = 0o002;
const MAX_RELATED = 50;

/** An OpenVPN inline block's opening tag (`<key>`, `<tls-crypt>`): the name of the secret lines below it. */
const OPEN_TAG = /^\s*<[A-Za-z0-9-]+>\s*$/;

interface Anchor {
  readonly span: Span;
  /** The key's name as written (`PrivateKey`, `<key>`, `PSK`), or undefined when the line has no name for it. */
  readonly name: string | undefined;
}

/**
 * The warning for a config whose file mode lets the group or other users read its secrets, or undefined.
 * It sits on the name of the first secret's key, never on a value; the other secrets are related locations.
 * `path` is how the file is named in the fix (`chmod 600 PATH`).
 */
export function keyFileModeFinding(text: string, config: SecretHolder, mode: number, path: string): Finding | undefined {
  if (NOT_KEY_FILES.has(config.format) || (mode & (READ_BY_GROUP | READ_BY_OTHERS)) === 0) return undefined;
  const secrets = config.secrets.filter((s) => s.endLine > s.line || s.endCol > s.col);
  if (secrets.length === 0) return undefined;
  const lines = splitLines(text);
  const covered = new Set<number>();
  for (const s of config.secrets) for (let n = s.line; n <= s.endLine; n++) covered.add(n);
  const byLine = new Map<number, Anchor>();
  const sorted = [...secrets].sort((a, b) => a.line - b.line || a.col - b.col);
  const anchors: Anchor[] = [];
  const seen = new Set<string>();
  for (const secret of sorted) {
    const anchor = anchorFor(secret, lines, covered, byLine, config.format);
    const key = `${anchor.span.line}:${anchor.span.col}`;
    // The lines of one inline block are one secret under one tag.
    if (seen.has(key)) continue;
    seen.add(key);
    anchors.push(anchor);
  }
  const [first, ...others] = anchors as [Anchor, ...Anchor[]];
  const related: RelatedLocation[] = others.slice(0, MAX_RELATED).map((a) => ({
    span: a.span,
    message: a.name ? `Another secret: ${a.name}` : 'Another secret',
  }));
  return makeFinding(WORLD_READABLE_KEY, 'warning', message(config.format, mode, anchors.length, first.name, path), first.span, { related });
}

/** What the family's own tool says about such a file, where it says something. */
const TOOL_NOTES: Readonly<Record<string, string>> = {
  wireguard: ' (wg-quick warns that such a file "is world accessible")',
  networkmanager: ' (NetworkManager does not even load such a profile from /etc/NetworkManager/system-connections)',
};

function message(format: string, mode: number, count: number, name: string | undefined, path: string): string {
  const readers = whoCan(mode, READ_BY_GROUP, READ_BY_OTHERS);
  const writers = whoCan(mode, WRITE_BY_GROUP, WRITE_BY_OTHERS);
  const what = count === 1
    ? `a secret${name ? ` (${name})` : ''}`
    : `${count} secrets${name ? ` (${name} and ${count - 1} more)` : ''}`;
  const write = writers ? ` ${capitalize(writers)} can also change it, and with it what runs when the tunnel comes up.` : '';
  return `This file holds ${what}, and its mode ${octal(mode)} lets ${readers} read it: anyone with an account on this `
    + `machine can copy the secret${TOOL_NOTES[format] ?? ''}.${write} `
    + `Run \`chmod 600 ${shellQuote(path)}\` so only its owner can read it.`;
}

function whoCan(mode: number, groupBit: number, othersBit: number): string | undefined {
  const group = (mode & groupBit) !== 0;
  const others = (mode & othersBit) !== 0;
  if (group && others) return 'its group and all other users';
  if (group) return 'its group';
  return others ? 'all other users' : undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The permission bits as `chmod` and `ls` users read them: `0644`. */
export function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** A path as a POSIX shell reads it back: quoted when it holds anything beyond plain name characters. */
function shellQuote(path: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** Where a secret's key is named: the text before the value on its line, or the key or block tag above it. */
function anchorFor(secret: Span, lines: readonly string[], covered: ReadonlySet<number>, byLine: Map<number, Anchor>, format: string): Anchor {
  const named = nameBefore(lines[secret.line] ?? '', secret.col, format);
  if (named) {
    const anchor: Anchor = { span: spanOnLine(secret.line, named.col, named.endCol), name: named.name };
    if (!byLine.has(secret.line)) byLine.set(secret.line, anchor);
    return anchor;
  }
  const memo = byLine.get(secret.line);
  if (memo) return memo;
  // A whole-line secret continues the secret above it: a block's lines, a multi-line PSK.
  let above = secret.line - 1;
  while (above >= 0 && covered.has(above) && !byLine.has(above)) above--;
  let anchor = above >= 0 ? byLine.get(above) : undefined;
  const tag = lines[above] ?? '';
  if (!anchor && above >= 0 && !covered.has(above) && OPEN_TAG.test(tag)) {
    anchor = { span: spanOnLine(above, tag.length - tag.trimStart().length, tag.trimEnd().length), name: tag.trim() };
  }
  // Nothing names it: an empty range at the start of the line, which covers none of the value.
  anchor ??= { span: spanOnLine(secret.line, 0, 0), name: undefined };
  byLine.set(secret.line, anchor);
  return anchor;
}

/** The key's name before column `col`: separators, quotes and blanks between name and value are left out. */
function nameBefore(line: string, col: number, format: string): { col: number; endCol: number; name: string | undefined } | undefined {
  const before = line.slice(0, col);
  const end = before.replace(/[\s=:"']+$/, '').length;
  const start = before.length - before.trimStart().length;
  if (end <= start) return undefined;
  // chap-secrets names client and server before the secret, which name no key.
  if (format === 'ppp-secrets') return { col: start, endCol: end, name: undefined };
  // `IDs : PSK value` and `push "auth-token value"`: the name is what follows the last colon or quote.
  const cut = Math.max(before.lastIndexOf(':', end - 1), before.lastIndexOf('"', end - 1));
  let from = cut >= start ? cut + 1 : start;
  while (from < end && /\s/.test(before.charAt(from))) from++;
  if (from >= end) from = start;
  return { col: from, endCol: end, name: before.slice(from, end) };
}
