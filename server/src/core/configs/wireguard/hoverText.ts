import { code } from '../../explain/markdown';
import { type Address, formatAddress } from '../../net/address';
import { type Prefix, formatPrefix, samePrefix } from '../../net/prefix';
import { type EndpointVerdict, endpointVerdict } from './endpointPath';
import { INSTALL_OSES, type InstallOs, type InstallPlan } from './install';
import { type WgPeer, endpointText } from './model';
import { type Claim, identity } from './routing';
import type { Device, WgState } from './state';

const OS_TITLE: Readonly<Record<InstallOs, string>> = {
  linux: 'Linux (wg-quick)',
  macos: 'macOS (wg-quick)',
  windows: 'Windows (WireGuard app)',
};

/** `peer "laptop" (line 12)` in markdown. */
export function peerMd(peer: WgPeer): string {
  return `peer ${code(peer.name)} (line ${peer.section.header.line + 1})`;
}

function claimMd(claim: Claim): string {
  return `${code(formatPrefix(claim.allowed.prefix))} of ${peerMd(claim.peer)}`;
}

/** Which peer receives an address, and where it leaves the machine once connected when a dump is known. */
export function addressMarkdown(state: WgState, device: Device, address: Address): string {
  const text = formatAddress(address);
  const candidates = device.routing.containing(address);
  const winner = candidates[0];
  const lines: string[] = [];
  if (!winner) {
    lines.push(`**${text} → no peer.**`, '', 'No AllowedIPs contain it: the tunnel does not carry it, and packets from it that arrive through the tunnel are dropped.');
  } else {
    lines.push(`**${text} → ${peerMd(winner.peer)}**`, '');
    const losers = candidates.slice(1, 4).map(claimMd);
    lines.push(losers.length > 0
      ? `Cryptokey routing takes the longest AllowedIPs prefix over all peers: ${claimMd(winner)} beats ${losers.join(', ')}.`
      : `It is inside ${claimMd(winner)}, the only AllowedIPs entry that contains it.`);
    if (device.config.interface.table.kind === 'off') lines.push('', 'Table = off: wg-quick installs no route, so packets reach the tunnel only through routes you add.');
  }
  const endpointOf = device.config.peers.find((p) => p.endpoint?.address && formatAddress(p.endpoint.address) === text);
  if (endpointOf) {
    lines.push('', ...endpointLines(state, device, address, endpointOf));
  } else {
    const prediction = state.predict(device, address);
    if (prediction) lines.push('', `**Once connected** (${state.dumpName}): ${prediction.sentence}.`);
  }
  return lines.join('\n');
}

function endpointLines(state: WgState, device: Device, address: Address, peer: WgPeer): string[] {
  const v: EndpointVerdict = endpointVerdict(state, device, address);
  const out = [`**Endpoint of ${peerMd(peer)}.** The tunnel's own UDP packets to it:`, ''];
  const linux: Record<EndpointVerdict['linux'], string> = {
    outside: 'leave by the machine\'s own routes; no tunnel route contains it.',
    'exempt-fwmark': 'leave outside: they carry the fwmark, so the /0\'s table does not apply to them.',
    'exempt-dump': `leave outside: a more specific route in ${state.dumpName} wins over the tunnel's route.`,
    loop: `would be routed into the tunnel by ${v.linuxRoute ? code(formatPrefix(v.linuxRoute.prefix)) : 'a tunnel route'} and dropped as a routing loop.`,
    'table-off': 'leave by your own routes (Table = off).',
    'custom-table': 'leave by the main table; the tunnel\'s routes sit in a table no rule selects.',
  };
  const macos: Record<EndpointVerdict['macos'], string> = {
    outside: 'leave by the machine\'s own routes.',
    'exempt-host-route': 'leave outside by the host route wg-quick adds via the default gateway.',
    loop: `would be routed into the tunnel by ${v.macosRoute ? code(formatPrefix(v.macosRoute.prefix)) : 'a tunnel route'} (no host route without a /0).`,
    'table-off': 'leave by your own routes (Table = off).',
  };
  out.push(`- Linux: ${linux[v.linux]}`, `- macOS: ${macos[v.macos]}`, '- Windows: leave outside; the driver never sends them into its own tunnel.');
  if (v.prediction) out.push('', `**Once connected** (${state.dumpName}): ${v.prediction.sentence}.`);
  return out;
}

