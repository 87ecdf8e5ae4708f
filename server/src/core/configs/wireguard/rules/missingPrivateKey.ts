import { type Finding, makeFinding, spanOnLine } from '../../../model';
import type { WgRule } from './types';

/** A wg-quick config without PrivateKey comes up, but cannot complete a handshake. */
export const missingPrivateKey: WgRule = {
  code: 'missing-private-key',
  check(state) {
    const out: Finding[] = [];
    if (state.doc.format !== 'wireguard' || state.doc.sections.length === 0) return out;
    for (const { config } of state.devices) {
      if (config.interface.hasPrivateKey) continue;
      const present = config.interface.section?.entries.some((e) => e.name === 'PrivateKey') ?? false;
      // A malformed key is invalid-key's finding; this one is for a key that is not there at all.
      if (present) continue;
      const span = config.interface.section?.header ?? spanOnLine(0, 0, 0);
      out.push(makeFinding('missing-private-key', 'warning', 'No PrivateKey: the interface comes up without one and cannot complete a handshake until it is set (wg set <interface> private-key <file>).', span));
    }
    return out;
  },
};
