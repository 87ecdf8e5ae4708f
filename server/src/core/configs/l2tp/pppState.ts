import type { Analysis } from '../../analyze';
import type { Span } from '../../model';
import type { ConfigContext } from '../types';
import { type PppPlan, type PppRouteSettings, planPpp } from './install';
import type { PppDocument } from './pppParse';

/** Where the routing options sit, for findings and hovers (the last occurrence, which is the one pppd keeps). */
export interface RouteOptionSpans {
  readonly defaultroute?: Span;
  readonly nodefaultroute?: Span;
  readonly replace?: Span;
  readonly metric?: Span;
  readonly usepeerdns?: Span;
}

/** Everything the pppd rules and hovers read. */
export interface PppState {
  readonly doc: PppDocument;
  readonly settings: PppRouteSettings;
  readonly spans: RouteOptionSpans;
  readonly plan: PppPlan;
  /** The dump, only when it is a Linux one (pppd's routing is Linux routing here). */
  readonly dump: Analysis | undefined;
  /** A dump from another OS, which the prediction cannot use. */
  readonly foreignDump: boolean;
  readonly dumpName: string;
  /** pppd's version on the machine, when the caller knows it (`2.4.9`). */
  readonly version: string | undefined;
  /** Where whole-file findings go: the first option, or the first line. */
  readonly anchor: Span;
}

export interface PppAnalyzeOptions {
  readonly device?: string;
  readonly pppVersion?: string;
}

/** pppd reads options in order and the last word of a pair wins. */
export function routeSettings(doc: PppDocument, device: string): { settings: PppRouteSettings; spans: RouteOptionSpans } {
  let defaultroute = false;
  let replace = false;
  let defaultroute6 = false;
  let metric: number | undefined;
  const spans: { -readonly [K in keyof RouteOptionSpans]: Span } = {};
  for (const o of doc.options) {
    if (o.rejected) continue;
    switch (o.name) {
      case 'defaultroute': defaultroute = true; spans.defaultroute = o.nameSpan; delete spans.nodefaultroute; break;
      case 'nodefaultroute': defaultroute = false; spans.nodefaultroute = o.nameSpan; delete spans.defaultroute; break;
      case 'replacedefaultroute': replace = true; spans.replace = o.nameSpan; break;
      case 'noreplacedefaultroute': replace = false; delete spans.replace; break;
      case 'defaultroute6': defaultroute6 = true; break;
      case 'nodefaultroute6': defaultroute6 = false; break;
      case 'usepeerdns': spans.usepeerdns = o.nameSpan; break;
      case 'defaultroute-metric': {
        const n = o.arg ? Number.parseInt(o.arg.text, 10) : Number.NaN;
        if (!Number.isNaN(n)) {
          metric = n;
          spans.metric = o.arg?.span ?? o.nameSpan;
        }
        break;
      }
    }
  }
  const remote = doc.addresses.map((a) => a.remote?.address).filter((a) => a !== undefined).pop();
  return { settings: { defaultroute, replace, metric, defaultroute6, remote, device }, spans };
}

export function createPppState(doc: PppDocument, context: ConfigContext, options: PppAnalyzeOptions): PppState {
  const { settings, spans } = routeSettings(doc, options.device ?? 'ppp0');
  const linux = context.dump?.tables.os === 'linux';
  const dump = linux ? context.dump : undefined;
  const first = doc.options[0]?.nameSpan ?? doc.unknown[0]?.span;
  return {
    doc, settings, spans, plan: planPpp(settings, dump), dump, foreignDump: context.dump !== undefined && !linux,
    dumpName: context.dumpName ?? 'the route dump', version: options.pppVersion,
    anchor: first ?? { line: 0, col: 0, endLine: 0, endCol: (doc.lines[0] ?? '').length },
  };
}

/** The pppd version clause for messages about replacedefaultroute. */
export function versionNote(version: string | undefined): string {
  const here = version ? `pppd ${version} (this machine)` : 'pppd 2.4.9 (Debian 12)';
  return `${here} has \`replacedefaultroute\` (long a Debian patch, upstream since 2.4.9); upstream pppd removed it in 2025 ("Rework default route handling", ppp-project/ppp#544), where \`defaultroute\` always adds its default at \`defaultroute-metric\`, so a metric below the existing default's is the way there.`;
}
