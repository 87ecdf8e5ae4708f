import { decode } from './files';

/** Where commands write and read; main passes the process, so commands never touch globals. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** ANSI colours on stdout: only on a terminal, and never when NO_COLOR is set. */
  readonly color: boolean;
  readonly cwd: string;
  readStdin(): Promise<string>;
}

export function processIo(): Io {
  return {
    out: (text) => {
      process.stdout.write(text);
    },
    err: (text) => {
      process.stderr.write(text);
    },
    color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb',
    cwd: process.cwd(),
    readStdin,
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return decode(Buffer.concat(chunks));
}
