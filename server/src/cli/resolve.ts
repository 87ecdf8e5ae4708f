import { type Analysis, analyze } from '../core/analyze';
import { analyzeDocument } from '../core/analyzeDocument';
import { TextLines } from '../core/formats/textLines';
import type { PolicyRule, Route } from '../core/model';
import { type Address, formatAddress, parseAddress } from '../core/net/address';
import { type Flow, flowKey, flowWords } from '../core/policy/flow';
import { ruleText } from '../core/policy/ruleText';
import { formatPrefix } from '../core/net/prefix';
import { type Outcome, resolve } from '../core/resolver';
import type { RoutingTables } from '../core/routingTables';
import { RULES } from '../core/rules';
import { type OptionSpec, clip, hasFlag, inputFormatOption, lastOption, parseArgs, tunnelPatterns } from './args';
import { configTextOf, machineDumpOf, relatedFilesOf } from './configFiles';
import { renderConfigResolution, resolveInConfig } from './configResolve';
import { CliError, EXIT_FAILURE, EXIT_OK } from './errors';
import { readSource } from './files';
import { HELP } from './help';
import type { Io } from './io';
import { palette, renderResolution } from './textOutput';

export const INVALID_ADDRESS = 'not an IPv4 or IPv6 address';

export interface NextHopJson {
  readonly interface: string | null;
  readonly gateway: string | null;
}

export interface RouteJson {
  /** Canonical: `0.0.0.0/0`, `203.0.113.77/32`. */
  readonly prefix: string;
  readonly type: string;
  readonly table: string;
  readonly gateway: string | null;
  readonly interface: string | null;
  readonly metric: number;
  /** 1-based. */
  readonly line: number;
  readonly nexthops: readonly NextHopJson[];
}

export interface ResolveEntry {
  /** The address as given. */
  readonly address: string;
  readonly outcome: Outcome | null;
  /** The kernel's answer for a failed lookup, or why the input is not an address. */
  readonly error: string | null;
  /** True when the packet is forwarded and every next hop is a tunnel interface. */
  readonly tunnel: boolean;
  readonly route: RouteJson | null;
  /** The flow asked for, in `ip route get` words; null for a plain lookup. */
  readonly flow: string | null;
  /** The `ip rule` that decided, when the input has custom rules. */
  readonly rule: RuleJson | null;
  readonly explanation: readonly string[];
}

export interface RuleJson {
  readonly priority: number;
  /** `not fwmark 0xca6c lookup 51820`. */
  readonly rule: string;
  /** 1-based. */
  readonly line: number;
}

/** An entry plus what only the text output shows. */
export interface Resolved {
  readonly entry: ResolveEntry;
  readonly routeText?: string;
  /** Some but not necessarily all next hops are tunnels. */
  readonly someTunnel: boolean;
}

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { value: false },
  with: { value: true },
  'input-format': { value: true },
  'tunnel-interfaces': { value: true },
  help: { value: false, aliases: ['-h'] },
  from: { value: true },
  mark: { value: true },
  uid: { value: true },
  iif: { value: true },
  oif: { value: true },
  proto: { value: true },
  sport: { value: true },
  dport: { value: true },
  tos: { value: true },
};

const FLOW_OPTIONS = ['from', 'mark', 'uid', 'iif', 'oif', 'proto', 'sport', 'dport', 'tos'] as const;

/** The flow the options describe; a bad value stops the run with what is wrong. */
function flowOption(args: ReturnType<typeof parseArgs>): Flow | undefined {
  let flow: Flow = {};
  let any = false;
  for (const name of FLOW_OPTIONS) {
    const value = lastOption(args, name);
    if (value === undefined) continue;
    any = true;
    const next = flowKey(flow, name === 'proto' ? 'ipproto' : name, value);
    if (typeof next === 'string') throw new CliError(`--${name}: ${next}`);
    flow = next;
  }
  return any ? flow : undefined;
}

