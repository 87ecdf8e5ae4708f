/**
 * Which commands print this machine's routing table, and how their output becomes one route-table document.
 * Pure, with no editor or process imports, so the unit tests run it under plain node.
 */

/** One program run with a fixed argument vector; never through a shell. */
export interface CaptureCommand {
  readonly file: string;
  readonly args: readonly string[];
  /** A missing optional command becomes a note in the document instead of failing the capture. */
  readonly optional: boolean;
  /** Says how to get the program when it is missing. */
  readonly installHint: string;
  /** Absolute paths to try when `file` is not on the PATH: some systems keep ip in sbin, off a user's PATH. */
  readonly fallbacks?: readonly string[];
}

export const CAPTURE_TIMEOUT_MS = 10_000;
export const CAPTURE_MAX_BUFFER = 16 * 1024 * 1024;

const iproute2 = 'Install iproute2 (the `ip` command).';
const ipPaths = ['/usr/sbin/ip', '/sbin/ip'];

const COMMANDS: Readonly<Record<string, readonly CaptureCommand[]>> = {
  linux: [
    // Without -4, `table all` dumps every family, and the IPv6 routes would appear twice.
    { file: 'ip', args: ['-4', 'route', 'show', 'table', 'all'], optional: false, installHint: iproute2, fallbacks: ipPaths },
    // A kernel without IPv6, or a container without it, fails here; the IPv4 table is still worth having.
    { file: 'ip', args: ['-6', 'route', 'show', 'table', 'all'], optional: true, installHint: iproute2, fallbacks: ipPaths },
    { file: 'ip', args: ['rule'], optional: true, installHint: iproute2, fallbacks: ipPaths },
  ],
  darwin: [{ file: 'netstat', args: ['-rn'], optional: false, installHint: 'netstat ships with macOS in /usr/sbin.' }],
  win32: [{ file: 'route', args: ['print'], optional: false, installHint: 'route.exe ships with Windows in System32.' }],
};

/** The commands for a `process.platform` value, or undefined where Route Lens knows none. */
export function captureCommandsFor(platform: string): readonly CaptureCommand[] | undefined {
  return COMMANDS[platform];
}

/** The pasted-prompt line the route-table parser reads for the family and table of the lines after it. */
export function promptLine(command: CaptureCommand): string {
  return `$ ${[command.file, ...command.args].join(' ')}`;
}

/** What running one command gave: its standard output, or why it gave none. */
export type CaptureOutcome =
  | { readonly command: CaptureCommand; readonly stdout: string }
  | { readonly command: CaptureCommand; readonly failure: string };

/** The fields of a `child_process.execFile` error that tell the failures apart. */
export interface ExecFailure {
  readonly code?: string | number | null;
  readonly killed?: boolean;
  readonly signal?: string | null;
  readonly stderr?: string;
  readonly message?: string;
}

/** A sentence that says what went wrong and, where it can, what to do about it. */
export function describeFailure(command: CaptureCommand, error: ExecFailure, timeoutMs = CAPTURE_TIMEOUT_MS): string {
  const name = `\`${command.file}\``;
  if (error.code === 'ENOENT') return `${name} was not found on this machine. ${command.installHint}`;
  if (error.code === 'EACCES') return `${name} could not be run: permission denied.`;
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return `\`${promptLine(command).slice(2)}\` printed more than ${CAPTURE_MAX_BUFFER / 1024 / 1024} MB, so it was stopped.`;
  }
  if (error.code === 'ABORT_ERR') return 'The capture was cancelled.';
  // execFile kills the child with SIGTERM when the timeout passes.
  if (error.killed === true && error.signal === 'SIGTERM') {
    return `\`${promptLine(command).slice(2)}\` did not finish within ${timeoutMs / 1000} seconds.`;
  }
  const stderr = firstLine(error.stderr ?? '');
  const status = typeof error.code === 'number' ? ` with exit code ${error.code}` : error.signal ? ` on ${error.signal}` : '';
  const detail = stderr || firstLine(error.message ?? '');
  return `\`${promptLine(command).slice(2)}\` failed${status}${detail ? `: ${detail}` : '.'}`;
}

function firstLine(text: string): string {
  return text.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
}

/** Why the outcomes cannot make a document, or undefined when they can: only a required command failing stops it. */
export function captureFailure(outcomes: readonly CaptureOutcome[]): string | undefined {
  for (const outcome of outcomes) {
    if ('failure' in outcome && !outcome.command.optional) return outcome.failure;
  }
  return undefined;
}

/**
 * Joins the outputs into one document: a comment header, then each command's output under its prompt line.
 * A failed optional command keeps its prompt and gets a comment, so the reader sees what is missing and why.
 */
export function assembleCapture(outcomes: readonly CaptureOutcome[], platform: string, capturedAt: Date): string {
  const lines = [`# Routing table of this machine (${platform}), captured ${capturedAt.toISOString()} by Route Lens.`];
  for (const outcome of outcomes) {
    lines.push('', promptLine(outcome.command));
    if ('failure' in outcome) {
      lines.push(`# Not captured: ${outcome.failure.replace(/\r?\n/g, ' ')}`);
      continue;
    }
    // Windows prints CRLF, and some tools end without a newline or with blank lines.
    const body = outcome.stdout.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
    if (body) lines.push(body);
  }
  return `${lines.join('\n')}\n`;
}
