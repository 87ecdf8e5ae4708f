import { type Finding, type Severity, makeFinding, spanOnLine } from '../../../model';
import { parseIPv4, parseIPv6 } from '../../../net/address';
import type { RuleContext } from '../context';
import type { Param } from '../lexer';
import type { Directive } from '../model';
import { looksNumeric } from '../values';
import type { OpenVpnRule } from './types';

type Kind = 'v4' | 'v6' | 'v6prefix' | 'any';

interface Slot {
  readonly param: Param;
  readonly kind: Kind;
  /** OpenVPN checks it while reading the file and stops. */
  readonly strict: boolean;
  /** A host name is fine there: OpenVPN resolves it when connecting. */
  readonly names: boolean;
}

const SLOTS: Readonly<Record<string, { readonly at: readonly number[]; readonly kind: Kind; readonly strict: boolean; readonly names: boolean }>> = {
  ifconfig: { at: [0, 1], kind: 'v4', strict: true, names: false },
  'ifconfig-ipv6': { at: [0], kind: 'v6prefix', strict: true, names: false },
  'route-gateway': { at: [0], kind: 'v4', strict: true, names: false },
  'route-ipv6-gateway': { at: [0], kind: 'v6', strict: false, names: false },
  server: { at: [0, 1], kind: 'v4', strict: true, names: false },
  'server-ipv6': { at: [0], kind: 'v6prefix', strict: true, names: false },
  route: { at: [0, 2], kind: 'v4', strict: false, names: true },
  'route-ipv6': { at: [0], kind: 'v6prefix', strict: false, names: false },
  remote: { at: [0], kind: 'any', strict: false, names: true },
};

export const invalidAddress: OpenVpnRule = {
  code: 'invalid-address',
  check({ config }: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const d of config.parsed.directives) {
      for (const { param, kind, strict, names } of addressParams(d)) {
        if (valid(param.text, kind)) continue;
        // Names are fine where OpenVPN resolves them; only text that can only be a broken address is flagged.
        if (names && !looksNumeric(param.text)) continue;
        if (param.text === 'dhcp' && d.name === 'route-gateway') continue;
        const severity: Severity = strict && !d.push ? 'error' : 'warning';
        const effect = d.push
          ? 'Clients reject the pushed option.'
          : strict ? 'OpenVPN stops while reading the config.' : names ? 'OpenVPN tries to resolve it as a name when connecting, and fails.' : 'OpenVPN passes it on as it is, and it cannot work.';
        findings.push(makeFinding('invalid-address', severity, `\`${clip(param.text)}\` is not a valid ${label(kind)}. ${effect}`, spanOnLine(d.line, param.start, param.end)));
      }
    }
    return findings;
  },
};

function addressParams(d: Directive): Slot[] {
  const out: Slot[] = [];
  const slot = SLOTS[d.name];
  if (slot) {
    for (const i of slot.at) {
      const param = d.args[i];
      if (!param || param.text === 'default' || /^(vpn_gateway|net_gateway|remote_host)$/.test(param.text)) continue;
      // `ifconfig-ipv6 A/len PEER`: the peer is a plain address.
      out.push({ param, kind: slot.kind, strict: slot.strict, names: slot.names });
    }
  }
  if (d.name === 'ifconfig-ipv6' && d.args[1]) out.push({ param: d.args[1], kind: 'v6', strict: true, names: false });
  if (d.name === 'dhcp-option' && (d.args[0]?.text === 'DNS' || d.args[0]?.text === 'DNS6') && d.args[1]) {
    out.push({ param: d.args[1], kind: d.args[0].text === 'DNS6' ? 'v6' : 'any', strict: false, names: false });
  }
  if (d.name === 'dns' && d.args[0]?.text === 'server' && d.args[2]?.text === 'address') {
    for (const param of d.args.slice(3)) out.push({ param: { ...param, text: stripPort(param.text) }, kind: 'any', strict: true, names: false });
  }
  return out;
}

function stripPort(text: string): string {
  return text.replace(/^\[(.*)\](?::\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1');
}

function valid(text: string, kind: Kind): boolean {
  switch (kind) {
    case 'v4':
      return parseIPv4(text) !== undefined;
    case 'v6':
      return parseIPv6(text) !== undefined;
    case 'v6prefix': {
      const slash = text.indexOf('/');
      const bits = slash < 0 ? 128 : Number(text.slice(slash + 1));
      return parseIPv6(slash < 0 ? text : text.slice(0, slash)) !== undefined && Number.isInteger(bits) && bits >= 0 && bits <= 128 && (slash < 0 || /^\d{1,3}$/.test(text.slice(slash + 1)));
    }
    default:
      return parseIPv4(text) !== undefined || parseIPv6(text) !== undefined;
  }
}

function label(kind: Kind): string {
  return kind === 'v4' ? 'IPv4 address' : kind === 'v6' ? 'IPv6 address' : kind === 'v6prefix' ? 'IPv6 address or prefix' : 'IP address';
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
