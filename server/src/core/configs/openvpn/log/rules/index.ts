import { logDnsOutsideTunnel } from './dns';
import { logIpv6Leak } from './ipv6Leak';
import { logLanConflict } from './lanConflict';
import { logPullFilterSplit } from './pullFilter';
import { logRouteFailed } from './routeFailed';
import type { LogRule } from './types';

export const LOG_RULES: readonly LogRule[] = [logRouteFailed, logLanConflict, logIpv6Leak, logDnsOutsideTunnel, logPullFilterSplit];
