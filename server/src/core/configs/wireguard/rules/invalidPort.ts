import { type Finding, makeFinding, spanOnLine } from '../../../model';
import { checkEndpointHost, checkPort, splitEndpoint } from '../values';
import type { WgRule } from './types';
import { allEntries } from './types';

/**
 * ListenPort and Endpoint ports. wg reads them through getaddrinfo, so it refuses only what is no number and
 * no service name; numbers above 65535 wrap and an endpoint port 0 goes nowhere, which are warnings.
 */
export const invalidPort: WgRule = {
  code: 'invalid-port',
  check(state) {
    const out: Finding[] = [];
    for (const { entry } of allEntries(state)) {
      // An empty value is invalid-value's finding.
      if (entry.value === '') continue;
      if (entry.name === 'ListenPort') {
        const port = checkPort(entry.value, true);
        const problem = port.error ?? port.warning;
        if (problem !== undefined) out.push(makeFinding('invalid-port', port.error ? 'error' : 'warning', `ListenPort ${problem}.`, entry.valueSpan));
        continue;
      }
      if (entry.name !== 'Endpoint') continue;
      const parts = splitEndpoint(entry.value);
      if (!parts.ok) {
        // A missing "]" is the host's problem, which invalid-address reports.
        if (!entry.value.startsWith('[') || entry.value.includes(']')) out.push(makeFinding('invalid-port', 'error', `Endpoint ${parts.reason}; wg stops on it ("Unable to find port of endpoint").`, entry.valueSpan));
        continue;
      }
      if (checkEndpointHost(parts.value.host).error !== undefined) continue;
      const port = checkPort(parts.value.portText, false);
      const problem = port.error ?? port.warning;
      if (problem === undefined) continue;
      const col = entry.valueSpan.col + parts.value.portStart;
      out.push(makeFinding('invalid-port', port.error ? 'error' : 'warning', `Endpoint port ${problem}.`, spanOnLine(entry.line, col, col + parts.value.portText.length)));
    }
    return out;
  },
};
