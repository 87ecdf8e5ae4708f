import { getNetRouteParser } from './getNetRoute';
import { ipconfigParser } from './ipconfig';
import type { FormatParser } from './types';
import { windowsRoutePrintParser } from './windowsRoutePrint';

/** The Windows formats, for the registry: `route print`, Get-NetRoute and ipconfig. */
export const WINDOWS_PARSERS: readonly FormatParser[] = [windowsRoutePrintParser, getNetRouteParser, ipconfigParser];
