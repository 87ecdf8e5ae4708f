import { type Finding, makeFinding } from '../../../model';
import { parseIPv4 } from '../../../net/address';
import { predictAddress } from '../install';
import type { PppRule } from './types';

/** No default route through ppp0: a split tunnel by omission, where only the peer's /32 enters the tunnel. */
export const noDefaultRoute: PppRule = {
  code: 'no-default-route',
  check(state) {
    const out: Finding[] = [];
    const device = state.settings.device;
    if (state.spans.replace && !state.settings.defaultroute) {
      out.push(makeFinding('no-default-route', 'information',
        '`replacedefaultroute` is a flag to `defaultroute`, which is not set: it changes nothing here.', state.spans.replace));
    }
    if (state.settings.defaultroute) return out;
    let rest = 'everything else keeps following the existing routes';
    const probe = parseIPv4('192.0.2.1');
    if (state.dump && probe) {
      const p = predictAddress(state.plan, state.dump, state.dumpName, probe);
      const route = p?.resolution.route;
      if (p && route && route.prefix.len === 0) rest = `everything else keeps leaving ${p.sentence}`;
    }
    const how = state.spans.nodefaultroute ? '`nodefaultroute`: pppd adds no default route' : 'Neither `defaultroute` nor `replacedefaultroute` is set: pppd adds no default route';
    out.push(makeFinding('no-default-route', 'information',
      `${how}. Only the peer's /32 goes into ${device}; ${rest}. That is a split tunnel by omission: networks behind the VPN need routes of their own (an /etc/ppp/ip-up.d script).`,
      state.spans.nodefaultroute ?? state.anchor));
    return out;
  },
};
