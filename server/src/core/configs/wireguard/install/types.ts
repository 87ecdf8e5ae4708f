import type { Span } from '../../../model';
import { type Address, type Family, bitLength } from '../../../net/address';
import { type Prefix, prefixOf } from '../../../net/prefix';
import type { WgConfig } from '../model';
import type { CryptokeyRouting, Claim } from '../routing';

export type InstallOs = 'linux' | 'macos' | 'windows';

/** A route the tunnel's bring-up adds, in terms a predicted route table can take directly. */
export interface PlannedRoute {
  readonly kind: 'route';
  readonly family: Family;
  readonly prefix: Prefix;
  /** `main`, or the table number or name on Linux. */
  readonly table: string;
  /** The tunnel device, or the physical side for an endpoint bypass route (`undefined`: the default route's device). */
  readonly device: string | undefined;
  /** The next hop of an endpoint bypass route, when the machine's default gateway is known. */
  readonly gateway: Address | undefined;
  /** The route goes around the tunnel through the machine's current default gateway. */
  readonly viaDefaultGateway: boolean;
  readonly blackhole: boolean;
  readonly metric: number;
  /** `allowed-ips` for AllowedIPs, `address` for the kernel's connected route, `endpoint` for a bypass. */
  readonly why: 'allowed-ips' | 'address' | 'endpoint';
  /** The config text it comes from. */
  readonly sources: readonly Span[];
  readonly command: string;
}

/** A Linux policy rule wg-quick adds for a /0. */
export interface PlannedRule {
  readonly kind: 'rule';
  readonly family: Family;
  /** The priority the kernel gives it when nothing else was added before. */
  readonly priority: number;
  readonly not: boolean;
  readonly fwmark: number | undefined;
  readonly table: string;
  readonly suppressPrefixLength: number | undefined;
  readonly command: string;
}

export type ActionKind = 'link' | 'config' | 'address' | 'mtu' | 'dns' | 'hooks' | 'fwmark' | 'sysctl' | 'firewall' | 'note';

/** Any other step: a command with what it does, or a plain note. */
export interface PlannedAction {
  readonly kind: ActionKind;
  readonly command: string | undefined;
  readonly text: string;
}

export type InstallStep = PlannedRoute | PlannedRule | PlannedAction;

export interface InstallPlan {
  readonly os: InstallOs;
  /** The tunnel device name the commands use. */
  readonly device: string;
  readonly steps: readonly InstallStep[];
  readonly routes: readonly PlannedRoute[];
  readonly rules: readonly PlannedRule[];
  /** Linux: the table a /0 goes into, selected by the fwmark rule. */
  readonly policyTable: number | undefined;
  /** Families whose /0 gets the special treatment (fwmark rules on Linux, halves and endpoint routes on macOS). */
  readonly autoDefault: readonly Family[];
  /** Windows: the firewall blocks everything outside the tunnel. */
  readonly killSwitch: boolean;
  /** Table = off, or a table wg-quick routes into that no rule selects. */
  readonly routesInactive: 'off' | 'custom-table' | undefined;
  /** One sentence per OS for hovers and messages. */
  readonly summary: string;
}

export interface InstallOptions {
  /** The interface name; wg-quick takes it from the file name. */
  readonly device?: string;
  /** The machine's default gateways, for macOS's endpoint routes. */
  readonly gateways?: Partial<Record<Family, Address>>;
}

export interface InstallInput {
  readonly config: WgConfig;
  readonly routing: CryptokeyRouting;
  readonly options: InstallOptions;
}

/** AllowedIPs as wg-quick reads them back from `wg show allowed-ips`, longest prefix first (`sort -nr -k 2 -t /`). */
export function sortedClaims(routing: CryptokeyRouting): Claim[] {
  return [...routing.claims].sort((a, b) => b.allowed.prefix.len - a.allowed.prefix.len);
}

export function ipFlag(family: Family): string {
  return family === 4 ? '-4' : '-6';
}

export function route(fields: Omit<PlannedRoute, 'kind' | 'gateway' | 'viaDefaultGateway' | 'blackhole'> & Partial<PlannedRoute>): PlannedRoute {
  return { kind: 'route', gateway: undefined, viaDefaultGateway: false, blackhole: false, ...fields };
}

export function action(kind: ActionKind, text: string, command?: string): PlannedAction {
  return { kind, text, command };
}

/** The connected route the kernel adds for an interface address with a prefix shorter than a host. */
export function connectedPrefix(address: Address, len: number): Prefix | undefined {
  return len < bitLength(address.family) ? prefixOf(address, len) : undefined;
}

export function hookText(config: WgConfig, names: readonly string[]): string | undefined {
  const hooks = config.interface.hooks.filter((h) => h.name !== undefined && names.includes(h.name));
  if (hooks.length === 0) return undefined;
  const where = hooks.map((h) => `line ${h.line + 1}`).join(', ');
  return `${names.join('/')}: runs ${hooks.length} command${hooks.length === 1 ? '' : 's'} (${where}), which can change routes too.`;
}

