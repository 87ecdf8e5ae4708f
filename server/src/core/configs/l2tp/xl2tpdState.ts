import type { Analysis } from '../../analyze';
import type { Span } from '../../model';
import { type Address, parseIPv4 } from '../../net/address';
import type { ConfigContext } from '../types';
import { type PppPlan, planPpp } from './install';
import { parsePppOptions } from './pppParse';
import { type PppAnalyzeOptions, routeSettings } from './pppState';
import { isYes } from './xl2tpdKeys';
import type { Xl2tpdDocument, Xl2tpdEntry, Xl2tpdSection } from './xl2tpdParse';

/** A `[lac]` or `[lns]` section with what pppd will do for it. */
export interface Xl2tpdLink {
  readonly section: Xl2tpdSection;
  /** Every `lns` line: xl2tpd tries them in order. The address is set when the value is IPv4 (optionally `:port`). */
  readonly lnses: readonly { readonly entry: Xl2tpdEntry; readonly address: Address | undefined }[];
  readonly pppoptfile: Xl2tpdEntry | undefined;
  /** The options file's text, when the caller supplied it. */
  readonly pppOptions: string | undefined;
  /** Why the caller could not read the options file, when it exists but was not read. */
  readonly pppOptionsProblem: string | undefined;
  /** `defaultroute = yes` in the section. */
  readonly defaultroute: Xl2tpdEntry | undefined;
  readonly plan: PppPlan;
  /** Whether the routing options are known: no pppoptfile, or its text was supplied. */
  readonly optionsKnown: boolean;
}

export interface Xl2tpdState {
  readonly doc: Xl2tpdDocument;
  readonly links: readonly Xl2tpdLink[];
  readonly dump: Analysis | undefined;
  readonly foreignDump: boolean;
  readonly dumpName: string;
  /** Whether the caller said which option files exist (then a path it did not supply is missing). */
  readonly filesKnown: boolean;
  readonly version: string | undefined;
}

export interface Xl2tpdAnalyzeOptions extends PppAnalyzeOptions {
  /** The text of each pppoptfile that exists, by the path written in the config; the core reads no files. */
  readonly pppOptionFiles?: ReadonlyMap<string, string>;
  /** Files that exist but were not read (too large, unreadable), with why, by the path written in the config. */
  readonly pppOptionProblems?: ReadonlyMap<string, string>;
}

/** The last entry of a field in a section: xl2tpd keeps the last value. */
export function lastEntry(section: Xl2tpdSection, name: string): Xl2tpdEntry | undefined {
  return section.entries.filter((e) => e.info?.name === name && e.info.contexts.includes(section.kind)).pop();
}

function lnsAddress(value: string): Address | undefined {
  const colon = value.lastIndexOf(':');
  return parseIPv4(value) ?? (colon > 0 ? parseIPv4(value.slice(0, colon)) : undefined);
}

export function createXl2tpdState(doc: Xl2tpdDocument, context: ConfigContext, options: Xl2tpdAnalyzeOptions): Xl2tpdState {
  const linux = context.dump?.tables.os === 'linux';
  const dump = linux ? context.dump : undefined;
  const links = doc.sections.filter((s) => s.kind !== 'global').map((section): Xl2tpdLink => {
    const lnses = section.kind === 'lac'
      ? section.entries.filter((e) => e.info?.name === 'lns' && e.value !== '').map((entry) => ({ entry, address: lnsAddress(entry.value) }))
      : [];
    const pppoptfile = lastEntry(section, 'pppoptfile');
    const pppOptions = pppoptfile ? options.pppOptionFiles?.get(pppoptfile.value) : undefined;
    const pppOptionsProblem = pppoptfile ? options.pppOptionProblems?.get(pppoptfile.value) : undefined;
    const route = lastEntry(section, 'defaultroute');
    const defaultroute = route && isYes(route.value) ? route : undefined;
    const base = routeSettings(parsePppOptions(pppOptions ?? ''), options.device ?? 'ppp0').settings;
    const settings = defaultroute ? { ...base, defaultroute: true } : base;
    return {
      section, lnses, pppoptfile, pppOptions, pppOptionsProblem, defaultroute,
      plan: planPpp(settings, dump), optionsKnown: !pppoptfile || pppOptions !== undefined,
    };
  });
  return {
    doc, links, dump, foreignDump: context.dump !== undefined && !linux, dumpName: context.dumpName ?? 'the route dump',
    filesKnown: options.pppOptionFiles !== undefined, version: options.pppVersion,
  };
}

/** The span of a section's `[lac name]` header, for findings about the whole section. */
export const headerOf = (link: Xl2tpdLink): Span => link.section.header;
