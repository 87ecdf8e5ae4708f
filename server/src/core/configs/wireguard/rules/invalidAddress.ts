import { type Finding, makeFinding, spanOnLine } from '../../../model';
import { parseAddress } from '../../../net/address';
import { checkEndpointHost, isDnsServerText, parseInterfaceAddress, pieces, splitEndpoint } from '../values';
import type { WgRule } from './types';
import { allEntries } from './types';

/** Address items, DNS servers and Endpoint hosts that are not addresses (or, for an endpoint, a host name). */
export const invalidAddress: WgRule = {
  code: 'invalid-address',
  check(state) {
    const out: Finding[] = [];
    for (const { entry } of allEntries(state)) {
      if (entry.name === 'Address') {
        for (const piece of pieces(entry, 'words')) {
          const parsed = parseInterfaceAddress(piece.text);
          if (!parsed.ok) out.push(makeFinding('invalid-address', 'error', `Address "${piece.text}" ${parsed.reason}; \`ip address add\` fails and wg-quick stops.`, piece.span));
        }
      } else if (entry.name === 'DNS') {
        for (const piece of pieces(entry, 'words')) {
          if (isDnsServerText(piece.text) && !parseAddress(piece.text)) {
            out.push(makeFinding('invalid-address', 'error', `DNS server "${piece.text}" is not an IPv4 or IPv6 address (wg-quick takes digits and dots, or anything with ":", as a server, not a search domain).`, piece.span));
          }
        }
      } else if (entry.name === 'Endpoint' && entry.value !== '') {
        const parts = splitEndpoint(entry.value);
        if (!parts.ok) {
          if (entry.value.startsWith('[') && !entry.value.includes(']')) out.push(makeFinding('invalid-address', 'error', `Endpoint ${parts.reason}; wg stops on it.`, entry.valueSpan));
          continue;
        }
        const host = checkEndpointHost(parts.value.host);
        const problem = host.error ?? host.warning;
        if (problem === undefined) continue;
        const col = entry.valueSpan.col + parts.value.hostStart;
        const hint = host.error && parts.value.host.includes(':') && !entry.value.startsWith('[') ? ' Write IPv6 endpoints as [address]:port.' : '';
        out.push(makeFinding('invalid-address', host.error ? 'error' : 'warning', `Endpoint host "${parts.value.host}" ${problem}.${hint}`, spanOnLine(entry.line, col, col + parts.value.host.length)));
      }
    }
    return out;
  },
};
