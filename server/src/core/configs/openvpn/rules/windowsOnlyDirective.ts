import { type Finding, makeFinding, spanOnLine } from '../../../model';
import type { RuleContext } from '../context';
import { DIRECTIVES } from '../directives';
import type { OpenVpnRule } from './types';
import { isTolerated, toleratedNames } from './unknownDirective';

/** Windows-only options stop OpenVPN on every other system unless the config tolerates them. */
export const windowsOnlyDirective: OpenVpnRule = {
  code: 'windows-only-directive',
  check({ config }: RuleContext): Finding[] {
    const tolerated = toleratedNames(config.parsed.directives);
    return config.parsed.directives
      .filter((d) => !d.push && DIRECTIVES.get(d.name)?.windowsOnly === true && !isTolerated(tolerated, d))
      .map((d) => makeFinding('windows-only-directive', 'information',
        `\`${d.name}\` exists only in Windows builds of OpenVPN: on Linux and macOS OpenVPN stops with "Unrecognized option". `
        + `To share this profile across systems, put \`ignore-unknown-option ${d.name}\` above it or write \`setenv opt ${d.name}\`.`,
        spanOnLine(d.line, d.nameParam.start, d.nameParam.end)));
  },
};
