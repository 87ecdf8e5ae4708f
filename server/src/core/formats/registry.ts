import { ipRouteParser } from './ipRoute';
import type { FormatParser } from './types';

/** Every format parser, most specific first: detection ties go to the earlier one. */
export const PARSERS: readonly FormatParser[] = [ipRouteParser];

/** The parser the CLI and settings can force by id. */
export function parserById(id: string): FormatParser | undefined {
  return PARSERS.find((p) => p.id === id);
}
