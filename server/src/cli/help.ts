import manifest from '../../../package.json';
import type { ToolInfo } from './sarif';

export const HELP = `Route Lens: which route, interface and tunnel every address takes in a Linux \`ip route\` dump.

Usage:
  route-lens check [--format text|json|sarif] [--tunnel-interfaces PATTERN,...] FILE|DIR...
  route-lens resolve [--json] [--tunnel-interfaces PATTERN,...] FILE ADDRESS...
  route-lens --stdio          run the language server on stdin and stdout
  route-lens --version
  route-lens --help

Commands:
  check     Report shadowed routes, traffic that escapes a VPN tunnel, and lines that do
            not parse. A DIR stands for every file below it, dotfiles skipped.
  resolve   Show the route the kernel selects for each ADDRESS, and why the others lose.
            An ADDRESS of '-' reads addresses from stdin, one a line; a FILE of '-'
            reads the route dump from stdin instead.

Options:
  --format text|json|sarif    Output of check (default text). SARIF 2.1.0 suits GitHub
                              code scanning.
  --json                      JSON output for resolve.
  --tunnel-interfaces LIST    Comma-separated interface-name patterns (* and ?) to treat
                              as tunnels, besides the built-in ones (ppp*, tun*, wg*...).
  -h, --help                  This text.

Exit status: 0 no errors found, 1 check found errors, 2 usage or input problem.
Colours appear only on a terminal, and never when NO_COLOR is set.
`;

/** Name, version and home page from the package manifest, inlined by the bundler. */
export function toolInfo(): ToolInfo {
  // Optional manifest fields are read untyped, so adding or dropping one never breaks the build.
  const fields: Readonly<Record<string, unknown>> = manifest;
  const text = (key: string): string | undefined => (typeof fields[key] === 'string' ? fields[key] : undefined);
  const repository = fields.repository;
  const repositoryUrl = typeof repository === 'string'
    ? repository
    : typeof repository === 'object' && repository !== null && 'url' in repository && typeof repository.url === 'string'
      ? repository.url
      : undefined;
  const home = text('homepage')
    ?? repositoryUrl?.replace(/^git\+/, '').replace(/\.git$/, '')
    ?? `https://marketplace.visualstudio.com/items?itemName=${manifest.publisher}.${manifest.name}`;
  return { name: manifest.name, version: manifest.version, informationUri: home };
}
