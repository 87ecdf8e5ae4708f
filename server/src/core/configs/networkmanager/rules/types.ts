import type { Finding } from '../../../model';
import type { NmState } from '../state';

/** One finding code: each rule reads the shared state and returns its findings. */
export interface NmRule {
  readonly code: string;
  check(state: NmState): Finding[];
}
