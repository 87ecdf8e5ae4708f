import type { Span } from '../../../model';
import type { Address } from '../../../net/address';
import type { Prefix } from '../../../net/prefix';
import type { Directive } from '../model';

/** A route OpenVPN added or deleted, as its log shows the command. */
export interface LogRoute {
  readonly action: 'add' | 'del';
  readonly prefix: Prefix;
  readonly gateway?: Address;
  readonly device?: string;
  readonly metric?: number;
  /** The message part of the line. */
  readonly span: Span;
  /** The command or netlink call, for messages: `ip route add 0.0.0.0/1 via 10.8.0.5`. */
  readonly text: string;
  /** The log reports an error right after it. */
  readonly failed?: string;
  /** Logged after `Initialization Sequence Completed`: a deletion then is teardown. */
  readonly afterInit: boolean;
  /** Which connection attempt of the log it belongs to; restarts start a new one. */
  readonly session: number;
}

/** The machine's default gateway as OpenVPN found it before connecting. */
export interface LogGateway {
  readonly address?: Address;
  /** The subnet around the gateway, from its netmask. */
  readonly lan?: Prefix;
  readonly device?: string;
  readonly span: Span;
}

export interface PushReply {
  readonly line: number;
  /** Each option of the reply, parsed like a config line. */
  readonly options: readonly Directive[];
}

export interface FilterEvent {
  readonly action: 'removed' | 'rejected' | 'accepted';
  readonly option: string;
  readonly span: Span;
}

export interface ConflictWarning {
  readonly lan: Prefix;
  readonly vpn: Prefix;
  readonly span: Span;
}

/** What one OpenVPN log tells about a connection. */
export interface ParsedLog {
  readonly lines: readonly string[];
  readonly routes: readonly LogRoute[];
  readonly pushes: readonly PushReply[];
  readonly filters: readonly FilterEvent[];
  readonly gateway4?: LogGateway;
  readonly gateway6?: LogGateway;
  readonly device?: { readonly name: string; readonly span: Span };
  /** Addresses given to the tunnel device (`net_addr_v4_add`, `ip addr add`). */
  readonly tunnelNetworks: readonly { readonly prefix: Prefix; readonly span: Span; readonly session: number }[];
  readonly conflicts: readonly ConflictWarning[];
  /** The servers connected to: `Peer Connection Initiated with [AF_INET]198.51.100.7:1194`. */
  readonly servers: readonly { readonly address: Address; readonly span: Span }[];
  readonly secrets: readonly Span[];
}
