import { BSD_NETSTAT_PARSERS } from './bsdNetstat';
import { ipJsonParser } from './ipJson';
import { ipRouteParser } from './ipRoute';
import { ipRuleParser } from './ipRule';
import { netToolsParser } from './netTools';
import type { FormatParser } from './types';
import { WINDOWS_PARSERS } from './windowsParsers';

/** Every format parser, most specific first: detection ties go to the earlier one. */
export const PARSERS: readonly FormatParser[] = [netToolsParser, ...BSD_NETSTAT_PARSERS, ...WINDOWS_PARSERS, ipJsonParser, ipRuleParser, ipRouteParser];

/** The parser the CLI and settings can force by id. */
export function parserById(id: string): FormatParser | undefined {
  return PARSERS.find((p) => p.id === id);
}
