import { PARSERS } from '../core/formats/registry';
import { CliError } from './errors';

/** What one option of a command accepts. */
export interface OptionSpec {
  /** True when the option takes a value (`--format json` or `--format=json`). */
  readonly value: boolean;
  /** Values the option accepts, when the set is closed. */
  readonly choices?: readonly string[];
  /** Other spellings such as `-h`. */
  readonly aliases?: readonly string[];
}

export interface ParsedArgs {
  /** Every occurrence of each option, in order; flags record an empty string. */
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly positionals: readonly string[];
}

/**
 * GNU-style parsing: options may come before or after operands, `--` ends options,
 * and a lone `-` is an operand (it means stdin where a command accepts it).
 */
export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>, command: string): ParsedArgs {
  const options = new Map<string, string[]>();
  const positionals: string[] = [];
  const byAlias = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) {
    byAlias.set(`--${name}`, name);
    for (const alias of spec.aliases ?? []) byAlias.set(alias, name);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const name = byAlias.get(written);
    const spec = name === undefined ? undefined : specs[name];
    if (name === undefined || spec === undefined) {
      throw new CliError(`unknown option '${clip(written)}' for '${command}' (see 'route-lens --help')`);
    }
    let value = '';
    if (spec.value) {
      const inline = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined;
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('-') && next !== '-')) {
        throw new CliError(`option '${written}' needs a value (see 'route-lens --help')`);
      }
      if (spec.choices && !spec.choices.includes(next)) {
        throw new CliError(`option '${written}' must be one of ${spec.choices.join(', ')}, not '${clip(next)}'`);
      }
      value = next;
    } else if (eq > 0 && arg.startsWith('--')) {
      throw new CliError(`option '${written}' does not take a value`);
    }
    const list = options.get(name) ?? [];
    list.push(value);
    options.set(name, list);
  }
  return { options, positionals };
}

/** The last value given for an option, so a later flag overrides an earlier one (as in aliases and scripts). */
export function lastOption(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  return values?.[values.length - 1];
}

export function hasFlag(args: ParsedArgs, name: string): boolean {
  return args.options.has(name);
}

/** `--tunnel-interfaces 'wg*,tun*' --tunnel-interfaces corp0` → every pattern, blanks dropped. */
export function tunnelPatterns(args: ParsedArgs): string[] {
  return (args.options.get('tunnel-interfaces') ?? [])
    .flatMap((value) => value.split(','))
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
}

/** Keeps echoed user input short in messages. */
/** `--input-format ID` forces a dump format (`linux-net-tools`, `windows-route-print`...) instead of detecting it. */
export function inputFormatOption(args: ParsedArgs): string | undefined {
  const id = lastOption(args, 'input-format');
  if (id === undefined) return undefined;
  if (!PARSERS.some((p) => p.id === id)) {
    throw new CliError(`unknown input format '${clip(id, 40)}'; known: ${PARSERS.map((p) => p.id).join(', ')}`);
  }
  return id;
}

export function clip(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
