// L2TP over PPP: xl2tpd.conf and the pppd options files it hands to pppd.
import type { ConfigContext, ConfigFamily } from '../types';
import { analyzePppOptions, scorePppOptions } from './ppp';
import { analyzePppSecrets, scorePppSecrets } from './secrets';
import { type Xl2tpdAnalysis, analyzeXl2tpd, scoreXl2tpd } from './xl2tpd';
import type { Xl2tpdAnalyzeOptions } from './xl2tpdState';

export type { DefaultOutcome, PppPlan, PppPrediction, PppRouteSettings } from './install';
export { defaultRouteDiff, planPpp, predictAddress } from './install';
export { type PppOptionsAnalysis, analyzePppOptions, scorePppOptions } from './ppp';
export type { PppAnalyzeOptions } from './pppState';
export { type PppSecret, type PppSecretsAnalysis, analyzePppSecrets, scorePppSecrets } from './secrets';
export { type Xl2tpdAnalysis, analyzeXl2tpd, scoreXl2tpd } from './xl2tpd';
export type { Xl2tpdAnalyzeOptions } from './xl2tpdState';

/** xl2tpd.conf: its own language, since its syntax (`;`, sections, `field = value`) is not pppd's. */
export const xl2tpdFamily: ConfigFamily = {
  languageId: 'xl2tpd',
  label: 'xl2tpd',
  score: scoreXl2tpd,
  analyze: (text, context) => analyzeXl2tpd(text, context, relatedOptions(context)),
  referencedFiles: (analysis) => ('pppOptionFiles' in analysis ? (analysis as Xl2tpdAnalysis).pppOptionFiles : []),
};

/** The pppoptfile texts the caller read; any read at all makes the paths it did not find missing. */
function relatedOptions(context: ConfigContext): Xl2tpdAnalyzeOptions {
  const byPath = context.related?.byPath;
  if (!byPath) return {};
  const texts = new Map<string, string>();
  const problems = new Map<string, string>();
  for (const [path, file] of byPath) {
    if ('text' in file) texts.set(path, file.text);
    else problems.set(path, file.problem);
  }
  return { pppOptionFiles: texts, pppOptionProblems: problems };
}

/** pppd options files: /etc/ppp/options*, /etc/ppp/peers/NAME and xl2tpd's pppoptfile. */
export const pppOptionsFamily: ConfigFamily = {
  languageId: 'ppp-options',
  label: 'pppd options',
  score: scorePppOptions,
  analyze: (text, context) => analyzePppOptions(text, context),
};

/** /etc/ppp/chap-secrets and pap-secrets: every secret is hidden everywhere. */
export const pppSecretsFamily: ConfigFamily = {
  languageId: 'ppp-secrets',
  label: 'pppd secrets',
  score: scorePppSecrets,
  analyze: (text, context) => analyzePppSecrets(text, context),
};
