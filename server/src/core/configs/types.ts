import type { Analysis } from '../analyze';
import type { Finding, Span } from '../model';
import type { Address } from '../net/address';

/** A word of hover text anchored at the text it explains. */
export interface ConfigHover {
  readonly markdown: string;
  readonly span: Span;
}

/** An outline entry of a config: a section, a peer, a connection. */
export interface ConfigSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: 'section' | 'peer' | 'connection' | 'key' | 'route';
  readonly span: Span;
  readonly selectionSpan: Span;
  readonly children: readonly ConfigSymbol[];
}

/** Where one address goes once the config is connected, for `route-lens resolve CONFIG ADDR`. */
export interface ConfigAddressAnswer {
  readonly tunnel: boolean;
  /** Who receives it inside the VPN: a peer, a connection, or the tunnel. */
  readonly receiver?: string;
  /** One sentence, markdown allowed: "goes through the tunnel (tun0) by 0.0.0.0/1 (line 3)". */
  readonly summary: string;
}

/** What one analysis of a VPN config produced. Secrets never appear in any string here. */
export interface ConfigAnalysis {
  /** Stable id: `wireguard`, `openvpn`, `openvpn-log`, `ipsec.conf`, `swanctl`, `xl2tpd`, `ppp-options`, `networkmanager`. */
  readonly format: string;
  readonly findings: readonly Finding[];
  /** Where secret values sit, so every output path can leave them out. */
  readonly secrets: readonly Span[];
  readonly symbols: readonly ConfigSymbol[];
  /** Hover at a position; `lineText` is that line's text. */
  hoverAt(lineText: string, line: number, character: number): ConfigHover | undefined;
  /** Where `address` goes once connected; families that cannot say leave it out. */
  explainAddress?(address: Address): ConfigAddressAnswer | undefined;
  /** The routing table predicted once the VPN is up; undefined for files that bring nothing up (secrets files). */
  simulate(): SimulatedTable | undefined;
}

/** One line of a simulated table, and where it comes from. */
export interface SimulatedLine {
  readonly text: string;
  /** `dump`: kept from the machine's dump; `vpn`: added by connecting; `other`: prompts and comments. */
  readonly origin: 'dump' | 'vpn' | 'other';
  /** 0-based line of the dump it was read from. */
  readonly dumpLine?: number;
  /** 0-based line of the config that asks for it. */
  readonly configLine?: number;
}

/** A dump route connecting deletes. */
export interface SimulatedRemoval {
  readonly text: string;
  readonly dumpLine: number | undefined;
  readonly why: string;
}

/**
 * The routing table predicted after the VPN comes up, as `ip route` text (and `ip rule` text when rules
 * change) that Route Lens reads back like any dump. Secrets never appear in it.
 */
export interface SimulatedTable {
  readonly text: string;
  /** One entry per line of `text`. */
  readonly lines: readonly SimulatedLine[];
  readonly removed: readonly SimulatedRemoval[];
  /** What the prediction assumed or could not show: "No dump known: only the VPN's own routes are shown." */
  readonly notes: readonly string[];
  /** The dump the prediction started from, when one was known. */
  readonly dumpName: string | undefined;
}

/** The machine's routing table, when a dump of it is known, to predict what connecting does. */
export interface ConfigContext {
  readonly dump?: Analysis;
  /** Where the dump came from, for messages: `routes.txt`. */
  readonly dumpName?: string;
  /** The config's own file name (`wg0.conf`): some tools name the interface after it. */
  readonly fileName?: string;
  /** Files the config names or sits beside, read by the caller: the core reads no files. */
  readonly related?: RelatedFiles;
}

/** What the caller found when it read a file a config names: its text, or why it has none. */
export type RelatedFile = { readonly text: string } | { readonly problem: string };

export interface RelatedFiles {
  /** Each file the config names (xl2tpd's `pppoptfile`), by the path as written; a named path left out is not known. */
  readonly byPath?: ReadonlyMap<string, RelatedFile>;
  /** Other profiles of the config's folder (NetworkManager keyfiles), by file name. */
  readonly siblings?: readonly { readonly name: string; readonly text: string }[];
}

/** One config family: how to recognise it and how to analyse it. */
export interface ConfigFamily {
  /** The language id the editor uses for it. */
  readonly languageId: string;
  readonly label: string;
  /** Share (0 to 1) of the text's first lines that look like this family. */
  score(sample: readonly string[]): number;
  analyze(text: string, context: ConfigContext): ConfigAnalysis;
  /** The files the caller should read for `context.related.byPath`, as written in the text (paths may be relative). */
  referencedFiles?(analysis: ConfigAnalysis): readonly { readonly path: string; readonly line: number }[];
  /** Files of the config's folder the caller should pass as `context.related.siblings`. */
  readonly siblingPattern?: RegExp;
}

/** The text shown in place of a secret value anywhere. */
export const HIDDEN = '(hidden)';
