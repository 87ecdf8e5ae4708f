/**
 * The extension in a real VS Code: code-server in Chromium, in Restricted Mode, driven like a user would.
 * It needs `npm run test:e2e:install`; without it the test says why and skips.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { repoRoot } from '../fuzz/repo';
import { CodeServer, findCodeServer, installExtension, prepareRun } from './codeServer';
import { packageVsix, VSIX_ALLOWED, zipEntries } from './vsix';
import { openWorkbench } from './workbench';

const root = repoRoot();
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const install = findCodeServer();
const skip = typeof install === 'string' ? install : existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath}`;
// Screenshots for the docs are rewritten only on request, so a test run leaves the work tree clean.
const screenshots = process.env['UPDATE_DOC_IMAGES'] === '1' ? join(root, 'docs', 'images') : join(root, 'out', 'e2e');

test('VSIX, diagnostics, hover and commands in a real VS Code, in Restricted Mode and trusted', { skip, timeout: 300_000 }, async (t) => {
  if (typeof install === 'string') return;
  // Hovers show sooner than the default delay, so the hover step waits less.
  const { temp, dirs, folder } = prepareRun('route-lens-e2e-', [join(root, 'examples', 'l2tp-robot.routes')], { 'editor.hover.delay': 200 });
  mkdirSync(screenshots, { recursive: true });

  // Step times go to the test's diagnostics, so a slow run shows where the time went.
  const timings: string[] = [];
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      timings.push(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  };
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    await step('package and install', async () => {
      const vsix = process.env['ROUTE_LENS_VSIX'] ?? join(temp, 'route-lens.vsix');
      if (!process.env['ROUTE_LENS_VSIX']) await packageVsix(root, vsix);
      checkVsix(vsix);
      await installExtension(install, dirs, vsix);
    });

    const bench = await step('start', async () => {
      server = await CodeServer.start(install, dirs, folder);
      const opened = await openWorkbench(chromiumPath, server.url, folder);
      browser = opened.browser;
      const workbench = opened.bench;
      // The point of this run: the folder is not trusted, and the analysis still has to show.
      await workbench.statusBarItem('Restricted Mode').waitFor();
      return workbench;
    });

    await step('problems', async () => {
      await bench.openFile('l2tp-robot.routes');
      await bench.runCommand('Focus on Problems View');
      await bench.problems('split-tunnel-exception').waitFor();
      await bench.problems('shadowed-route').waitFor();
      await bench.statusBarItem(/4 routes/).waitFor();
      await bench.screenshot(join(screenshots, 'problems.png'));
    });

    await step('hover', async () => {
      const hover = await bench.hover(bench.editorLine(/^203\.0\.113\.77[\s\u00a0]+via/), 'eth0');
      assert.match(await hover.innerText(), /eth0/);
      await bench.screenshot(join(screenshots, 'hover.png'));
      await bench.page.keyboard.press('Escape');
      await bench.page.mouse.move(5, 5);
    });

    await step('resolve', async () => {
      // Capturing runs programs, so Restricted Mode hides it while the read-only commands stay.
      const rows = await bench.paletteRows('Route Lens:', 'Resolve Address');
      assert.ok(!rows.some((row) => row.includes('Capture')), rows.join('\n'));
      await bench.runCommand('Route Lens: Resolve Address');
      await bench.answerInputBox('Resolve Address', '8.8.8.8');
      const toast = bench.notification('ppp0');
      await toast.waitFor();
      assert.match(await toast.innerText(), /8\.8\.8\.8/);
      await bench.screenshot(join(screenshots, 'resolve.png'));
      // The winning route is the ppp0 default on line 5; Show Route selects its destination.
      await toast.getByRole('button', { name: 'Show Route' }).click();
      await bench.statusBarItem(/Ln 5, Col \d+ \(\d+ selected\)/).waitFor();
    });

    await step('format from the status bar', async () => {
      // The status bar item names the detected format and offers the others.
      await bench.statusBarItem(/4 routes/).click();
      await bench.quickPickRow('Detect automatically').waitFor();
      await bench.quickPickRow('Windows route print').waitFor();
      await bench.closeQuickInput();
    });

    await step('effective routes', async () => {
      await bench.runCommand('Route Lens: Show Effective Routes');
      await bench.markdownPreview(/ppp0/).waitFor();
    });

    await step('trust and capture', async () => {
      await bench.trustWorkspace();
      await bench.runCommand("Route Lens: Capture This Machine's Routing Table");
      if (onPath('ip')) {
        await bench.editorLine(/^\$[\s\u00a0]ip[\s\u00a0]-4[\s\u00a0]route/).waitFor();
        await bench.statusBarItem(/Linux ip route · \d+ routes?/).waitFor();
      } else {
        await bench.notification('was not found').waitFor();
      }
    });
  } catch (error) {
    if (server) t.diagnostic(`code-server output:\n${server.output}`);
    throw error;
  } finally {
    t.diagnostic(timings.join(', '));
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(temp, { recursive: true, force: true });
  }
});


function onPath(program: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, program)));
}

function checkVsix(vsix: string): void {
  const size = statSync(vsix).size;
  assert.ok(size < 1024 * 1024, `the VSIX is ${size} bytes; it must stay under 1 MB`);
  const entries = zipEntries(readFileSync(vsix)).filter((name) => !name.endsWith('/'));
  const stray = entries.filter((name) => !VSIX_ALLOWED.some((allowed) => (allowed.endsWith('/') ? name.startsWith(allowed) : name === allowed)));
  assert.deepEqual(stray, [], 'files the VSIX must not ship');
  for (const required of VSIX_ALLOWED) {
    assert.ok(entries.some((name) => (required.endsWith('/') ? name.startsWith(required) : name === required)), `${required} is in the VSIX`);
  }
}
