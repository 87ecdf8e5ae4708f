import type { Severity } from '../core/model';

export type SarifLevel = 'error' | 'warning' | 'note';

/** What reports say about a diagnostic code, beyond each finding's own message. */
export interface RuleInfo {
  readonly id: string;
  /** PascalCase, as SARIF viewers show rule names. */
  readonly name: string;
  readonly shortDescription: string;
  readonly fullDescription: string;
  readonly level: SarifLevel;
  readonly tags: readonly string[];
}

/** Every code the core emits today; codes it adds later still get a generic entry. */
export const KNOWN_RULES: readonly RuleInfo[] = [
  {
    id: 'shadowed-route',
    name: 'ShadowedRoute',
    shortDescription: 'Route the kernel never selects.',
    fullDescription: 'Another route always wins over this one: a route for the same prefix with a lower metric, '
      + 'one listed first, one in a table searched earlier, or more specific routes that together cover the whole '
      + 'prefix (as OpenVPN\'s 0.0.0.0/1 and 128.0.0.0/1 do to the default route). The route has no effect.',
    level: 'warning',
    tags: ['routing', 'correctness'],
  },
  {
    id: 'split-tunnel-exception',
    name: 'SplitTunnelException',
    shortDescription: 'Traffic that leaves outside the VPN tunnel.',
    fullDescription: 'A tunnel interface carries a covering route, often the default, while a more specific route '
      + 'sends part of that range out of a physical interface, so that traffic is not protected by the VPN. '
      + 'A host route to the VPN server itself is expected and reported as a note.',
    level: 'warning',
    tags: ['routing', 'vpn'],
  },
  {
    id: 'parse-error',
    name: 'ParseError',
    shortDescription: 'Line that is not valid `ip route` output.',
    fullDescription: 'The line could not be read as a route: an unknown destination, a malformed address or a '
      + 'keyword without its value. The line is left out of the analysis.',
    level: 'error',
    tags: ['syntax'],
  },
  {
    id: 'unknown-keyword',
    name: 'UnknownKeyword',
    shortDescription: 'Route attribute the analyser does not know.',
    fullDescription: 'The keyword is not one iproute2 prints. It is kept as an attribute but does not take part '
      + 'in route selection; check it for a typo.',
    level: 'note',
    tags: ['syntax'],
  },
  {
    id: 'invalid-prefix',
    name: 'InvalidPrefix',
    shortDescription: 'Prefix with bits set past its length.',
    fullDescription: 'The destination has host bits set (such as 10.0.0.1/8). The kernel rejects such a prefix '
      + 'with "Invalid prefix for given prefix length"; the analysis reads it with those bits cleared.',
    level: 'warning',
    tags: ['syntax', 'correctness'],
  },
  {
    id: 'binary-file',
    name: 'BinaryFile',
    shortDescription: 'Binary file instead of a routing-table dump.',
    fullDescription: 'The file holds binary data, not the text `ip route` prints, so nothing in it was analysed.',
    level: 'error',
    tags: ['input'],
  },
];

const BY_ID = new Map(KNOWN_RULES.map((rule) => [rule.id, rule]));

export function ruleInfo(code: string, severity: Severity): RuleInfo {
  return BY_ID.get(code) ?? {
    id: code,
    name: code.replace(/(^|[-_])([a-z0-9])/g, (_, _sep: string, ch: string) => ch.toUpperCase()),
    shortDescription: `Route Lens check ${code}.`,
    fullDescription: `Findings of the Route Lens check ${code}.`,
    level: sarifLevel(severity),
    tags: [],
  };
}

/** SARIF has no information or hint level: both become notes. */
export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}
