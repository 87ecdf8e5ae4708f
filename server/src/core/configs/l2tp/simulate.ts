import type { Analysis } from '../../analyze';
import { defaultPrefix, hostPrefix } from '../../net/prefix';
import { type VpnChanges, type VpnRoute, configName, simulatedTable } from '../simulated';
import type { ConfigContext, SimulatedTable } from '../types';
import type { PppPlan } from './install';

/** One pppd link: its plan, and where its options came from. */
export interface PppLink {
  /** `[lac office]` for xl2tpd, empty for a plain options file. */
  readonly label: string;
  readonly plan: PppPlan;
  /** The options file that decides, when it was not read. */
  readonly unreadOptions?: string | undefined;
  readonly line?: number | undefined;
}

/** What pppd leaves in the table once each link is up (Linux, pppd 2.4.9). */
export function simulatePpp(links: readonly PppLink[], dump: Analysis | undefined, context: ConfigContext, fallbackName: string): SimulatedTable {
  const added: VpnRoute[] = [];
  const removed: VpnChanges['removed'][number][] = [];
  const notes: string[] = [];
  const dumpName = context.dumpName ?? 'the dump';
  if (context.dump && !dump) notes.push(`${dumpName} is not a Linux table, and pppd's routing is Linux routing: the prediction does not use it.`);
  for (const { label, plan, unreadOptions, line } of links) {
    const who = label === '' ? '' : `${label}: `;
    const { device, remote } = plan.settings;
    if (unreadOptions !== undefined) notes.push(`${who}the routing options are in ${unreadOptions}, which was not read: only xl2tpd.conf's own \`defaultroute\` counts.`);
    if (remote) added.push({ prefix: hostPrefix(remote), device, proto: 'kernel', scope: 'link', why: 'the peer route the kernel adds for the link', configLine: line });
    else notes.push(`${who}the peer's address comes from IPCP when the link comes up; the kernel then adds a host route for it on ${device}.`);
    const defaultLine = { prefix: defaultPrefix(4), device, scope: 'link', metric: plan.metric, why: plan.settings.replace ? 'replacedefaultroute' : 'defaultroute', configLine: line };
    switch (plan.outcome) {
      case 'added':
      case 'replaces':
        added.push(defaultLine);
        break;
      case 'unknown':
        added.push(defaultLine);
        notes.push(`${who}pppd adds the default route only when the machine has none${plan.settings.replace ? ' or it may replace one' : ''}; without a Linux dump it is shown as added.`);
        break;
      case 'blocked': {
        const first = plan.existing[0];
        notes.push(`${who}\`defaultroute\` adds nothing: pppd finds the default route${first ? ` on line ${first.span.line + 1} of ${dumpName}` : ''} and does not replace it, so traffic stays outside ${device}.`);
        break;
      }
      case 'off':
        notes.push(`${who}no \`defaultroute\`: only the peer route goes into ${device}; other traffic keeps its path.`);
        break;
    }
    if (plan.replaced) removed.push({ route: plan.replaced, why: `replacedefaultroute: pppd deletes it and adds its own through ${device}` });
    if (plan.settings.defaultroute6) notes.push(`${who}\`defaultroute6\` also gives IPv6 a default through ${device} once IPv6CP is up; it is not shown.`);
  }
  const changes: VpnChanges = { configName: configName(context.fileName, fallbackName), added, removed, rules: [], notes };
  return simulatedTable(changes, dump, context.dumpName);
}
