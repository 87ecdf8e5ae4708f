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
}

/** The machine's routing table, when a dump of it is known, to predict what connecting does. */
export interface ConfigContext {
  readonly dump?: Analysis;
  /** Where the dump came from, for messages: `routes.txt`. */
  readonly dumpName?: string;
  /** The config's own file name (`wg0.conf`): some tools name the interface after it. */
  readonly fileName?: string;
}

/** One config family: how to recognise it and how to analyse it. */
export interface ConfigFamily {
  /** The language id the editor uses for it. */
  readonly languageId: string;
  readonly label: string;
  /** Share (0 to 1) of the text's first lines that look like this family. */
  score(sample: readonly string[]): number;
  analyze(text: string, context: ConfigContext): ConfigAnalysis;
}

/** The text shown in place of a secret value anywhere. */
export const HIDDEN = '(hidden)';
