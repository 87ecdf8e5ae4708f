/**
 * Reads an `ip` command line the way iproute2 does: global options match by prefix
 * (`-j` is `-json`, `-n NS` is `-netns`), objects match by prefix in iproute2's own order (`r` is route, `ru` rule).
 */
import { MAIN_TABLE, tableId, tableName } from '../tables';
import type { PastedCommand } from './shellPrompt';

export interface IpCommand {
  readonly json: boolean;
  readonly family?: 4 | 6;
  /** The object's full name: `route`, `rule`, `address`... */
  readonly object: string;
  /** The table named after `table`, unless it is `all` or `cache`. */
  readonly table?: string;
}

/** Global options in the order iproute2 tests them; `true` when the option takes a value. */
const OPTIONS: readonly (readonly [string, boolean])[] = [
  ['-loops', true], ['-family', true], ['-stats', false], ['-statistics', false], ['-details', false],
  ['-resolve', false], ['-oneline', false], ['-timestamp', false], ['-tshort', false], ['-Version', false],
  ['-force', false], ['-batch', true], ['-rcvbuf', true], ['-color', false], ['-help', false], ['-netns', true],
  ['-Numeric', false], ['-all', false], ['-json', false], ['-pretty', false], ['-brief', false], ['-iec', false],
  ['-echo', false],
];

const EXACT = new Set(['-4', '-6', '-0', '-B', '-M']);

/** iproute2's object table order decides what an abbreviation means. */
const OBJECTS = [
  'address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link', 'l2tp',
  'fou', 'ila', 'macsec', 'tunnel', 'tuntap', 'tap', 'token', 'tcpmetrics', 'tcp_metrics', 'monitor', 'xfrm',
  'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'nexthop', 'mptcp', 'ioam', 'stats', 'help',
];

/** iproute2's `matches()`: the word is a non-empty prefix of the keyword. */
export function matches(word: string, keyword: string): boolean {
  return word.length > 0 && word.length <= keyword.length && keyword.startsWith(word);
}

/** Undefined when the command is not `ip` or its options do not parse. */
export function ipCommand(cmd: PastedCommand): IpCommand | undefined {
  const argv = cmd.argv;
  if (argv[0] !== 'ip') return undefined;
  let json = false;
  let family: 4 | 6 | undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    let a = argv[i] ?? '';
    if (!a.startsWith('-')) break;
    if (a.startsWith('--')) a = a.slice(1);
    if (EXACT.has(a)) {
      if (a === '-4') family = 4;
      else if (a === '-6') family = 6;
      continue;
    }
    const name = a.includes('=') && matches(a.slice(0, a.indexOf('=')), '-color') ? '-color' : a;
    const option = OPTIONS.find(([keyword]) => matches(name, keyword));
    if (!option) return undefined;
    if (option[0] === '-json') json = true;
    if (option[0] === '-family') {
      const f = argv[i + 1];
      if (f === 'inet6') family = 6;
      else if (f === 'inet') family = 4;
    }
    if (option[1]) i++;
  }
  const word = argv[i];
  const object = word === undefined ? undefined : OBJECTS.find((o) => matches(word, o));
  if (!object) return undefined;
  const rest = argv.slice(i + 1);
  let table: string | undefined;
  for (let k = 0; k < rest.length; k++) {
    const w = rest[k] ?? '';
    if (w.length >= 2 && matches(w, 'table')) {
      const value = rest[k + 1];
      if (value !== undefined && value !== 'all' && value !== 'cache') table = value;
    }
  }
  return { json, object, ...(family ? { family } : {}), ...(table !== undefined ? { table } : {}) };
}

/** A table as a route names it, with the id the resolver keys on. */
export interface TableRef {
  readonly table: string;
  readonly tableId: number;
}

export const MAIN: TableRef = { table: 'main', tableId: MAIN_TABLE };

/**
 * Names from /etc/iproute2/rt_tables (`vpn`, `wg`) have no id in the dump. They get an id above the kernel's 32-bit
 * range, derived from the name, so each named table stays separate and is searched only through rules, like the kernel's.
 */
export function tableRef(name: string): TableRef {
  const id = tableId(name);
  if (id !== undefined) return { table: tableName(id), tableId: id };
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return { table: name, tableId: 0x100000000 + hash };
}
