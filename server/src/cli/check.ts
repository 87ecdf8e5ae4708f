import { type OptionSpec, hasFlag, inputFormatOption, lastOption, parseArgs, tunnelPatterns } from './args';
import { CliError, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK } from './errors';
import type { TextLines } from '../core/formats/textLines';
import { expandInputs, readSource } from './files';
import { HELP, toolInfo } from './help';
import type { Io } from './io';
import { type CheckedFile, addCounts, checkText, emptyCounts, position } from './report';
import { severityOptions } from './ruleInfo';
import { buildSarif } from './sarif';
import { fileModeOf } from '../fileMode';
import { palette, renderCheckedFile, renderSummary } from './textOutput';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  format: { value: true, choices: FORMATS },
  'input-format': { value: true },
  'tunnel-interfaces': { value: true },
  severity: { value: true },
  help: { value: false, aliases: ['-h'] },
};

/** `route-lens check [--format text|json|sarif] [--tunnel-interfaces P,...] [--severity CODE=LEVEL]... FILE|DIR...` */
export function runCheck(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, OPTIONS, 'check');
  if (hasFlag(args, 'help')) {
    io.out(HELP);
    return EXIT_OK;
  }
  const format = (lastOption(args, 'format') ?? 'text') as Format;
  const policy = { severity: severityOptions(args.options.get('severity') ?? []) };
  if (args.positionals.length === 0) throw new CliError(`'check' needs at least one FILE or DIR (see 'route-lens --help')`);
  const inputs = expandInputs(args.positionals);
  // Missing inputs stop the run before any output, so a typo never passes as a clean check.
  if (inputs.problems.length > 0) {
    for (const problem of inputs.problems) io.err(`route-lens: ${problem}\n`);
    return EXIT_FAILURE;
  }
  const inputFormat = inputFormatOption(args);
  const options = { tunnelInterfaces: tunnelPatterns(args), policy, ...(inputFormat ? { inputFormat } : {}) };
  const p = palette(io.color);
  const counts = emptyCounts();
  const checked: CheckedFile[] = [];
  const failures: string[] = [];
  for (const path of inputs.files) {
    let source: TextLines;
    try {
      source = readSource(path);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      failures.push(error.message);
      io.err(`route-lens: ${error.message}\n`);
      continue;
    }
    const file = checkText(path, source, options, fileModeOf(path));
    addCounts(counts, file.findings);
    // Text goes out file by file, so a long run shows progress; the documents need every file first.
    if (format === 'text') io.out(renderCheckedFile(file, p));
    else checked.push(file);
  }
  if (format === 'text') io.out(renderSummary(inputs.files.length - failures.length, counts, p));
  else if (format === 'json') io.out(`${JSON.stringify(checked.map(jsonFile), null, 2)}\n`);
  else io.out(`${JSON.stringify(buildSarif(checked, toolInfo(), io.cwd, failures), null, 2)}\n`);
  if (failures.length > 0) return EXIT_FAILURE;
  return counts.error > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function jsonFile(file: CheckedFile): unknown {
  return {
    file: file.path,
    format: file.format,
    diagnostics: file.findings.map((f) => {
      const at = position(f.span);
      return {
        line: at.line,
        column: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn,
        severity: f.severity,
        code: f.code,
        message: f.message,
      };
    }),
  };
}
