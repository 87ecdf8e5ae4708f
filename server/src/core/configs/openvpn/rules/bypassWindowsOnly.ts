import { type Finding, makeFinding } from '../../../model';
import type { RuleContext } from '../context';
import { redirectState } from '../install';
import type { OpenVpnRule } from './types';

/** `bypass-dhcp` and `bypass-dns` read the Windows adapter's settings; other systems skip them silently. */
export const bypassWindowsOnly: OpenVpnRule = {
  code: 'bypass-windows-only',
  check({ config, side }: RuleContext): Finding[] {
    const state = redirectState(side.options.redirects);
    // A profile written for Windows gets what it asks for; pushed flags reach clients of every system.
    if (side.who !== 'clients' && config.windowsHints.length > 0) return [];
    const findings: Finding[] = [];
    for (const flag of ['bypass-dhcp', 'bypass-dns'] as const) {
      const span = state.flagSpans.get(flag);
      if (!span || !state.enabled) continue;
      const what = flag === 'bypass-dhcp' ? 'DHCP server' : 'DNS servers';
      findings.push(makeFinding('bypass-windows-only', 'information',
        `\`${flag}\` only acts on Windows, where OpenVPN adds a host route to the physical adapter's ${what} via net_gateway. On Linux and macOS it does nothing, so ${flag === 'bypass-dhcp' ? 'DHCP renewals with a non-local server' : 'queries to those servers'} follow the tunnel routes.`,
        span));
    }
    return findings;
  },
};
