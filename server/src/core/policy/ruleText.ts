import type { PolicyRule } from '../model';

/** Selectors in the order `ip rule` prints them. */
const ORDER = ['from', 'to', 'tos', 'dsfield', 'dscp', 'fwmark', 'iif', 'oif', 'uidrange', 'ipproto', 'sport', 'dport', 'tun_id', 'flowlabel'];
const AFTER = ['suppress_prefixlength', 'suppress_ifgroup', 'realms'];
const HIDDEN = new Set([...ORDER, ...AFTER, 'goto', 'detached', 'unresolved', 'l3mdev', 'proto', 'map-to']);

/** A rule in `ip rule` words without its priority, `from all` left out: `not fwmark 0xca6c lookup 51820`. */
export function ruleText(rule: PolicyRule): string {
  const s = rule.selectors;
  const words: string[] = [];
  if (rule.not) words.push('not');
  for (const key of ORDER) {
    const value = s[key];
    if (value === undefined || (key === 'from' && value === 'all')) continue;
    words.push(key, value);
  }
  for (const [key, value] of Object.entries(s)) {
    if (!HIDDEN.has(key)) words.push(value === '' ? key : `${key} ${value}`);
  }
  // `from all` alone says the rule matches everything.
  if (words.length === 0) words.push('from', 'all');
  switch (rule.action) {
    case 'lookup':
      words.push('lookup', s.l3mdev !== undefined ? '[l3mdev-table]' : rule.table ?? '?');
      break;
    case 'goto':
      words.push('goto', s.goto ?? '?');
      break;
    default:
      words.push(rule.action);
  }
  for (const key of AFTER) {
    const value = s[key];
    if (value !== undefined) words.push(key, value);
  }
  return words.join(' ');
}
