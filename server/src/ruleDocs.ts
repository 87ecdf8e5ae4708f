import manifest from '../../package.json';
import { isKnownCode } from './core/ruleCatalogue';

/**
 * The repository's web address from package.json (`repository`, else `homepage`), without `git+` or `.git`:
 * the one place rule pages, SARIF help links and diagnostics take it from.
 */
export function repositoryUrl(): string {
  // Optional manifest fields are read untyped, so adding or dropping one never breaks the build.
  const fields: Readonly<Record<string, unknown>> = manifest;
  const repository = fields['repository'];
  const url = typeof repository === 'string'
    ? repository
    : typeof repository === 'object' && repository !== null && 'url' in repository && typeof repository.url === 'string'
      ? repository.url
      : typeof fields['homepage'] === 'string' ? fields['homepage'].replace(/#.*$/, '') : '';
  return url.replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

const RULES_BASE = `${repositoryUrl()}/blob/main/docs/rules/`;

/** The page that documents a finding code, or undefined for a code Route Lens does not know. */
export function ruleDocUrl(code: string): string | undefined {
  return isKnownCode(code) ? `${RULES_BASE}${code}.md` : undefined;
}
