/**
 * `ip -j route`, `ip -j -6 route`, `ip -j route show table all`, `ip -j route get` and `ip -j rule`, compact or
 * pretty (`-p`). Compact output puts every route on one line, so spans are column ranges on that line.
 */
import type { Family } from '../net/address';
import { makeFinding, spanOnLine } from '../model';
import { type IpCommand, ipCommand } from './ipArgs';
import { routeFromJson, spanOf } from './ipJsonRoute';
import { clip } from './ipRoute';
import { emitRule, ruleFromJson } from './ipRuleModel';
import { type JsonValue, scanJson } from './jsonScan';
import type { PastedCommand } from './shellPrompt';
import type { FormatParser, ParseSink, SectionInput } from './types';

export const IP_JSON_FORMAT = 'linux-ip-json';

function jsonCommand(command: PastedCommand): IpCommand | undefined {
  const cmd = ipCommand(command);
  return cmd && cmd.json && (cmd.object === 'route' || cmd.object === 'rule') ? cmd : undefined;
}

export const ipJsonParser: FormatParser = {
  id: IP_JSON_FORMAT,
  label: 'Linux ip -j route / ip -j rule',
  os: 'linux',
  claims: (command: PastedCommand) => jsonCommand(command) !== undefined,
  isHeader: () => false,
  score(sample: readonly string[]): number {
    const lines = sample.map((l) => l.trim()).filter((t) => t !== '' && !t.startsWith('#'));
    const first = lines[0];
    if (first === undefined || (!first.startsWith('[') && !first.startsWith('{'))) return 0;
    if (!lines.some((t) => t.includes('"dst"') || t.includes('"priority"'))) return 0;
    let hits = 0;
    for (const t of lines) if ('[{}]"'.includes(t.charAt(0))) hits++;
    return hits / lines.length;
  },
  parse(input: SectionInput, sink: ParseSink): void {
    const cmd = input.command ? jsonCommand(input.command) : undefined;
    const family: Family | undefined = cmd?.family;
    const report = sink.finding.bind(sink);
    scanJson(input.lines, input.start, input.end, {
      error(message, at, endCol) {
        sink.finding(makeFinding('parse-error', 'error', message, spanOnLine(at.line, at.col, Math.max(endCol, at.col))));
      },
      item(value: JsonValue) {
        if (value.kind !== 'object') {
          report(makeFinding('parse-error', 'error', 'Expected a route or rule object.', spanOf(value)));
          return;
        }
        const keys = new Set(value.entries.map((e) => e.key));
        const isRule = cmd ? cmd.object === 'rule' : keys.has('priority') && !keys.has('dst');
        if (!isRule) {
          const route = routeFromJson(value, {
            lines: input.lines, report, nextId: () => sink.nextRouteId(),
            ...(family ? { family } : {}), ...(cmd?.table !== undefined ? { table: cmd.table } : {}),
          });
          if (route) sink.route(route);
          return;
        }
        const result = ruleFromJson(value, input.lines, family);
        if (result.error) {
          report(makeFinding('parse-error', 'error', result.error.message, spanOf(result.error.value)));
          return;
        }
        for (const e of result.unknown) {
          report(makeFinding('unknown-keyword', 'information',
            `Unknown key '${clip(e.key)}': kept as a selector and not used in the analysis.`, spanOf({ start: e.keyStart, end: e.keyEnd })));
        }
        if (result.rule) emitRule(sink, result.rule);
      },
    });
  },
};
