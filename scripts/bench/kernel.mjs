// The kernel's own lookup rate on the same routes: `ip -batch` of `route get` in a throwaway namespace.
import { spawnSync } from 'node:child_process';
import { ipRouteLine } from './generate.mjs';

const ip = (args, input) => spawnSync('ip', args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });

/** Undefined when the kernel can be measured here, else why not. */
export function kernelUnavailable() {
  if (process.platform !== 'linux') return `needs Linux, this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'needs root for a network namespace';
  const probe = ip(['-V']);
  if (probe.error || probe.status !== 0) return '`ip` (iproute2) is not installed';
  return undefined;
}

/**
 * Loads `routes` into a new namespace with dummy interfaces, then times `count` lookups of the given
 * addresses in one `ip -batch` run. The namespace is deleted whatever happens.
 */
export function kernelLookups(routes, addresses) {
  const name = `rl-bench-${process.pid}`;
  const added = ip(['netns', 'add', name]);
  if (added.status !== 0) return { error: `ip netns add: ${added.stderr.trim()}` };
  try {
    const setup = ['link set lo up'];
    const devices = new Set(routes.map((r) => r.dev));
    // veth pairs, as the kernel differential test uses: dummy interfaces need a module not every kernel has.
    for (const dev of devices) setup.push(`link add ${dev} type veth peer name ${dev}p`, `link set ${dev} up`, `link set ${dev}p up`);
    setup.push('addr add 192.168.101.23/24 dev eth0');
    for (let k = 0; k < 4; k++) {
      for (const dev of [`gre${k + 1}`, `eth${k + 1}`]) if (devices.has(dev)) setup.push(`addr add 172.16.${k}.2/24 dev ${dev}`);
    }
    const ready = ip(['-n', name, '-batch', '-'], `${setup.join('\n')}\n`);
    if (ready.status !== 0) return { error: `namespace setup: ${ready.stderr.trim().split('\n')[0]}` };
    let t = performance.now();
    const load = ip(['-n', name, '-force', '-batch', '-'], `${routes.map((r) => `route add ${ipRouteLine(r)}`).join('\n')}\n`);
    const loadSeconds = (performance.now() - t) / 1000;
    const failed = (load.stderr.match(/^Command failed/gm) ?? []).length;
    t = performance.now();
    const got = ip(['-n', name, '-force', '-batch', '-'], `${addresses.map((a) => `route get ${a}`).join('\n')}\n`);
    const seconds = (performance.now() - t) / 1000;
    if (got.error) return { error: got.error.message };
    return { lookupsPerSecond: addresses.length / seconds, loadSeconds, failedRoutes: failed };
  } finally {
    ip(['netns', 'delete', name]);
  }
}