function checkFamily(flow: Flow | undefined, addresses: readonly string[]): void {
  if (!flow?.from) return;
  const from = flow.from;
  const other = addresses.map(parseAddress).find((a): a is Address => a !== undefined && a.family !== from.family);
  if (other) {
    throw new CliError(`--from ${formatAddress(from)} is IPv${from.family}, but ${formatAddress(other)} is IPv${other.family}: resolve each family with its own source`);
  }
}

/** `route-lens resolve [--json] [--tunnel-interfaces P,...] FILE ADDR...`; ADDR `-` reads addresses from stdin. */
export async function runResolve(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, OPTIONS, 'resolve');
  if (hasFlag(args, 'help')) {
    io.out(HELP);
    return EXIT_OK;
  }
  const flow = flowOption(args);
  const [file, ...operands] = args.positionals;
  if (file === undefined || operands.length === 0) {
    throw new CliError(`'resolve' needs a FILE and at least one ADDRESS (see 'route-lens --help')`);
  }
  const stdinAddresses = operands.includes('-');
  if (file === '-' && stdinAddresses) throw new CliError(`stdin cannot hold both the route dump and the addresses`);
  // Stdin is read once; a dump on stdin lets `ip route | route-lens resolve - ADDR` work.
  const stdin = file === '-' || stdinAddresses ? await io.readStdin() : '';
  const inputFormat = inputFormatOption(args);
  const source = file === '-' ? new TextLines(stdin) : readSource(file);
  // A config is read whole; a dump stays in the pieces it was read in.
  const text = configTextOf(file, source, { inputFormat });
  // Rules are not needed to resolve, and skipping them keeps huge tables quick.
  const quiet = { tunnelInterfaces: tunnelPatterns(args), disabledRules: RULES.map((r) => r.code) };
  const dumpPath = lastOption(args, 'with');
  // Without --with, the dump the editor would use for this config, if any.
  const found = dumpPath === undefined && text !== undefined ? machineDumpOf(file, text, { inputFormat }) : undefined;
  const dump: Analysis | undefined = dumpPath === undefined ? found?.analysis : analyze(readSource(dumpPath), quiet);
  const dumpName = dumpPath ?? found?.name;
  // A config's pppoptfile and sibling profiles count here as they do in check.
  const related = text === undefined ? undefined : relatedFilesOf(file, text, { inputFormat });
  const doc = analyzeDocument(text ?? source, {
    ...quiet,
    fileName: file,
    ...(inputFormat ? { format: inputFormat } : {}),
    ...(dump && dumpName ? { dump, dumpName } : {}),
    ...(related ? { related } : {}),
  });
  const addresses = operands.flatMap((operand) => (operand === '-' ? addressLines(stdin) : [operand]));
  if (doc.kind === 'config') {
    if (flow) throw new CliError(`flow options (--from, --mark...) apply to route dumps; '${clip(file, 40)}' is a VPN config`);
    // A VPN config answers which peer or tunnel receives each address, and with --with where it leaves.
    const entries = addresses.map((a) => resolveInConfig(doc, a, INVALID_ADDRESS));
    const p = palette(io.color);
    io.out(hasFlag(args, 'json') ? `${JSON.stringify(entries, null, 2)}\n` : entries.map((e) => renderConfigResolution(e, p)).join('\n'));
    return entries.some((e) => e.error === INVALID_ADDRESS) ? EXIT_FAILURE : EXIT_OK;
  }
  if (dumpPath !== undefined) throw new CliError(`--with takes the machine's route dump, for a VPN config FILE; '${clip(file, 40)}' is a route dump itself`);
  const analysis = doc.analysis;
  const unreadable = analysis.document.findings.filter((f) => f.severity === 'error').length;
  if (analysis.document.format === 'binary') {
    io.err(`route-lens: note: '${file}' looks like a binary file, not a route dump; no route can match\n`);
  } else if (unreadable > 0) {
    io.err(`route-lens: note: ${unreadable} ${unreadable === 1 ? 'line' : 'lines'} of '${file}' could not be read; run 'route-lens check' for details\n`);
  }
  const isTunnel = (device: string | undefined): boolean => analysis.tunnels.isTunnel(device);
  checkFamily(flow, addresses);
  const rules = analysis.document.rules;
  const results = addresses.map((text) => resolveOne(text, analysis.tables, isTunnel, flow, rules));
  if (hasFlag(args, 'json')) {
    io.out(`${JSON.stringify(results.map((r) => r.entry), null, 2)}\n`);
  } else {
    const anyTunnel = analysis.document.routes.some((r) => r.nexthops.some((h) => isTunnel(h.device)));
    const p = palette(io.color);
    io.out(results.map((r) => renderResolution(r, anyTunnel, p)).join('\n'));
  }
  const invalid = results.filter((r) => r.entry.outcome === null).map((r) => `'${clip(r.entry.address, 40)}'`);
  if (invalid.length > 0) {
    const shown = invalid.slice(0, 5).join(', ') + (invalid.length > 5 ? ` and ${invalid.length - 5} more` : '');
    io.err(invalid.length === 1
      ? `route-lens: ${shown} is ${INVALID_ADDRESS}\n`
      : `route-lens: ${invalid.length} inputs are not IPv4 or IPv6 addresses: ${shown}\n`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}

/** One address a line; blank lines and `#` comments are skipped so address lists can be annotated. */
export function addressLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

function resolveOne(
  text: string, tables: RoutingTables, isTunnel: (device: string | undefined) => boolean, flow: Flow | undefined, rules: readonly PolicyRule[],
): Resolved {
  const address = parseAddress(text);
  const asked = flow ? flowWords(flow) : null;
  if (!address) {
    return {
      entry: { address: text, outcome: null, error: INVALID_ADDRESS, tunnel: false, route: null, flow: asked, rule: null, explanation: [] },
      someTunnel: false,
    };
  }
  const resolution = resolve(tables, address, { rules, ...(flow ? { flow } : {}) });
  const decided = resolution.rule;
  const forwarded = resolution.outcome === 'forward' && resolution.nexthops.length > 0;
  const tunnelled = resolution.nexthops.filter((h) => isTunnel(h.device)).length;
  const route = resolution.route;
  const explanation = [
    ...resolution.steps,
    ...resolution.lost.map((lost) => `line ${lost.route.span.line + 1} (${routeSummary(lost.route)}): ${lost.reason}`),
  ];
  return {
    entry: {
      address: text,
      outcome: resolution.outcome,
      error: resolution.error ?? null,
      tunnel: forwarded && tunnelled === resolution.nexthops.length,
      route: route ? routeJson(route) : null,
      flow: asked,
      rule: decided ? { priority: decided.priority, rule: ruleText(decided), line: decided.span.line + 1 } : null,
      explanation,
    },
    ...(route ? { routeText: route.text } : {}),
    someTunnel: forwarded && tunnelled > 0,
  };
}

function routeJson(route: Route): RouteJson {
  const nexthops = route.nexthops.map((h) => ({
    interface: h.device ?? null,
    gateway: h.gateway ? formatAddress(h.gateway) : null,
  }));
  const first = nexthops[0];
  return {
    prefix: formatPrefix(route.prefix),
    type: route.type,
    table: route.table,
    gateway: first?.gateway ?? null,
    interface: first?.interface ?? null,
    metric: route.metric,
    line: route.span.line + 1,
    nexthops,
  };
}

/** `0.0.0.0/0 via 192.168.101.1 dev eth0`, `192.0.2.0/24 unreachable`, `0.0.0.0/0 dev wg0 table 51820`. */
export function routeSummary(route: Route): string {
  const parts = [formatPrefix(route.prefix)];
  if (route.type !== 'unicast') parts.push(route.type);
  const hops = route.nexthops.map((h) => [
    ...(h.gateway ? [`via ${formatAddress(h.gateway)}`] : []),
    ...(h.device ? [`dev ${h.device}`] : []),
  ].join(' ')).filter((h) => h !== '');
  if (hops.length > 0) parts.push(hops.join(', '));
  if (route.table !== 'main') parts.push(`table ${route.table}`);
  return parts.join(' ');
}
