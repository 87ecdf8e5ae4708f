import { type Finding, makeFinding } from '../../../model';
import { formatPrefix } from '../../../net/prefix';
import { parseAllowedIp, pieces } from '../values';
import type { WgRule } from './types';
import { allEntries } from './types';

/** AllowedIPs items wg cannot read (an error), or with bits set past the prefix length (wg's own warning). */
export const invalidAllowedIps: WgRule = {
  code: 'invalid-allowed-ips',
  check(state) {
    const out: Finding[] = [];
    for (const { entry } of allEntries(state)) {
      if (entry.name !== 'AllowedIPs' || entry.value === '(none)') continue;
      for (const piece of pieces(entry, 'comma')) {
        const parsed = parseAllowedIp(piece.text);
        if (!parsed.ok) {
          const what = piece.text === '' ? 'An AllowedIPs item' : `AllowedIPs item "${piece.text}"`;
          out.push(makeFinding('invalid-allowed-ips', 'error', `${what} ${parsed.reason}; wg stops on it.`, piece.span));
        } else if (parsed.value.hostBitsSet) {
          out.push(makeFinding('invalid-allowed-ips', 'warning',
            `AllowedIP has nonzero host part: ${piece.text.replace(/\s+/g, '')} (wg prints this warning and uses ${formatPrefix(parsed.value.prefix)}).`, piece.span));
        }
      }
    }
    return out;
  },
};
