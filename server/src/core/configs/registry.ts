import { pppOptionsFamily, pppSecretsFamily, xl2tpdFamily } from './l2tp';
import { networkmanagerFamily } from './networkmanager';
import { openvpnFamily } from './openvpn';
import { strongswanFamily } from './strongswan';
import type { TextLines } from '../formats/textLines';
import type { ConfigFamily } from './types';
import { wireguardFamily } from './wireguard';

/** Every VPN config family Route Lens reads. */
export const CONFIG_FAMILIES: readonly ConfigFamily[] = [
  wireguardFamily, openvpnFamily, networkmanagerFamily, strongswanFamily, xl2tpdFamily, pppOptionsFamily, pppSecretsFamily,
];

/** File endings that name a family outright. */
const BY_EXTENSION: readonly [RegExp, string][] = [
  [/\.ovpn$/i, 'openvpn'],
  [/\.nmconnection$/i, 'networkmanager'],
  [/(?:^|[/\\])xl2tpd\.conf$/i, 'xl2tpd'],
  [/(?:^|[/\\])(?:chap|pap)-secrets$/i, 'ppp-secrets'],
  [/(?:^|[/\\])ppp[/\\](?:options(?:\.[^/\\]*)?|peers[/\\][^/\\]+)$|(?:^|[/\\])options\.x?l2tpd[^/\\]*$|(?:^|[/\\])\.ppprc$/i, 'ppp-options'],
  [/(?:^|[/\\])(?:ipsec\.conf|ipsec\.secrets|swanctl\.conf)$|\.swanctl\.conf$|\.secrets$/i, 'strongswan'],
];

const SAMPLE_LINES = 60;
const MIN_SCORE = 0.5;

export function familyForLanguage(languageId: string): ConfigFamily | undefined {
  return CONFIG_FAMILIES.find((f) => f.languageId === languageId);
}

/** The family a file belongs to, by its name first and then by its first lines. */
export function detectConfigFamily(text: string | TextLines, fileName = ''): ConfigFamily | undefined {
  const named = BY_EXTENSION.find(([pattern]) => pattern.test(fileName))?.[1];
  if (named) return familyForLanguage(named);
  const sample = firstLines(typeof text === 'string' ? text : text.head(SAMPLE_LINES), SAMPLE_LINES);
  let best: ConfigFamily | undefined;
  let bestScore = MIN_SCORE;
  for (const family of CONFIG_FAMILIES) {
    const score = family.score(sample);
    if (score >= bestScore) {
      best = family;
      bestScore = score;
    }
  }
  return best;
}

/** The first `count` lines without splitting a whole (possibly huge) document. */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < count && start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines.push(text.slice(start, Math.min(end, start + 4096)).replace(/\r$/, ''));
    start = end + 1;
  }
  return lines;
}
