import { type Finding, type Severity, type Span, makeFinding, spanOnLine } from '../../../model';
import type { RuleContext } from '../context';
import { CONNECTION_OPTIONS, DIRECTIVES } from '../directives';
import type { Directive } from '../model';
import type { OpenVpnRule } from './types';

const PROTOCOLS = ['udp', 'tcp-server', 'tcp-client', 'tcp', 'udp4', 'tcp4-server', 'tcp4-client', 'tcp4', 'udp6', 'tcp6-server', 'tcp6-client', 'tcp6'];

/** Values OpenVPN checks while reading the file, with its own error text. */
const CHOICES: Readonly<Record<string, { readonly at: number; readonly values: readonly string[]; readonly error: string }>> = {
  topology: { at: 0, values: ['net30', 'p2p', 'subnet'], error: '--topology must be net30, p2p, or subnet' },
  proto: { at: 0, values: PROTOCOLS, error: 'Bad protocol' },
  remote: { at: 2, values: PROTOCOLS, error: 'remote: bad protocol associated with host' },
  'key-direction': { at: 0, values: ['0', '1'], error: "Unknown key direction -- must be '0' or '1'" },
  'pull-filter': { at: 0, values: ['accept', 'ignore', 'reject'], error: 'Unknown --pull-filter type' },
};

const REDIRECT_FLAGS = ['local', 'autolocal', 'def1', 'bypass-dhcp', 'bypass-dns', 'block-local', 'ipv6', '!ipv4'];

/**
 * Parameter counts and values OpenVPN rejects while reading the config (it stops with
 * "Unrecognized option or missing or extra parameter(s)" or a more specific error).
 * In a pushed option the client rejects only that option, so those are warnings.
 */
export const parameters: OpenVpnRule = {
  code: 'parse-error',
  check({ config }: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const d of config.parsed.directives) {
      if (d.block) continue;
      const severity: Severity = d.push ? 'warning' : 'error';
      const where = d.push ? 'Clients reject this pushed option' : 'OpenVPN stops';
      const count = countProblem(d);
      if (count) {
        findings.push(makeFinding('parse-error', severity, `${count.message} ${where} with "Unrecognized option or missing or extra parameter(s)".`, count.span));
        continue;
      }
      const choice = CHOICES[d.name];
      const value = choice ? d.args[choice.at] : undefined;
      if (choice && value && !choice.values.includes(value.text)) {
        findings.push(makeFinding('parse-error', severity,
          `\`${clip(value.text)}\` is not one of ${choice.values.map((v) => `\`${v}\``).join(', ')}. ${where}: "${choice.error}".`,
          spanOnLine(d.line, value.start, value.end)));
      }
      if (d.name === 'redirect-gateway' || d.name === 'redirect-private') {
        for (const flag of d.args) {
          if (REDIRECT_FLAGS.includes(flag.text)) continue;
          findings.push(makeFinding('parse-error', severity,
            `Unknown ${d.name} flag \`${clip(flag.text)}\`; the flags are ${REDIRECT_FLAGS.map((f) => `\`${f}\``).join(', ')}. ${where}.`,
            spanOnLine(d.line, flag.start, flag.end)));
        }
      }
      if (d.name === 'push' && d.args[0]?.text.includes(',')) {
        const arg = d.args[0];
        findings.push(makeFinding('parse-error', 'error',
          'A pushed option cannot contain a comma: commas separate the options of the reply. OpenVPN stops with "PUSH OPTION FAILED (illegal comma)".',
          spanOnLine(d.line, arg.start, arg.end)));
      }
      if (d.connection !== undefined && !d.push && DIRECTIVES.has(d.name) && !CONNECTION_OPTIONS.has(d.name)) {
        findings.push(makeFinding('parse-error', 'error',
          `\`${d.name}\` cannot be used inside <connection>: only connection settings (remote, proto, port, http-proxy…) can. OpenVPN stops with "cannot be used in this context".`,
          spanOnLine(d.line, d.nameParam.start, d.nameParam.end)));
      }
    }
    return findings;
  },
};

function countProblem(d: Directive): { message: string; span: Span } | undefined {
  const info = DIRECTIVES.get(d.name);
  if (!info) return undefined;
  const n = d.args.length;
  const range = info.max === undefined ? `at least ${info.min}` : info.min === info.max ? `${info.min}` : `${info.min} to ${info.max}`;
  const takes = info.max === 0 ? 'takes no parameters' : `takes ${range} parameter${info.max === 1 && info.min === 1 ? '' : 's'}`;
  if (n < info.min) {
    return { message: `\`${d.name}\` ${takes}; ${n === 0 ? 'none is given' : `${n} ${n === 1 ? 'is' : 'are'} given`}.`, span: spanOnLine(d.line, d.nameParam.start, d.nameParam.end) };
  }
  if (info.max !== undefined && n > info.max) {
    const first = d.args[info.max];
    const last = d.args[n - 1];
    const span = first && last ? spanOnLine(d.line, first.start, last.end) : d.span;
    return { message: `\`${d.name}\` ${takes}; ${n} are given.`, span };
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
