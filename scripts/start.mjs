// `npm start`: a tour of the CLI over the examples. Findings are what the demo shows,
// so the exit code is non-zero only when the CLI itself fails (an exit code other than 0 or 1).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const examples = 'examples';
const RESOLVE_LINE = /^#\s*resolve:\s*(.+)$/m;

let failed = false;

function heading(text) {
  process.stdout.write(`\n━━ ${text} ━━\n\n`);
}

/** Runs the CLI from the repository root so paths print relative to it, with output straight to the terminal. */
function run(args) {
  heading(`route-lens ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    const why = result.error ? result.error.message : result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
    process.stderr.write(`start: route-lens ${args[0]} failed (${why})\n`);
    failed = true;
  }
}

if (!existsSync(cli)) {
  process.stderr.write(`start: ${cli} is missing; run \`npm run build\` first\n`);
  process.exit(2);
}

run(['check', examples]);

// Route dumps first, then VPN configs, each resolving the addresses its `# resolve:` comment names.
const names = readdirSync(join(root, examples)).sort();
const dumps = names.filter((name) => name.endsWith('.routes'));
const configs = names.filter((name) => !name.endsWith('.routes') && !name.endsWith('.md'));
for (const name of [...dumps, ...configs]) {
  const match = RESOLVE_LINE.exec(readFileSync(join(root, examples, name), 'utf8'));
  const addresses = match?.[1]?.trim().split(/\s+/) ?? [];
  if (addresses.length > 0) run(['resolve', `${examples}/${name}`, ...addresses]);
}
// What connecting each config would do to its machine's table.
for (const name of configs) run(['simulate', `${examples}/${name}`]);

process.exitCode = failed ? 1 : 0;
