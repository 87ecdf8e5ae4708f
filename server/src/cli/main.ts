// The `route-lens` command: check and resolve for terminals and CI, and the language server over stdio.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { clip } from './args';
import { runCheck } from './check';
import { CliError, EXIT_FAILURE, EXIT_OK, oneLine } from './errors';
import { HELP, toolInfo } from './help';
import { type Io, processIo } from './io';
import { runResolve } from './resolve';
import { runSimulate } from './simulate';

/** Runs one command line; undefined means a long-running mode owns the process from now on. */
export async function main(argv: readonly string[], io: Io): Promise<number | undefined> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.err(`${HELP.slice(HELP.indexOf('Usage:'), HELP.indexOf('\nCommands:'))}\nRun 'route-lens --help' for more.\n`);
      return EXIT_FAILURE;
    case '--help':
    case '-h':
    case 'help':
      io.out(HELP);
      return EXIT_OK;
    case '--version':
    case '-v':
    case 'version':
      io.out(`${toolInfo().version}\n`);
      return EXIT_OK;
    case 'check':
      return runCheck(rest, io);
    case 'resolve':
      return runResolve(rest, io);
    case 'simulate':
      return runSimulate(rest, io);
    default:
      // Language clients add options such as --clientProcessId next to --stdio.
      if (argv.includes('--stdio')) return startServer();
      throw new CliError(command.startsWith('-')
        ? `unknown option '${clip(command)}' (see 'route-lens --help')`
        : `unknown command '${clip(command)}' (see 'route-lens --help')`);
  }
}

/** The server is its own bundle next to this one; requiring it starts it on this process's stdio. */
function startServer(): undefined {
  const server = join(__dirname, 'server.js');
  if (!existsSync(server)) throw new CliError(`the language server is missing: expected ${server}`);
  // A runtime load keeps the server out of this bundle; it is already bundled on its own.
  createRequire(__filename)(server);
  return undefined;
}

function run(): void {
  const io = processIo();
  // A closed pipe (`route-lens resolve … | head`) ends the run quietly instead of with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
  main(process.argv.slice(2), io).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof CliError
        ? error.message
        : `internal error: ${oneLine(error instanceof Error ? error.message : String(error))}`;
      io.err(`route-lens: ${message}\n`);
      process.exitCode = error instanceof CliError ? error.exitCode : EXIT_FAILURE;
    },
  );
}

run();
