import type { Analysis } from '../analyze';
import type { Finding, Span } from '../model';

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
}

/** The machine's routing table, when a dump of it is known, to predict what connecting does. */
export interface ConfigContext {
  readonly dump?: Analysis;
  /** Where the dump came from, for messages: `routes.txt`. */
  readonly dumpName?: string;
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
