/** Which system printed a `netstat -rn` table: the flag letters and columns differ a little. */
export type BsdVariant = 'macos' | 'freebsd' | 'openbsd';

interface FlagInfo {
  /** The word kept in Route.flags. */
  readonly word: string;
  /** The variants that print this letter (all when absent). */
  readonly only?: readonly BsdVariant[];
}

/**
 * The letters of netstat(1)'s Flags column, as each system's route.c prints them.
 * `c` means RTF_PRCLONING on macOS and old FreeBSD but RTF_CLONED on OpenBSD.
 */
const FLAGS: Readonly<Record<string, FlagInfo>> = {
  U: { word: 'up' },
  G: { word: 'gateway' },
  H: { word: 'host' },
  R: { word: 'reject' },
  B: { word: 'blackhole' },
  b: { word: 'broadcast' },
  D: { word: 'dynamic' },
  M: { word: 'modified' },
  S: { word: 'static' },
  L: { word: 'llinfo' },
  X: { word: 'xresolve' },
  d: { word: 'done' },
  1: { word: 'proto1' },
  2: { word: 'proto2' },
  3: { word: 'proto3' },
  C: { word: 'cloning' },
  c: { word: 'prcloning' },
  W: { word: 'wascloned', only: ['macos', 'freebsd'] },
  m: { word: 'multicast', only: ['macos', 'openbsd'] },
  I: { word: 'scoped', only: ['macos'] },
  i: { word: 'ifref', only: ['macos'] },
  Y: { word: 'proxy', only: ['macos'] },
  r: { word: 'router', only: ['macos'] },
  g: { word: 'global', only: ['macos'] },
  h: { word: 'cached', only: ['openbsd'] },
  P: { word: 'multipath', only: ['openbsd'] },
  T: { word: 'mpls', only: ['openbsd'] },
  l: { word: 'local', only: ['openbsd'] },
  F: { word: 'bfd', only: ['openbsd'] },
  n: { word: 'connected', only: ['openbsd'] },
};

/** What the Flags column says about a route. */
export interface FlagReading {
  readonly letters: string;
  readonly has: (letter: string) => boolean;
  /** Words for Route.flags; `dead` when the route is not up, so the resolver skips it as the kernel does. */
  readonly words: string[];
  /** Letters no system prints. */
  readonly unknown: string[];
}

export function readFlags(letters: string, variant: BsdVariant): FlagReading {
  const words: string[] = [];
  const unknown: string[] = [];
  for (const letter of letters) {
    const info = FLAGS[letter];
    if (!info) {
      if (!unknown.includes(letter)) unknown.push(letter);
      continue;
    }
    if (letter === 'U') continue;
    if (letter === 'c') words.push(variant === 'openbsd' ? 'cloned' : 'prcloning');
    else if (!words.includes(info.word)) words.push(info.word);
  }
  if (letters.length > 0 && !letters.includes('U')) words.push('dead');
  return { letters, has: (letter) => letters.includes(letter), words, unknown };
}

/** Letters that only one family of systems prints: evidence for telling the tables apart. */
export function flagEvidence(letters: string): { macos: number; openbsd: number; notFreebsd: boolean } {
  let macos = 0;
  let openbsd = 0;
  let notFreebsd = false;
  for (const letter of letters) {
    const only = FLAGS[letter]?.only;
    if (!only) continue;
    if (!only.includes('freebsd')) notFreebsd = true;
    if (only.length === 1 && only[0] === 'macos') macos++;
    if (only.length === 1 && only[0] === 'openbsd') openbsd++;
  }
  // Cloning flags left modern FreeBSD long ago; macOS prints them on most routes.
  if (letters.includes('c') || letters.includes('C') || letters.includes('W')) notFreebsd = true;
  return { macos, openbsd, notFreebsd };
}

/** True for a token that can be a Flags column: letters and the digits 1 to 3. */
export function looksLikeFlags(token: string): boolean {
  if (token.length === 0 || token.length > 32) return false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!letter && !(c >= 49 && c <= 51)) return false;
  }
  return true;
}

/** A flags token that is almost certainly one: every letter known and an U or a G among them. */
export function knownFlags(token: string): boolean {
  if (!looksLikeFlags(token)) return false;
  for (const letter of token) if (!FLAGS[letter]) return false;
  return token.includes('U') || token.includes('G') || token.includes('R') || token.includes('B');
}
