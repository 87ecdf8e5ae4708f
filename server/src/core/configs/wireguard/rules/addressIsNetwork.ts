import { type Finding, makeFinding } from '../../../model';
import { bitLength, formatAddress } from '../../../net/address';
import { formatPrefix, lastAddress, prefixOf, samePrefix } from '../../../net/prefix';
import type { WgRule } from './types';

/** An interface Address that is its subnet's network (or IPv4 broadcast) address, not a host's. */
export const addressIsNetwork: WgRule = {
  code: 'address-is-network',
  check(state) {
    const out: Finding[] = [];
    for (const { config } of state.devices) {
      for (const a of config.interface.addresses) {
        const max = bitLength(a.address.family);
        // /31 and /32 (/127, /128) have no network or broadcast address to avoid.
        if (a.len >= max - 1) continue;
        const network = prefixOf(a.address, a.len);
        const host = { family: a.address.family, words: a.address.words, len: max };
        const subnet = formatPrefix(network);
        if (samePrefix(host, { ...network, len: max })) {
          const what = a.address.family === 4 ? 'the network address' : 'the subnet-router anycast address';
          out.push(makeFinding('address-is-network', 'warning',
            `${a.text} is ${what} of ${subnet}, not a host address: give the interface one of its hosts, e.g. ${formatAddress(nextHost(network))}/${a.len}.`, a.span));
        } else if (a.address.family === 4 && samePrefix(host, { ...lastAddress(network), len: max })) {
          out.push(makeFinding('address-is-network', 'warning',
            `${a.text} is the broadcast address of ${subnet}, not a host address.`, a.span));
        }
      }
    }
    return out;
  },
};

function nextHost(network: { family: 4 | 6; words: readonly number[] }): { family: 4 | 6; words: number[] } {
  const words = [...network.words];
  const last = words.length - 1;
  words[last] = ((words[last] ?? 0) + 1) >>> 0;
  return { family: network.family, words };
}
