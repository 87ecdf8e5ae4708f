import type { Finding } from '../../../../model';
import type { LogConnection } from '../connection';

/** One finding code, checked over a log. */
export interface LogRule {
  readonly code: string;
  check(connection: LogConnection): Finding[];
}
