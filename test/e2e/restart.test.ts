/**
 * Staying up: the language server is killed mid-session in a real VS Code (code-server in Chromium), and the
 * client restarts it, the Problems panel fills again, and the user is told once. It needs
 * `npm run test:e2e:install`; without it the test says why and skips.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { repoRoot } from '../fuzz/repo';
import { CodeServer, type Dirs, findCodeServer, installExtension, prepareRun } from './codeServer';
import { packageVsix } from './vsix';
import { UI_TIMEOUT, type Workbench, openWorkbench } from './workbench';

const root = repoRoot();
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const install = findCodeServer();
const skip = typeof install === 'string' ? install : existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath}`;
const RESTARTED = 'the language server stopped unexpectedly and was restarted';

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly args: readonly string[];
}

/** Every process this user can see, with its parent and arguments, from /proc. */
function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
      // The parent is the second field after the parenthesised command name, which may itself hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(entry), ppid, args });
    } catch {
      // The process ended while it was being read.
    }
  }
  return out;
}

/**
 * The language server of this code-server only: its script lies in this run's extensions folder, and
 * among its ancestors is the code-server started with this run's user-data folder.
 */
function languageServers(dirs: Dirs): Proc[] {
  const all = processes();
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const ours = (p: Proc): boolean => {
    for (let up = byPid.get(p.ppid); up; up = byPid.get(up.ppid)) {
      if (up.args.some((a) => a.endsWith('entry.js')) && up.args.includes(dirs.userData)) return true;
      if (up.pid <= 1) break;
    }
    return false;
  };
  return all.filter((p) => p.args.some((a) => a.startsWith(dirs.extensions) && a.endsWith(join('dist', 'server.js'))) && ours(p));
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = UI_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits for exactly one server and returns its pid; `not` is a pid that must be gone. */
function oneServer(dirs: Dirs, not?: number): Promise<number> {
  return waitFor(() => {
    const servers = languageServers(dirs);
    return servers.length === 1 && servers[0]?.pid !== not ? servers[0]?.pid : undefined;
  }, not === undefined ? 'the language server' : `a new language server in place of ${not}`);
}

test('a killed language server is restarted, its diagnostics come back, and the user is told once', { skip, timeout: 600_000 }, async (t) => {
  if (typeof install === 'string') return;
  // A folder, a user-data folder and a port of its own, so another end-to-end run cannot clash with it.
  const { temp, dirs, folder } = prepareRun('route-lens-e2e-restart-', [join(root, 'examples', 'l2tp-robot.routes')]);

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const vsix = process.env['ROUTE_LENS_VSIX'] ?? join(temp, 'route-lens.vsix');
    if (!process.env['ROUTE_LENS_VSIX']) await packageVsix(root, vsix);
    await installExtension(install, dirs, vsix);
    server = await CodeServer.start(install, dirs, folder);
    const opened = await openWorkbench(chromiumPath, server.url, folder);
    browser = opened.browser;
    const bench = opened.bench;

    await bench.statusBarItem('Restricted Mode').waitFor();
    await openFile(bench, 'l2tp-robot.routes');
    await bench.runCommand('Focus on Problems View');
    await bench.problems('shadowed-route').waitFor();
    const first = await oneServer(dirs);

    // Crash one: the diagnostics must come from the new server, so the edit adds a finding only it can report.
    process.kill(first, 'SIGKILL');
    const second = await oneServer(dirs, first);
    await typeLine(bench, /^203\.0\.113\.77[\s\u00a0]+via/, '10.0.0.300/24 dev eth0');
    await bench.problems('10.0.0.300/24').waitFor();
    await bench.problems('shadowed-route').waitFor();
    assert.equal(await notifications(bench, RESTARTED), 1, 'the user is told about the restart');
    await bench.runCommand('Notifications: Clear All Notifications');
    assert.equal(await notifications(bench, RESTARTED), 0);

    // Crash two, in the same streak: restarted again without a second message. The notification would have
    // reached the workbench before the new server's diagnostics, so once those show, its absence is final.
    process.kill(second, 'SIGKILL');
    await oneServer(dirs, second);
    await typeLine(bench, /^10\.0\.0\.300\/24/, '10.0.0.301/24 dev eth0');
    await bench.problems('10.0.0.301/24').waitFor();
    await bench.problems('10.0.0.300/24').waitFor();
    await bench.problems('shadowed-route').waitFor();
    assert.equal(await notifications(bench, RESTARTED), 0, 'no second message in one crash streak');
    assert.equal(await notifications(bench, 'keeps stopping'), 0);
  } catch (error) {
    if (server) t.diagnostic(`code-server output:\n${server.output}`);
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(temp, { recursive: true, force: true });
  }
});

/** Adds a line below the editor line that matches `after`. */
async function typeLine(bench: Workbench, after: RegExp, text: string): Promise<void> {
  await bench.editorLine(after).click();
  await bench.page.keyboard.press('End');
  await bench.page.keyboard.press('Enter');
  await bench.page.keyboard.type(text);
}

/**
 * How many notifications in the notification center show `text`. The workbench replaces a notification with
 * an equal one, so a message shown twice is counted by clearing the center in between.
 */
async function notifications(bench: Workbench, text: string): Promise<number> {
  await bench.runCommand('Notifications: Show Notifications');
  const center = bench.page.locator('.notifications-center');
  await center.waitFor();
  const count = await center.locator('.notification-list-item', { hasText: text }).count();
  await bench.runCommand('Notifications: Hide Notifications');
  return count;
}

/** Quick Open, again if the file search was not ready on a busy machine. */
async function openFile(bench: Workbench, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await bench.openFile(name);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await bench.closeQuickInput();
    }
  }
}

