import type { Finding } from '../../../model';
import type { PppState } from '../pppState';
import type { Xl2tpdState } from '../xl2tpdState';

/** One finding code over a pppd options file. */
export interface PppRule {
  readonly code: string;
  check(state: PppState): Finding[];
}

/** One finding code over an xl2tpd.conf. */
export interface Xl2tpdRule {
  readonly code: string;
  check(state: Xl2tpdState): Finding[];
}
