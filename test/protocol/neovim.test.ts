import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { L2TP_ROUTES } from './helpers';

/** The directory holding package.json, found from wherever the bundled test runs. */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${__dirname}`);
  }
}

/** What test/protocol/fixtures/nvim-init.lua writes. */
interface NeovimResult {
  readonly error?: string;
  readonly nvim: string;
  readonly filetype: string;
  readonly waited: boolean;
  readonly diagnostics: readonly { line: number; code: string; source: string; message: string }[];
  readonly hover: { contents: { kind: string; value: string } } | null;
}

const TIMEOUT_MS = 45_000;

/** Runs nvim until it quits; kills it if it hangs, so a broken client fails the test instead of the run. */
function runNeovim(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

// Neovim is a real push-diagnostics client: this checks the shipped bundle against it end to end.
describe('Neovim (nvim --headless) as the LSP client', { timeout: TIMEOUT_MS + 15_000 }, () => {
  test('pushed diagnostics and a hover for the L2TP dump', async (t) => {
    const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      const reason = `nvim is not installed (${probe.error?.message ?? `exit ${String(probe.status)}`}); install it with \`apt-get install -y neovim\``;
      console.log(`Neovim test skipped: ${reason}`);
      t.skip(reason);
      return;
    }
    const root = repoRoot();
    const server = join(root, 'dist', 'server.js');
    assert.ok(existsSync(server), `${server} is missing; build it with \`node esbuild.mjs\` first`);
    const dir = mkdtempSync(join(tmpdir(), 'route-lens-nvim-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'l2tp.routes');
    const resultPath = join(dir, 'result.json');
    writeFileSync(file, L2TP_ROUTES);
    // Its own XDG directories keep the user's config, plugins and LSP log out of the test.
    const env = {
      ...process.env,
      XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir,
      ROUTE_LENS_NODE: process.execPath, ROUTE_LENS_SERVER: server, ROUTE_LENS_RESULT: resultPath,
    };
    const init = join(root, 'test', 'protocol', 'fixtures', 'nvim-init.lua');
    const { code, stderr } = await runNeovim(['--headless', '-n', '-i', 'NONE', '-u', init, file], env);
    assert.ok(existsSync(resultPath), `nvim wrote no result (exit ${String(code)}): ${stderr}`);
    const result = JSON.parse(readFileSync(resultPath, 'utf8')) as NeovimResult;
    assert.equal(result.error, undefined, result.error);
    assert.equal(code, 0, stderr);
    t.diagnostic(`nvim ${result.nvim}`);

    assert.equal(result.filetype, 'routetable');
    assert.ok(result.waited, 'diagnostics did not arrive in time');
    assert.deepEqual(result.diagnostics.map((d) => [d.line, d.code, d.source]), [
      [1, 'shadowed-route', 'route-lens'],
      [3, 'split-tunnel-exception', 'route-lens'],
    ]);
    const hover = result.hover?.contents.value ?? '';
    assert.equal(result.hover?.contents.kind, 'markdown');
    assert.match(hover, /eth0/);
    assert.match(hover, /192\.168\.101\.1\b/);
  });
});
