// Shared by the CLI tests: they run the built dist/cli.js the way users and CI do.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

/** The repository root; bundled tests run from out/test/cli, so walk up rather than assume a depth. */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const root = findRoot(__dirname);
export const cli = join(root, 'dist', 'cli.js');

export const L2TP = [
  'default dev ppp0 proto static scope link metric 50',
  'default via 192.168.101.1 dev eth0 proto dhcp src 192.168.101.23 metric 100',
  '192.168.101.0/24 dev eth0 proto kernel scope link src 192.168.101.23 metric 100',
  '203.0.113.77 via 192.168.101.1 dev eth0 proto static metric 100',
  '',
].join('\n');

export interface RunOptions {
  readonly cwd?: string;
  readonly input?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export function runCli(args: readonly string[], options: RunOptions = {}): SpawnSyncReturns<string> {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? root,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  if (result.error) throw result.error;
  return result;
}

/** A scratch directory removed when the test file ends; `files` maps relative paths to contents. */
const scratchDirs: string[] = [];
after(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

export function scratch(files: Readonly<Record<string, string | Buffer>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'route-lens-cli-'));
  scratchDirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Parses stdout as JSON, showing stderr when it is not, which is where the reason will be. */
export function json<T>(result: SpawnSyncReturns<string>): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** The one-line, stack-free message contract for exit code 2. */
export function assertOneLineError(result: SpawnSyncReturns<string>): string {
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got:\n${result.stderr}`);
  const line = lines[0] as string;
  if (/\n\s+at |Error:|node:internal/.test(result.stderr)) throw new Error(`stack trace on stderr:\n${result.stderr}`);
  if (!line.startsWith('route-lens: ')) throw new Error(`message not prefixed with the command name: ${line}`);
  return line;
}
