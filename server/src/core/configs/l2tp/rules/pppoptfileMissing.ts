import { type Finding, makeFinding } from '../../../model';
import type { Xl2tpdRule } from './types';

/**
 * The routing of an L2TP link lives in the pppd options file. Without `pppoptfile`, pppd reads only
 * /etc/ppp/options; with one the caller says does not exist, pppd stops before connecting.
 */
export const pppoptfileMissing: Xl2tpdRule = {
  code: 'pppoptfile-missing',
  check(state) {
    const out: Finding[] = [];
    for (const link of state.links) {
      const where = `[${link.section.kind}${link.section.name ? ` ${link.section.name}` : ''}]`;
      if (!link.pppoptfile) {
        out.push(makeFinding('pppoptfile-missing', 'information',
          `${where} names no \`pppoptfile\`: pppd gets only /etc/ppp/options and what xl2tpd passes, so whether ppp0 takes the default route or the DNS servers is decided outside this file.`,
          link.section.header));
      } else if (link.pppOptionsProblem !== undefined) {
        out.push(makeFinding('pppoptfile-missing', 'information',
          `${link.pppoptfile.value} was not read (${link.pppOptionsProblem}): its routing options are not known.`,
          link.pppoptfile.valueSpan));
      } else if (state.filesKnown && link.pppOptions === undefined) {
        out.push(makeFinding('pppoptfile-missing', 'warning',
          `${link.pppoptfile.value || 'The pppoptfile'} does not exist: pppd stops ("Can't open options file") and the link never comes up.`,
          link.pppoptfile.value ? link.pppoptfile.valueSpan : link.pppoptfile.keySpan));
      }
    }
    return out;
  },
};
