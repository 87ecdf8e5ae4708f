import type { Finding } from '../../../model';
import type { RuleContext } from '../context';

/** One finding code, checked over an interpreted config. */
export interface OpenVpnRule {
  readonly code: string;
  check(context: RuleContext): Finding[];
}