/** Which peers receive the addresses of a prefix. */
export function prefixMarkdown(device: Device, prefix: Prefix): string {
  const text = formatPrefix(prefix);
  const routing = device.routing;
  const covering = routing.coveringClaim(prefix);
  const lines: string[] = [];
  const dropped = routing.lost.find((l) => l.reason === 'identical' && samePrefix(l.claim.allowed.prefix, prefix));
  if (covering) {
    const mine = identity(covering.peer);
    const others = routing.frontier(prefix, (c) => identity(c.peer) !== mine, 6);
    lines.push(`**${text} → ${peerMd(covering.peer)}**${others.length > 0 ? ', except:' : ''}`);
    for (const c of others) lines.push(`- ${code(formatPrefix(c.allowed.prefix))} → ${peerMd(c.peer)}`);
    lines.push('', 'Cryptokey routing takes the longest AllowedIPs prefix over all peers.');
  } else {
    const parts = routing.frontier(prefix, () => true, 6);
    lines.push(parts.length > 0 ? `**${text}** is split: no AllowedIPs contain all of it.` : `**${text} → no peer.** No AllowedIPs overlap it.`);
    for (const c of parts) lines.push(`- ${code(formatPrefix(c.allowed.prefix))} → ${peerMd(c.peer)}`);
    if (parts.length > 0) lines.push('- the rest → no peer (outside the tunnel)');
  }
  if (dropped?.winner) {
    lines.push('', `The entry of ${peerMd(dropped.claim.peer)} is dropped: ${peerMd(dropped.winner.peer)} lists the same prefix later, and wg gives it to the last one.`);
  }
  return lines.join('\n');
}

/** A peer's AllowedIPs, net of what other peers take, plus its endpoint; never a key. */
export function peerMarkdown(device: Device, peer: WgPeer): string {
  const routing = device.routing;
  const mine = identity(peer);
  const lines = [`**Peer ${code(peer.name)}** (line ${peer.section.header.line + 1})`, ''];
  const receives: string[] = [];
  const loses: string[] = [];
  for (const a of peer.allowedIps) {
    const claim = routing.claimFor(a);
    if (!claim) {
      const lost = routing.lostFor(a);
      loses.push(`${code(formatPrefix(a.prefix))}${lost?.winner ? ` → ${peerMd(lost.winner.peer)}` : lost?.replacedBy ? ` (replaced by the section on line ${lost.replacedBy.section.header.line + 1})` : ''}`);
      continue;
    }
    const others = routing.frontier(a.prefix, (c) => identity(c.peer) !== mine, 3);
    receives.push(others.length === 0 ? code(formatPrefix(a.prefix))
      : `${code(formatPrefix(a.prefix))} except ${others.map((c) => `${code(formatPrefix(c.allowed.prefix))} → ${peerMd(c.peer)}`).join(', ')}`);
  }
  lines.push(receives.length > 0 ? `Receives: ${receives.join('; ')}.` : 'Receives no addresses: no AllowedIPs of its own take effect.');
  if (loses.length > 0) lines.push('', `Listed but not received: ${loses.join('; ')}.`);
  const facts: string[] = [];
  if (peer.endpoint) facts.push(`endpoint ${code(endpointText(peer.endpoint))}`);
  else facts.push('no endpoint (it must contact this side first)');
  if (peer.keepalive) facts.push(`keepalive every ${peer.keepalive} s`);
  if (peer.hasPresharedKey) facts.push('preshared key set (hidden)');
  lines.push('', `${facts.join(' · ')}.`);
  return lines.join('\n');
}

/** What bringing the interface up installs, per OS; the dump's OS first when a dump is known. */
export function installMarkdown(state: WgState, device: Device): string {
  const order = state.dumpOs ? [state.dumpOs, ...INSTALL_OSES.filter((o) => o !== state.dumpOs)] : INSTALL_OSES;
  const out = ['**What bringing this tunnel up installs**'];
  for (const os of order) out.push('', ...planLines(device.plan(os)));
  return out.join('\n');
}

function planLines(plan: InstallPlan): string[] {
  const commands: string[] = [];
  const notes: string[] = [];
  for (const step of plan.steps) {
    // The Windows service runs no commands of its own to show; its steps read best as a list.
    if (plan.os === 'windows') notes.push(step.kind === 'route' || step.kind === 'rule' ? step.command : step.text);
    else if (step.kind === 'route' || step.kind === 'rule') commands.push(step.command);
    else if (step.command !== undefined) commands.push(step.command);
    else notes.push(step.text);
  }
  const lines = [`**${OS_TITLE[plan.os]}**: ${plan.summary}`];
  if (commands.length > 0) lines.push('```sh', ...commands.slice(0, 24), ...(commands.length > 24 ? [`# … ${commands.length - 24} more`] : []), '```');
  if (notes.length > 0) lines.push(...notes.slice(0, 12).map((n) => `- ${n}`));
  return lines;
}
