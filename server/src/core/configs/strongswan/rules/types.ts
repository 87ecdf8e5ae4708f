import type { Finding } from '../../../model';
import type { SwanState } from '../state';

/** One finding code: each rule reads the shared state and returns its findings. */
export interface SwanRule {
  readonly code: string;
  check(state: SwanState): Finding[];
}
