import type { RemoteConsole } from 'vscode-languageserver';

/** The levels of `routeLens.logLevel`, most severe first. */
export const LOG_LEVELS = ['error', 'warning', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

/** Error messages are cut short so a message that quotes input cannot dump a whole document. */
const MAX_ERROR_MESSAGE = 200;

/**
 * Writes to the client's output channel through the connection, filtered by level.
 * Stdout is the transport under `--stdio`, so nothing in the server may print directly.
 * Callers pass URIs, rule codes and counts; never document text or setting values.
 */
export class Logger {
  private rank: number;

  constructor(
    private readonly console: RemoteConsole,
    level: LogLevel = 'info',
  ) {
    this.rank = LOG_LEVELS.indexOf(level);
  }

  setLevel(level: LogLevel): void {
    this.rank = LOG_LEVELS.indexOf(level);
  }

  error(message: string, error?: unknown): void {
    if (this.enabled('error')) this.console.error(error === undefined ? message : `${message}: ${describeError(error)}`);
  }

  warn(message: string): void {
    if (this.enabled('warning')) this.console.warn(message);
  }

  info(message: string): void {
    if (this.enabled('info')) this.console.info(message);
  }

  debug(message: string): void {
    if (this.enabled('debug')) this.console.log(message);
  }

  private enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) <= this.rank;
  }
}

/** The error's name, a shortened message and its stack frames. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const message = error.message.length > MAX_ERROR_MESSAGE ? `${error.message.slice(0, MAX_ERROR_MESSAGE)}…` : error.message;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [`${error.name}: ${message}`, ...frames].join('\n');
}
