import manifest from '../../../package.json';
import type { ToolInfo } from './sarif';

export const HELP = `Route Lens: which route, interface and tunnel every address takes, from routing-table dumps
(ip route, route -n, netstat -rn, route print, Get-NetRoute, ip -j, ip rule) and VPN configs
(WireGuard, OpenVPN and more).

Usage:
  route-lens check [--format text|json|sarif] [--input-format ID] [--tunnel-interfaces PATTERN,...]
                   [--severity CODE=LEVEL]... FILE|DIR...
  route-lens resolve [--json] [--input-format ID] [--with DUMP] [--tunnel-interfaces PATTERN,...]
                     [--from ADDR] [--mark N[/MASK]] [--uid N] [--iif DEV] [--oif DEV]
                     [--proto tcp|udp|icmp|N] [--sport N] [--dport N] [--tos N] FILE ADDRESS...
  route-lens simulate [--json] [--with DUMP] CONFIG
  route-lens --stdio          run the language server on stdin and stdout
  route-lens --version
  route-lens --help

Commands:
  check     Report shadowed routes, traffic that escapes a VPN tunnel, and lines that do
            not parse. A DIR stands for every file below it, dotfiles skipped.
  resolve   Show the route the OS selects for each ADDRESS, and why the others lose.
            For a VPN config FILE: which peer or tunnel receives each ADDRESS, and
            with --with DUMP where it leaves the machine once connected.
            An ADDRESS of '-' reads addresses from stdin, one a line; a FILE of '-'
            reads the route dump from stdin instead. When FILE has \`ip rule\` output,
            the rules are walked by priority, as the kernel does, for the flow the
            options below describe (default: what a plain \`ip route get\` asks).
  simulate  Print the routing table predicted once the VPN CONFIG is up, as ip route
            (and ip rule) text that check and resolve read back: the dump's routes
            with what connecting adds (marked '# +') and removes. The dump is
            --with DUMP, else the one a '# route-lens: dump=FILE' comment in CONFIG
            names, else a *.routes or routes.txt-like file next to CONFIG.

Options:
  --format text|json|sarif    Output of check (default text). SARIF 2.1.0 suits GitHub
                              code scanning.
  --json                      JSON output for resolve.
  --input-format ID           Read every FILE as this dump format instead of detecting it:
                              linux-ip-route, linux-net-tools, linux-ip-json, linux-ip-rule,
                              windows-route-print, windows-get-netroute, windows-ipconfig,
                              macos-netstat, freebsd-netstat, openbsd-netstat.
  --severity CODE=LEVEL       Report CODE at LEVEL: error, warning, information, hint or off
                              (not reported). Repeatable, or comma-separated. Codes are listed
                              in docs/rules/README.md. A comment such as
                              '# route-lens-disable-next-line CODE' silences one finding.
  --with DUMP                 The machine's route dump, to predict a VPN config's effect.
  --tunnel-interfaces LIST    Comma-separated interface-name patterns (* and ?) to treat
                              as tunnels, besides the built-in ones (ppp*, tun*, wg*...).
  --from ADDR                 The packet's source address (must be this host's for a
                              locally generated IPv4 packet).
  --mark N[/MASK]             Its firewall mark (fwmark); a MASK keeps only those bits.
  --uid N                     The uid of the sending socket (default 0).
  --iif DEV                   It comes in on DEV: a forwarded packet (needs --from).
  --oif DEV                   The socket is bound to DEV.
  --proto tcp|udp|icmp|N      Its IP protocol (ip route get asks IPv4 as udp by default).
  --sport N, --dport N        Its source and destination ports.
  --tos N                     Its TOS byte (DS field), such as 0x10.
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
