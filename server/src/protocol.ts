/**
 * Route Lens's own LSP messages, shared by the server and the client (one module, never re-declared).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** A flow to resolve: the destination plus, later, the policy-routing keys of `ip route get`. */
export interface ResolveAddressParams {
  readonly uri: string;
  /** The destination, optionally followed by flow keys: `8.8.8.8 from 10.0.0.2 mark 0xca6c`. */
  readonly address: string;
  /** Flow keys in `ip route get` syntax: `from 10.0.0.2 mark 0xca6c uid 1000 iif eth0 ipproto tcp dport 443`. */
  readonly flow?: string;
}

export interface ResolvedHop {
  readonly interface: string | null;
  readonly gateway: string | null;
  readonly tunnel: boolean;
}

export interface ResolveAddressResult {
  readonly address: string;
  /** Set when the address could not be read. */
  readonly invalid?: string;
  readonly outcome: string;
  readonly error: string | null;
  readonly tunnel: boolean;
  /** One-line answer for notifications. */
  readonly summary: string;
  /** The hover-style explanation. */
  readonly markdown: string;
  /** The winning route's destination, to reveal it in the editor; null when nothing matched. */
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } } | null;
  readonly nexthops: readonly ResolvedHop[];
  /** The flow that was resolved, in `ip route get` words; absent for a plain lookup. */
  readonly flow?: string;
}

export const ResolveAddressRequest = {
  method: 'routeLens/resolveAddress',
  type: new RequestType<ResolveAddressParams, ResolveAddressResult, void>('routeLens/resolveAddress'),
} as const;

export interface EffectiveRoutesParams {
  readonly uri: string;
}

/** Per interface: the routes that can ever be selected through it and what they cover. */
export interface EffectiveRoutesResult {
  readonly markdown: string;
}

export const EffectiveRoutesRequest = {
  method: 'routeLens/effectiveRoutes',
  type: new RequestType<EffectiveRoutesParams, EffectiveRoutesResult, void>('routeLens/effectiveRoutes'),
} as const;

/** Sent after each analysis, for the status bar. */
export interface DocumentStatusParams {
  readonly uri: string;
  readonly format: string;
  /** A human name for the format, e.g. `Linux ip route`. */
  readonly formatLabel: string;
  readonly routes: number;
  readonly findings: number;
}

export const DocumentStatusNotification = {
  method: 'routeLens/documentStatus',
  type: new NotificationType<DocumentStatusParams>('routeLens/documentStatus'),
} as const;

/** Reads a document with a format the user chose instead of the detected one; `format: null` detects again. */
export interface SetFormatParams {
  readonly uri: string;
  readonly format: string | null;
}

export const SetFormatNotification = {
  method: 'routeLens/setFormat',
  type: new NotificationType<SetFormatParams>('routeLens/setFormat'),
} as const;

/** The dump formats a user can force, as the status bar offers them (a unit test keeps this list in step). */
export const FORMAT_CHOICES: readonly { readonly id: string; readonly label: string }[] = [
  { id: 'linux-ip-route', label: 'Linux ip route' },
  { id: 'linux-ip-json', label: 'Linux ip -j route / ip -j rule' },
  { id: 'linux-ip-rule', label: 'Linux ip rule' },
  { id: 'linux-net-tools', label: 'Linux route -n / netstat -rn' },
  { id: 'windows-route-print', label: 'Windows route print' },
  { id: 'windows-get-netroute', label: 'Windows Get-NetRoute' },
  { id: 'windows-ipconfig', label: 'Windows ipconfig' },
  { id: 'macos-netstat', label: 'macOS netstat -rn' },
  { id: 'freebsd-netstat', label: 'FreeBSD netstat -rn' },
  { id: 'openbsd-netstat', label: 'OpenBSD netstat -rn' },
];

/** The routing table predicted once the VPN config at `uri` is up. */
export interface SimulateConnectingParams {
  readonly uri: string;
}

export interface SimulateConnectingResult {
  /** `ip route` / `ip rule` text that Route Lens reads back as a dump; null when the document brings nothing up. */
  readonly text: string | null;
  /** Why there is no table, when `text` is null. */
  readonly reason: string | null;
  /** What the prediction assumed or left out. */
  readonly notes: readonly string[];
  /** The machine's dump it started from, when one was found. */
  readonly dumpName: string | null;
  /** 0-based lines of `text` that connecting adds. */
  readonly addedLines: readonly number[];
  /** The dump's routes that connecting deletes, as `ip route` text. */
  readonly removed: readonly string[];
}

export const SimulateConnectingRequest = {
  method: 'routeLens/simulateConnecting',
  type: new RequestType<SimulateConnectingParams, SimulateConnectingResult, void>('routeLens/simulateConnecting'),
} as const;
