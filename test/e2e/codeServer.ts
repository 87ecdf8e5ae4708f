import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const CODE_SERVER_VERSION = '4.139.1';

/** Where `npm run test:e2e:install` puts node 24 and code-server. */
export interface CodeServerInstall {
  readonly node: string;
  readonly entry: string;
}

/** The same folder scripts/e2e-install.sh picks. */
export function installDir(): string {
  const cache = process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return process.env['ROUTE_LENS_E2E_DIR'] || join(cache, 'route-lens-e2e');
}

export function findCodeServer(): CodeServerInstall | string {
  const dir = installDir();
  const install = {
    node: join(dir, 'node_modules', '.bin', 'node'),
    entry: join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
  // The marker is written only after the native modules were built, so a half-done install counts as none.
  const ready = existsSync(join(dir, `installed-code-server-${CODE_SERVER_VERSION}`));
  return ready && existsSync(install.node) && existsSync(install.entry)
    ? install
    : `code-server ${CODE_SERVER_VERSION} is not installed in ${dir}; run npm run test:e2e:install`;
}

export interface Dirs {
  readonly userData: string;
  readonly extensions: string;
  readonly config: string;
}

/** Quiet, offline settings; the folder opens without the trust prompt, so workspace trust leaves it untrusted. */
const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.startupPrompt': 'never',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'window.commandCenter': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * A run's own temporary, user-data and extensions folders, so runs cannot clash; the workspace holds copies
 * of `files`, and the user settings are the quiet ones plus `settings`.
 */
export function prepareRun(prefix: string, files: readonly string[], settings: Readonly<Record<string, unknown>> = {}): { temp: string; dirs: Dirs; folder: string } {
  const temp = mkdtempSync(join(tmpdir(), prefix));
  const dirs: Dirs = { userData: join(temp, 'data'), extensions: join(temp, 'extensions'), config: join(temp, 'config.yaml') };
  const folder = join(temp, 'workspace');
  mkdirSync(folder);
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  for (const file of files) copyFileSync(file, join(folder, file.slice(file.lastIndexOf('/') + 1)));
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  return { temp, dirs, folder };
}

function commonArgs(dirs: Dirs): string[] {
  // An explicit config file keeps code-server from writing one with a password into the home folder.
  return ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

export async function installExtension(install: CodeServerInstall, dirs: Dirs, vsix: string): Promise<void> {
  await promisify(execFile)(install.node, [install.entry, ...commonArgs(dirs), '--install-extension', vsix], {
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A running code-server; stop() ends its whole process group, which holds the extension host and the server. */
export class CodeServer {
  private log = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
  }

  static async start(install: CodeServerInstall, dirs: Dirs, folder: string): Promise<CodeServer> {
    const port = await freePort();
    const args = [
      install.entry,
      ...commonArgs(dirs),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      folder,
    ];
    // Detached makes it a process group leader, so stop() can end its children by the group id.
    const child = spawn(install.node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new CodeServer(child, `http://127.0.0.1:${port}/`);
    await server.waitUntilHealthy(60_000);
    return server;
  }

  get output(): string {
    return this.log;
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`code-server exited with ${this.child.exitCode}:\n${this.log}`);
      try {
        const response = await fetch(new URL('healthz', this.url));
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`code-server did not answer within ${timeoutMs / 1000} s:\n${this.log}`);
  }

  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    // Children that outlive the leader still belong to the group.
    signalGroup(pid, 'SIGKILL');
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
