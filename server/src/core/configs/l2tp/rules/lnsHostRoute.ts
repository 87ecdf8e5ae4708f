import { type Finding, makeFinding } from '../../../model';
import { formatAddress } from '../../../net/address';
import { lnsPath, nowSentence } from '../lnsPath';
import type { Xl2tpdRule } from './types';

/**
 * The L2TP packets to the LNS must leave outside ppp0, or the tunnel carries itself and drops. pppd adds no
 * host route for the LNS: the `LNS via <LAN router> dev eth0` route next to `default dev ppp0` is added by hand
 * (or by NetworkManager), and that is what keeps a full-tunnel L2TP client up.
 */
export const lnsHostRoute: Xl2tpdRule = {
  code: 'lns-host-route',
  check(state) {
    const out: Finding[] = [];
    for (const { link, entry: lns, address } of state.links.flatMap((l) => l.lnses.map((x) => ({ link: l, ...x })))) {
      const span = lns.valueSpan;
      if (!address) {
        out.push(makeFinding('lns-host-route', 'information',
          `The LNS ${lns.value} is a name: its L2TP packets (UDP 1701) must leave outside ppp0, so a host route for it has to name the address it resolves to. pppd adds none; if ppp0 takes the default route, add one before connecting.`,
          span));
        continue;
      }
      const lnsText = formatAddress(address);
      const path = lnsPath(state, link, address);
      if (!path) {
        out.push(makeFinding('lns-host-route', 'information',
          `The L2TP packets to the LNS ${lnsText} (UDP 1701) must keep leaving outside ppp0. pppd adds no host route for it: if ppp0 takes the default route (replacedefaultroute, or defaultroute on a host without one), they would enter the tunnel they carry and the link drops. Working setups add \`ip route add ${lnsText} via <LAN router> dev eth0\` before connecting: the \`${lnsText} via <LAN router> dev eth0\` route seen next to \`default dev ppp0\`.`,
          span));
        continue;
      }
      const now = nowSentence(path, state.dumpName);
      if (path.pinned) {
        out.push(makeFinding('lns-host-route', 'information',
          `The LNS ${lnsText} leaves ${now}: that route is more specific than any default, so its L2TP packets stay outside ppp0 whatever default pppd installs. It is the \`${lnsText} via <LAN router> dev eth0\` route of a working full-tunnel L2TP client.`,
          span, { related: [{ span: path.pinned.span, message: `The route that keeps the LNS ${lnsText} outside the tunnel.` }] }));
      } else if (path.after?.tunnel) {
        out.push(makeFinding('lns-host-route', 'warning',
          `Once connected, the L2TP packets to the LNS ${lnsText} would go ${path.after.sentence}: the tunnel would carry its own packets and drop. ${state.dumpName} sends them ${now} today, by a default route only. Add \`${path.command}\` before connecting.`,
          span));
      } else {
        const unknown = link.optionsKnown ? '' : ` (the pppoptfile ${link.pppoptfile?.value ?? ''} was not read, so whether ppp0 takes the default is unknown)`;
        out.push(makeFinding('lns-host-route', 'information',
          `The LNS ${lnsText} leaves ${now}, by ${path.now.route && path.now.route.prefix.len === 0 ? 'the default route' : 'that route'}: fine while ppp0 does not take the default${unknown}. If it does, the tunnel would carry its own packets; add \`${path.command}\` first.`,
          span));
      }
    }
    return out;
  },
};
