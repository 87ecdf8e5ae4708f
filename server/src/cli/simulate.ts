import { type Analysis, analyze } from '../core/analyze';
import { analyzeDocument } from '../core/analyzeDocument';
import { RULES } from '../core/rules';
import { type OptionSpec, clip, hasFlag, lastOption, parseArgs, tunnelPatterns } from './args';
import { machineDumpOf, relatedFilesOf } from './configFiles';
import { CliError, EXIT_OK } from './errors';
import { readInput, readSource } from './files';
import { HELP } from './help';
import type { Io } from './io';

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { value: false },
  with: { value: true },
  'tunnel-interfaces': { value: true },
  help: { value: false, aliases: ['-h'] },
};

/** One line of the predicted table in JSON: 1-based line numbers, null where a line has no source. */
interface SimulatedLineJson {
  readonly line: number;
  readonly text: string;
  readonly origin: 'dump' | 'vpn' | 'other';
  readonly dumpLine: number | null;
  readonly configLine: number | null;
}

/** `route-lens simulate CONFIG [--with DUMP] [--json]`: the routing table predicted once CONFIG is up. */
export function runSimulate(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, OPTIONS, 'simulate');
  if (hasFlag(args, 'help')) {
    io.out(HELP);
    return EXIT_OK;
  }
  const [config, ...extra] = args.positionals;
  if (config === undefined) throw new CliError(`'simulate' needs a VPN CONFIG file (see 'route-lens --help')`);
  if (extra.length > 0) throw new CliError(`'simulate' takes one CONFIG; unexpected '${clip(extra[0] ?? '', 40)}'`);
  if (config === '-') throw new CliError(`'simulate' reads CONFIG from a file: its folder holds the files it names`);
  const text = readInput(config);
  const quiet = { tunnelInterfaces: tunnelPatterns(args), disabledRules: RULES.map((r) => r.code) };
  const dumpPath = lastOption(args, 'with');
  let dump: { analysis: Analysis; name: string } | undefined;
  if (dumpPath !== undefined) {
    const analysis = analyze(readSource(dumpPath), quiet);
    if (analysis.document.routes.length === 0) throw new CliError(`'${clip(dumpPath, 60)}' holds no routes Route Lens can read, so it is not the machine's dump`);
    dump = { analysis, name: dumpPath };
  } else {
    // Without --with, the dump the editor would use: a `# route-lens: dump=` comment, else a dump next to CONFIG.
    dump = machineDumpOf(config, text);
  }
  const related = relatedFilesOf(config, text);
  const doc = analyzeDocument(text, {
    tunnelInterfaces: quiet.tunnelInterfaces,
    fileName: config,
    ...(dump ? { dump: dump.analysis, dumpName: dump.name } : {}),
    ...(related ? { related } : {}),
  });
  if (doc.kind !== 'config') {
    throw new CliError(`'${clip(config, 60)}' is not a VPN config (it reads as a route dump); simulate takes a WireGuard, OpenVPN, strongSwan, xl2tpd, pppd or NetworkManager file`);
  }
  const table = doc.config.simulate();
  if (!table) throw new CliError(`'${clip(config, 60)}' holds only secrets and brings nothing up, so there is no table to predict`);
  if (!hasFlag(args, 'json')) {
    io.out(table.text);
    return EXIT_OK;
  }
  const lines: SimulatedLineJson[] = table.lines.map((l, i) => ({
    line: i + 1, text: l.text, origin: l.origin, dumpLine: l.dumpLine !== undefined ? l.dumpLine + 1 : null, configLine: l.configLine !== undefined ? l.configLine + 1 : null,
  }));
  const removed = table.removed.map((r) => ({ text: r.text, dumpLine: r.dumpLine !== undefined ? r.dumpLine + 1 : null, why: r.why }));
  io.out(`${JSON.stringify({ config, format: doc.format, dump: table.dumpName ?? null, text: table.text, lines, removed, notes: table.notes }, null, 2)}\n`);
  return EXIT_OK;
}
