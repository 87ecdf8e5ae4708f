import { splitLines } from '../../formats/tokens';
import type { ConfigAddressAnswer, ConfigAnalysis, ConfigContext, ConfigFamily } from '../types';
import { analyzeConfig } from './config';
import { DIRECTIVES } from './directives';
import { lexLine } from './lexer';
import { analyzeLog } from './log/analyze';
import { isOpenVpnMessage, messageStart } from './log/prefix';
import { simulateSide } from './simulate';
import { type Whereabouts, whereabouts } from './where';

export type { InstallPlan, InstalledRoute } from './install';
export { installRoutes } from './install';
export { type SimulatedConnection, simulateConnecting } from './simulate';

/** How many of the first lines decide between a config and a log. */
const SAMPLE_LINES = 200;

type LineKind = 'option' | 'log' | 'blank' | 'other';

function classify(line: string): LineKind {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return 'blank';
  const message = line.slice(messageStart(line));
  if (isOpenVpnMessage(message)) return 'log';
  const first = lexLine(trimmed).params[0]?.text ?? '';
  const name = first.startsWith('--') ? first.slice(2) : first;
  if (DIRECTIVES.has(name) || /^<\/?[a-z-]+>$/.test(name)) return 'option';
  return 'other';
}

/** `openvpn-log` when log messages outnumber option lines among the first lines. */
export function detectFormat(text: string): 'openvpn' | 'openvpn-log' {
  let options = 0;
  let logs = 0;
  for (const line of splitLines(text.slice(0, 65536)).slice(0, SAMPLE_LINES)) {
    const kind = classify(line);
    if (kind === 'option') options++;
    else if (kind === 'log') logs++;
  }
  return logs > options ? 'openvpn-log' : 'openvpn';
}

/** OpenVPN configs (`*.ovpn`, client and server `*.conf`) and OpenVPN logs. */
export const openvpnFamily: ConfigFamily = {
  languageId: 'openvpn',
  label: 'OpenVPN',
  score(sample: readonly string[]): number {
    let counted = 0;
    let ours = 0;
    // Inline blocks are skipped: certificate and key lines say nothing about the format.
    let inBlock: string | undefined;
    for (const line of sample) {
      const trimmed = line.trim();
      if (inBlock !== undefined) {
        if (trimmed.startsWith(`</${inBlock}>`)) inBlock = undefined;
        continue;
      }
      const open = /^<([a-z][a-z0-9-]*)>$/.exec(trimmed);
      if (open) inBlock = open[1];
      const kind = classify(line);
      if (kind === 'blank') continue;
      counted++;
      if (kind !== 'other') ours++;
    }
    return counted === 0 ? 0 : ours / counted;
  },
  analyze(text: string, context: ConfigContext): ConfigAnalysis {
    if (detectFormat(text) === 'openvpn-log') {
      const log = analyzeLog(text, context);
      return {
        ...log,
        explainAddress: (address) => answer(whereabouts(log.connection.side, address, log.connection.device, 'the routes OpenVPN installed')),
        simulate: () => simulateSide(log.connection.side, context, log.connection.device, 'openvpn-log'),
      };
    }
    const config = analyzeConfig(text, context);
    return {
      ...config,
      explainAddress: (address) => answer(whereabouts(config.rules.side, address, config.rules.config.device)),
      simulate: () => simulateSide(config.rules.own, context, config.rules.config.device, 'openvpn'),
    };
  },
};

function answer(where: Whereabouts): ConfigAddressAnswer {
  return { tunnel: where.tunnel, summary: where.summary };
}
