import { type Family, formatAddress } from '../../../net/address';
import { formatPrefix } from '../../../net/prefix';
import { PrefixTrie } from '../../../trie';
import {
  type InstallInput, type InstallPlan, type InstallStep, type PlannedRoute, type PlannedRule, action, connectedPrefix, hookText,
  ipFlag, route, sortedClaims,
} from './types';

/** The table wg-quick starts from for a /0 when no FwMark is set (it takes the next free one if 51820 is used). */
export const WG_QUICK_TABLE = 51820;

/** What `wg-quick up` runs on Linux, step by step, as `cmd_up` in wg-quick/linux.bash does. */
export function linuxPlan({ config, routing, options }: InstallInput): InstallPlan {
  const dev = options.device ?? config.name ?? 'wg0';
  const iface = config.interface;
  const steps: InstallStep[] = [];
  const routes: PlannedRoute[] = [];
  const rules: PlannedRule[] = [];
  /** Main-table routes on the device so far, per family, for wg-quick's "already covered" check. */
  const onDevice = new Map<Family, PrefixTrie<PlannedRoute>>();
  const addMain = (r: PlannedRoute): void => {
    let trie = onDevice.get(r.family);
    if (!trie) {
      trie = new PrefixTrie<PlannedRoute>(r.family);
      onDevice.set(r.family, trie);
    }
    trie.upsert(r.prefix, () => r, () => undefined);
  };
  const pre = hookText(config, ['PreUp']);
  if (pre) steps.push(action('hooks', pre));
  steps.push(action('link', 'Creates the interface.', `ip link add ${dev} type wireguard`));
  steps.push(action('config', 'Loads keys, peers and AllowedIPs; wg-quick\'s own keys are stripped first.', `wg setconf ${dev} /dev/fd/63`));
  for (const a of iface.addresses) {
    steps.push(action('address', `Assigns ${a.text}.`, `ip ${ipFlag(a.address.family)} address add ${a.text} dev ${dev}`));
    const connected = connectedPrefix(a.address, a.len);
    if (!connected) continue;
    const r = route({
      family: a.address.family, prefix: connected, table: 'main', device: dev, metric: a.address.family === 4 ? 0 : 256,
      why: 'address', sources: [a.span],
      command: `# kernel: ${formatPrefix(connected)} dev ${dev} proto kernel scope link src ${formatAddress(a.address)}`,
    });
    steps.push(r);
    routes.push(r);
    addMain(r);
  }
  steps.push(iface.mtu !== undefined
    ? action('mtu', `Sets MTU ${iface.mtu} and brings the link up.`, `ip link set mtu ${iface.mtu} up dev ${dev}`)
    : action('mtu', 'Sets the MTU to the endpoint route\'s MTU minus 80 (1420 on a 1500 link) and brings the link up.', `ip link set mtu 1420 up dev ${dev}`));
  if (iface.dns.length > 0) {
    const search = iface.searchDomains.length > 0 ? `; search ${iface.searchDomains.join(' ')}` : '';
    steps.push(action('dns', `Hands resolvconf nameserver ${iface.dns.map((d) => formatAddress(d.address)).join(', ')}${search}.`, `resolvconf -a ${dev} -m 0 -x`));
  }
  const table = iface.table;
  let policyTable: number | undefined;
  const autoDefault: Family[] = [];
  if (table.kind === 'off') steps.push(action('note', 'Table = off: wg-quick adds no routes at all; AllowedIPs only filter what the peers may send.'));
  for (const claim of table.kind === 'off' ? [] : sortedClaims(routing)) {
    const { prefix, span } = claim.allowed;
    const family = prefix.family;
    const text = formatPrefix(prefix);
    if (table.kind === 'table') {
      const r = route({ family, prefix, table: table.name, device: dev, metric: 0, why: 'allowed-ips', sources: [span], command: `ip ${ipFlag(family)} route add ${text} dev ${dev} table ${table.name}` });
      steps.push(r);
      routes.push(r);
      continue;
    }
    if (prefix.len > 0) {
      // wg-quick skips a prefix a route on the device already covers (`ip route show dev wg0 match`).
      const covering = onDevice.get(family)?.covering(prefix)[0]?.value;
      if (covering) {
        steps.push(action('note', `${text} is already covered by ${formatPrefix(covering.prefix)} dev ${dev}: no route is added for it.`));
        continue;
      }
      const r = route({ family, prefix, table: 'main', device: dev, metric: 0, why: 'allowed-ips', sources: [span], command: `ip ${ipFlag(family)} route add ${text} dev ${dev}` });
      steps.push(r);
      routes.push(r);
      addMain(r);
      continue;
    }
    if (policyTable === undefined) {
      policyTable = iface.fwmark !== 0 ? iface.fwmark : WG_QUICK_TABLE;
      if (iface.fwmark === 0) {
        steps.push(action('fwmark', `Marks the tunnel's own UDP packets with ${WG_QUICK_TABLE} (or the next table number not in use), so they skip table ${WG_QUICK_TABLE}.`, `wg set ${dev} fwmark ${WG_QUICK_TABLE}`));
      }
    }
    autoDefault.push(family);
    const t = String(policyTable);
    const r = route({ family, prefix, table: t, device: dev, metric: 0, why: 'allowed-ips', sources: [span], command: `ip ${ipFlag(family)} route add ${text} dev ${dev} table ${t}` });
    const not: PlannedRule = {
      kind: 'rule', family, priority: 32765, not: true, fwmark: policyTable, table: t, suppressPrefixLength: undefined,
      command: `ip ${ipFlag(family)} rule add not fwmark ${t} table ${t}`,
    };
    const suppress: PlannedRule = {
      kind: 'rule', family, priority: 32764, not: false, fwmark: undefined, table: 'main', suppressPrefixLength: 0,
      command: `ip ${ipFlag(family)} rule add table main suppress_prefixlength 0`,
    };
    steps.push(r, not, suppress);
    routes.push(r);
    rules.push(not, suppress);
    steps.push(action('firewall', `Drops packets for the interface's addresses that arrive on other interfaces, and copies the fwmark to the connection mark so replies keep it (nft table wg-quick-${dev}, or iptables).`, `nft -f /dev/fd/63`));
    if (family === 4) steps.push(action('sysctl', 'Lets reverse-path filtering use the fwmark.', 'sysctl -q net.ipv4.conf.all.src_valid_mark=1'));
  }
  const post = hookText(config, ['PostUp']);
  if (post) steps.push(action('hooks', post));
  const routesInactive = table.kind === 'off' ? 'off' : table.kind === 'table' && table.name !== 'main' && table.name !== '254' ? 'custom-table' : undefined;
  return { os: 'linux', device: dev, steps, routes, rules, policyTable, autoDefault, killSwitch: false, routesInactive, summary: summary(dev, autoDefault, policyTable, routesInactive, table.kind === 'table' ? table.name : undefined) };
}

function summary(dev: string, autoDefault: readonly Family[], table: number | undefined, inactive: InstallPlan['routesInactive'], tableName: string | undefined): string {
  if (inactive === 'off') return 'Table = off: no routes; only the addresses, DNS and hooks.';
  if (inactive === 'custom-table') return `Routes go into table ${tableName ?? ''} with no rule selecting it: they take effect only with rules you add (PostUp).`;
  if (tableName !== undefined) return `Routes go into the main table, a /0 as a plain default route via ${dev} (no fwmark rules).`;
  if (autoDefault.length === 0) return `One route per AllowedIPs prefix via ${dev} in the main table.`;
  return `The /0 goes into table ${table ?? WG_QUICK_TABLE}, selected by \`not fwmark ${table ?? WG_QUICK_TABLE}\`; \`suppress_prefixlength 0\` keeps the main table's more specific routes; the tunnel's own packets carry the fwmark and use the main table.`;
}
