// A throwaway network namespace driven through `ip -batch`: load routes, dump them, ask the kernel lookups.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Interface } from './generate';

/** The kernel's answer to one `ip route get`. */
export type KernelAnswer =
  | {
    readonly ok: true;
    /** `unicast` when the answer starts with the address. */
    readonly type: string;
    readonly address: string;
    readonly dev?: string;
    readonly gateway?: string;
    readonly table?: string;
    readonly metric?: number;
    readonly raw: string;
  }
  | { readonly ok: false; readonly error: string; readonly raw: string };

export interface BatchResult {
  readonly stdout: string;
  /** Failed commands by 0-based line of the batch, with the message the kernel or iproute2 printed. */
  readonly failures: ReadonlyMap<number, string>;
}

const ANSWER_TYPES = new Set(['unicast', 'local', 'broadcast', 'anycast', 'multicast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'nat']);

function ip(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('ip', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Undefined when the test can run here, else why not. */
export function unavailableReason(): string | undefined {
  if (process.platform !== 'linux') return `needs Linux, this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'needs root to create network namespaces';
  try {
    if (ip(['-V']).status !== 0) return '`ip -V` fails';
  } catch {
    return '`ip` (iproute2) is not installed';
  }
  let probe: Namespace | undefined;
  try {
    probe = Namespace.create(`rl-diff-${process.pid}-probe`, [{ name: 'eth0', addresses: ['192.0.2.1/24'] }]);
    return undefined;
  } catch (e) {
    return `cannot create a namespace with a veth pair: ${(e as Error).message.split('\n')[0] ?? ''}`;
  } finally {
    probe?.destroy();
  }
}

export class Namespace {
  private readonly dir: string;
  private alive = false;

  private constructor(readonly name: string) {
    this.dir = mkdtempSync(join(tmpdir(), `${name}-`));
  }

  /** Creates the namespace with lo and one veth pair per interface, both ends up, addresses on the first end. */
  static create(name: string, interfaces: readonly Interface[]): Namespace {
    const ns = new Namespace(name);
    try {
      const added = ip(['netns', 'add', name]);
      if (added.status !== 0) throw new Error(`ip netns add ${name}: ${added.stderr.trim()}`);
      ns.alive = true;
      const lines = ['link set lo up'];
      for (const i of interfaces) {
        lines.push(`link add ${i.name} type veth peer name ${i.name}p`, `link set ${i.name} up`, `link set ${i.name}p up`);
        // nodad: a tentative IPv6 address has no local route yet, and the dump must be final.
        for (const a of i.addresses) lines.push(`addr add ${a} dev ${i.name}${a.includes(':') ? ' nodad' : ''}`);
      }
      const setup = ns.batch(lines, false);
      if (setup.failures.size > 0) throw new Error(`namespace setup failed: ${[...setup.failures.values()].join('; ')}`);
      return ns;
    } catch (e) {
      ns.destroy();
      throw e;
    }
  }

  /**
   * Runs `ip -n NS [-force] -batch FILE`. Each failure prints its message, then "Command failed FILE:LINE" on
   * stderr, which ties it to its line; successful commands print to stdout in order.
   */
  batch(lines: readonly string[], force = true): BatchResult {
    const file = join(this.dir, 'batch');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = ip(['-n', this.name, ...(force ? ['-force'] : []), '-batch', file]);
    const failures = new Map<number, string>();
    let message: string[] = [];
    for (const line of r.stderr.split('\n')) {
      const failed = /^Command failed .*:(\d+)\s*$/.exec(line);
      if (failed) {
        failures.set(Number(failed[1]) - 1, message.join(' ').replace(/^RTNETLINK answers: /, ''));
        message = [];
      } else if (line.trim() !== '') {
        message.push(line.trim());
      }
    }
    if (message.length > 0 || (r.status !== 0 && failures.size === 0)) {
      throw new Error(`ip -batch printed something unexpected (status ${r.status}): ${message.join(' ')}`);
    }
    return { stdout: r.stdout, failures };
  }

  /** Loads `route ...` lines; refused ones come back with the kernel's reason. */
  load(routes: readonly string[]): { line: string; error: string }[] {
    const { failures } = this.batch(routes);
    return [...failures].map(([i, error]) => ({ line: routes[i] ?? '', error }));
  }

  /** The text a user would paste: `ip route show table all`, plus the IPv6 routes if this iproute2 leaves them out. */
  dump(): string {
    const all = ip(['-n', this.name, 'route', 'show', 'table', 'all']);
    if (all.status !== 0) throw new Error(`ip route show table all: ${all.stderr.trim()}`);
    if (/^(?:\S+ )?[0-9a-f]*:[0-9a-f:]*(?:\/\d+)? /m.test(all.stdout)) return all.stdout;
    const six = ip(['-n', this.name, '-6', 'route', 'show', 'table', 'all']);
    if (six.status !== 0) throw new Error(`ip -6 route show table all: ${six.stderr.trim()}`);
    return all.stdout + six.stdout;
  }

  /** One `ip route get` per address, all in one batch; answers come back in request order. */
  lookup(addresses: readonly string[]): KernelAnswer[] {
    const { stdout, failures } = this.batch(addresses.map((a) => `route get ${a}`));
    // Answers start at column 0; indented lines (`cache ...`) continue the previous one.
    const blocks: string[] = [];
    for (const line of stdout.split('\n')) {
      if (line === '') continue;
      if (/^\s/.test(line) && blocks.length > 0) blocks[blocks.length - 1] += `\n${line}`;
      else blocks.push(line);
    }
    if (blocks.length + failures.size !== addresses.length) {
      throw new Error(`${addresses.length} lookups gave ${blocks.length} answers and ${failures.size} failures`);
    }
    let next = 0;
    return addresses.map((_, i) => {
      const error = failures.get(i);
      if (error !== undefined) return { ok: false, error, raw: `RTNETLINK answers: ${error}` };
      return parseAnswer(blocks[next++] ?? '');
    });
  }

  destroy(): void {
    rmSync(this.dir, { recursive: true, force: true });
    if (!this.alive) return;
    this.alive = false;
    const r = ip(['netns', 'del', this.name]);
    if (r.status !== 0) throw new Error(`ip netns del ${this.name}: ${r.stderr.trim()}`);
  }
}

/** Reads the fields the comparison needs from one answer: `[type] ADDR [from X] [via [inet6] GW] dev D [table T] ...`. */
export function parseAnswer(raw: string): KernelAnswer {
  const words = (raw.split('\n')[0] ?? '').trim().split(/\s+/);
  let i = 0;
  let type = 'unicast';
  if (ANSWER_TYPES.has(words[0] ?? '')) type = words[i++] ?? type;
  const address = words[i++] ?? '';
  let dev: string | undefined;
  let gateway: string | undefined;
  let table: string | undefined;
  let metric: number | undefined;
  for (; i < words.length; i++) {
    const key = words[i];
    if (key === 'via') {
      if (words[i + 1] === 'inet' || words[i + 1] === 'inet6') i++;
      gateway = words[++i];
    } else if (key === 'dev') {
      dev = words[++i];
    } else if (key === 'table') {
      table = words[++i];
    } else if (key === 'metric') {
      metric = Number(words[++i]);
    }
  }
  return {
    ok: true, type, address, raw,
    ...(dev !== undefined ? { dev } : {}),
    ...(gateway !== undefined ? { gateway } : {}),
    ...(table !== undefined ? { table } : {}),
    ...(metric !== undefined ? { metric } : {}),
  };
}
