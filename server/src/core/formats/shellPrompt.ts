/**
 * Recognises pasted shell prompts and the commands they ran, such as
 * `$ ip -6 route show table all` or `root@gw:~# sudo ip route list table 100`.
 */
export interface PastedCommand {
  /** The command line after the prompt. */
  readonly command: string;
  readonly argv: readonly string[];
}

// zsh (the macOS default) writes the working directory as a second word: `user@host ~ % cmd`.
const PROMPT = /^(?:PS\s+)?(?:\[[^\]]*\]|\S*[@:~\\]\S*(?:[ \t]+[~/]\S*)?)?\s*([$#%>❯➜])\s*/u;

/** Tools whose output Route Lens reads; a `#` prompt counts only before one of them, else it is a comment. */
const KNOWN_TOOLS = /^(?:ip|route|netstat|wg|wg-quick|ipconfig|Get-NetRoute|Get-NetIPInterface|Get-NetIPConfiguration|cat|type|Get-Content)$/i;

/** Every shell prompt Route Lens recognises ends in one of these. */
export const PROMPT_CHARS = '$#%>❯➜';
const PROMPT_CHAR = new RegExp(`[${PROMPT_CHARS}]`, 'u');
const MAX_PROMPT_LINE = 1024;

export function parsePromptLine(line: string): PastedCommand | undefined {
  // Most lines have no prompt character at all; skip the full pattern for them.
  if (!PROMPT_CHAR.test(line)) return undefined;
  // Prompts are short: look only at the head of a line, so a megabyte line cannot make the pattern slow.
  const trimmed = (line.length > MAX_PROMPT_LINE ? line.slice(0, MAX_PROMPT_LINE) : line).trim();
  const match = PROMPT.exec(trimmed);
  if (!match) return undefined;
  // A `%` prompt is followed by a space; `fe80::%lo0` in a BSD route line is an IPv6 zone.
  const after = trimmed.charCodeAt(match[0].trimEnd().length);
  if (match[1] === '%' && !Number.isNaN(after) && after !== 32 && after !== 9) return undefined;
  const command = trimmed.slice(match[0].length).trim();
  if (command === '' || !/^[\w./\\-]/.test(command)) return undefined;
  const argv = command.split(/\s+/);
  while (argv[0] === 'sudo' || argv[0] === 'doas') argv.shift();
  const tool = (argv[0] ?? '').replace(/^.*[/\\]/, '').replace(/\.exe$/i, '');
  if (match[1] === '#' && !(KNOWN_TOOLS.test(tool) && looksLikeArguments(tool, argv[1]))) return undefined;
  return { command, argv: [tool, ...argv.slice(1)] };
}

/** First words each tool takes; a `#` line whose second word is none of them is prose (`# wg-quick with ...`). */
const FIRST_WORDS: Readonly<Record<string, RegExp>> = {
  ip: /^(?:-|r(?:o(?:u(?:t(?:e)?)?)?)?$|ru(?:le?)?$|a(?:d(?:d(?:r(?:e(?:s(?:s)?)?)?)?)?)?$|l(?:i(?:n(?:k)?)?)?$|n(?:e(?:i(?:g(?:h(?:b(?:o(?:u(?:r)?)?)?)?)?)?)?)?$|mo(?:n(?:i(?:t(?:o(?:r)?)?)?)?)?$)/,
  route: /^(?:-|print$|get$|show$|add$|del(?:ete)?$|change$|monitor$|flush$)/i,
  netstat: /^-/,
  wg: /^(?:show(?:conf)?$|-)/,
  'wg-quick': /^(?:up|down|save|strip)$/,
  ipconfig: /^[/-]/,
  cat: /[/\\.]/,
  type: /[/\\.]/,
  'get-content': /[/\\.]|^-/,
};

function looksLikeArguments(tool: string, first: string | undefined): boolean {
  const lower = tool.toLowerCase();
  // Bare `# route`, `# wg` or `# Get-NetRoute` print a table; bare `# ip` or `# cat` print nothing to read.
  if (first === undefined) return lower === 'route' || lower === 'wg' || lower === 'ipconfig' || lower.startsWith('get-net');
  const words = FIRST_WORDS[lower];
  return words === undefined ? first.startsWith('-') : words.test(first);
}

/** The program a pasted command ran, without path or `.exe`. */
export function commandTool(cmd: PastedCommand): string {
  return (cmd.argv[0] ?? '').toLowerCase();
}

/** What an `ip ... route` command says about the lines it printed. */
export interface IpRouteContext {
  family?: 4 | 6;
  table?: string;
}

const ROUTE_OBJECT = /^r(?:o(?:u(?:t(?:e)?)?)?)?$/;

export function ipRouteContext(cmd: PastedCommand): IpRouteContext | undefined {
  const argv = cmd.argv;
  if (argv[0] !== 'ip') return undefined;
  const context: IpRouteContext = {};
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-6' || a === '-family=inet6') {context.family = 6;}
    else if (a === '-4') {context.family = 4;}
    else if (a === '-f' || a === '-family') {
      const f = argv[++i];
      if (f === 'inet6') context.family = 6;
      else if (f === 'inet') context.family = 4;
    } else if (!a.startsWith('-')) {break;}
  }
  if (!ROUTE_OBJECT.test(argv[i] ?? '')) return undefined;
  for (i++; i < argv.length; i++) {
    if (argv[i] === 'table' || argv[i] === 'tab') context.table = argv[i + 1];
  }
  return context;
}
