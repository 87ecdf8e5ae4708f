import { isAscii } from 'node:buffer';
import { type Dirent, closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve as resolvePath, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextLines } from '../core/formats/textLines';
import { CliError, oneLine } from './errors';

/** The files a list of FILE|DIR arguments names, and the arguments that could not be used. */
export interface ExpandedInputs {
  readonly files: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Files stay as written; a directory stands for every regular file below it, in sorted order,
 * without dotfiles or dot-directories. Symlinked directories are not followed, so loops cannot occur.
 */
export function expandInputs(paths: readonly string[]): ExpandedInputs {
  const files: string[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      problems.push(ioMessage(path, error));
      continue;
    }
    if (!isDirectory) files.push(path);
    else if (!walk(path, files, problems)) problems.push(`no files to check in directory '${path}'`);
  }
  return { files, problems };
}

/** Appends the regular files below `dir`; false when it held none. */
function walk(dir: string, files: string[], problems: string[]): boolean {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push(ioMessage(dir, error));
    return true;
  }
  let found = false;
  // Code-unit order, not the locale's: the same tree lists the same way on every machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      found = walk(path, files, problems) || found;
    } else if (entry.isFile() || (entry.isSymbolicLink() && isRegularFile(path))) {
      files.push(path);
      found = true;
    }
  }
  return found;
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads a dump as text: UTF-8, or UTF-16LE when it starts with that byte-order mark (PowerShell redirections). */
export function readInput(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliError(ioMessage(path, error));
  }
  return decode(bytes);
}

/** Bytes read at a time: a piece of the text ends at the last line feed they hold. */
export const PIECE_BYTES = 1 << 20;

/** Line offsets are 32-bit: a text that long is beyond what an editor opens anyway. */
const MAX_CHARS = 2 ** 31 - 2;

/**
 * Reads a dump as `readInput` does, in pieces of about a megabyte that end at line feeds. Neither the
 * whole file's bytes nor one string of it is made: on a big dump that is two copies of it fewer.
 */
export function readSource(path: string, pieceBytes = PIECE_BYTES): TextLines {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new CliError(ioMessage(path, error));
  }
  try {
    return readPieces(path, fd, pieceBytes);
  } catch (error) {
    throw error instanceof CliError ? error : new CliError(ioMessage(path, error));
  } finally {
    closeSync(fd);
  }
}

function readPieces(path: string, fd: number, pieceBytes: number): TextLines {
  let buffer: Buffer = Buffer.allocUnsafe(pieceBytes);
  const pieces: string[] = [];
  let chars = 0;
  // Bytes after the last line feed, carried to the start of the buffer for the next read.
  let held = 0;
  for (;;) {
    if (held === buffer.length) buffer = grownBuffer(buffer);
    const read = readSync(fd, buffer, held, buffer.length - held, null);
    const end = held + read;
    // UTF-16 files are rare and small (PowerShell redirections): they are read whole.
    if (pieces.length === 0 && end >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return new TextLines(readInput(path));
    const cut = read === 0 ? end : buffer.lastIndexOf(10, end - 1) + 1;
    if (cut > 0) {
      const piece = decodePiece(buffer.subarray(0, cut), pieces.length === 0);
      chars += piece.length;
      if (chars > MAX_CHARS) throw new CliError(`'${path}' is too large to read (over ${MAX_CHARS} characters)`);
      pieces.push(piece);
      buffer.copyWithin(0, cut, end);
      held = end - cut;
    } else {
      held = end;
    }
    if (read === 0) return new TextLines(pieces);
  }
}

function grownBuffer(buffer: Buffer): Buffer {
  const bigger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(bigger);
  return bigger;
}

/** UTF-8, without the byte-order mark at the start of the file; ASCII, the usual case, is copied as is. */
function decodePiece(bytes: Buffer, first: boolean): string {
  const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // Editors hide the byte-order mark, so columns count from the character after it.
  return first && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return decodePiece(bytes, true);
}

const IO_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a component of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** `cannot read 'x': no such file or directory`, from whatever fs threw. */
export function ioMessage(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code !== undefined ? IO_ERRORS[code] : undefined)
    ?? oneLine(error instanceof Error ? error.message : String(error));
  return `cannot read '${path}': ${reason}`;
}

/** A SARIF artifact location: relative to the working directory under %SRCROOT%, else an absolute file URI. */
export function artifactLocation(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = resolvePath(cwd, path);
  const rel = relative(cwd, absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
