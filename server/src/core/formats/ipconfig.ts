import { type Address, formatAddress, parseIPv4, parseIPv6 } from '../net/address';
import { type Span, makeFinding, spanOnLine } from '../model';
import { type AdapterHeader, type LabelKind, labelKind, readAdapterHeader } from './ipconfigLabels';
import { type PastedCommand, commandTool } from './shellPrompt';
import { tokenize } from './tokens';
import { type FormatParser, type ParseSink, type SectionInput, shareOfLines } from './types';
import { MAX_ROW_LENGTH, isIpconfigTitle, trimmedSpan } from './windowsHeaders';

export const IPCONFIG_FORMAT = 'windows-ipconfig';

/** `ipconfig` and `ipconfig /all`: adapters, their descriptions and addresses; no routes. */
export const ipconfigParser: FormatParser = {
  id: IPCONFIG_FORMAT,
  label: 'Windows ipconfig',
  os: 'windows',
  claims(command: PastedCommand): boolean {
    if (commandTool(command) !== 'ipconfig') return false;
    // `/flushdns`, `/displaydns`, `/release` print other things.
    return command.argv.slice(1).every((a) => /^[/-]all(?:compartments)?$/i.test(a));
  },
  isHeader(line: string): boolean {
    if (line.length > 200) return false;
    return isIpconfigTitle(line) || readAdapterHeader(line) !== undefined;
  },
  score: (sample: readonly string[]): number => shareOfLines(sample, (t, line) => isIpconfigTitle(t) || readAdapterHeader(line) !== undefined || (t.includes(' . ') && t.includes(':'))),
  parse(input: SectionInput, sink: ParseSink): void {
    // `ipconfig /flushdns` and the like print the title and a message, no adapters.
    if (input.command && commandTool(input.command) === 'ipconfig' && !ipconfigParser.claims(input.command)) return;
    const reader = new IpconfigReader(sink);
    for (let i = input.start; i < input.end; i++) reader.line(input.lines[i] ?? '', i);
    reader.finish();
  },
};

interface Adapter {
  header: AdapterHeader;
  start: Span;
  end: Span;
  description?: string;
  addresses: Address[];
  index?: number;
}

class IpconfigReader {
  private adapter: Adapter | undefined;
  /** The label of the last `Label . . . : value` line; indented lines below it continue its value. */
  private last: LabelKind | undefined;

  constructor(private readonly sink: ParseSink) {}

  line(line: string, n: number): void {
    if (line.length > MAX_ROW_LENGTH) {
      this.sink.finding(makeFinding('parse-error', 'error', 'This line is far too long to be part of `ipconfig` output.', trimmedSpan(line, n)));
      this.last = undefined;
      return;
    }
    const t = line.trim();
    if (t === '' || t.startsWith('#') || isIpconfigTitle(t)) return;
    const end = line.trimEnd().length;
    const header = readAdapterHeader(line);
    if (header) {
      this.flush();
      this.adapter = { header, start: spanOnLine(n, 0, end), end: spanOnLine(n, 0, end), addresses: [] };
      this.last = undefined;
      return;
    }
    const colon = t.indexOf(':');
    const words = tokenize(t).length;
    if (words === 1 && this.last !== undefined) {
      // A second gateway, DNS server or address under the first one.
      this.value(this.last, t, n, end);
      return;
    }
    const label = colon > 0 ? t.slice(0, colon) : '';
    if (!/[\p{L}]/u.test(label)) {
      const start = line.length - line.trimStart().length;
      this.sink.finding(makeFinding('parse-error', 'error',
        'Not an `ipconfig` line: expected `Label . . . : value` or an adapter title such as `Ethernet adapter Ethernet:`.',
        spanOnLine(n, start, end)));
      this.last = undefined;
      return;
    }
    this.last = labelKind(label);
    this.value(this.last, t.slice(colon + 1).trim(), n, end);
  }

  finish(): void {
    this.flush();
  }

  private value(kind: LabelKind, value: string, n: number, end: number): void {
    const a = this.adapter;
    if (!a) return;
    a.end = spanOnLine(n, 0, end);
    if (value === '') return;
    if (kind === 'description') {
      a.description = value;
      return;
    }
    if (kind !== 'ipv4' && kind !== 'ipv6') return;
    const text = bareAddress(value);
    const address = kind === 'ipv4' ? parseIPv4(text.address) : parseIPv6(text.address);
    if (!address) return;
    a.addresses.push(address);
    // A link-local address's zone is the interface index, the `If` of `route print`'s IPv6 table.
    if (text.zone !== undefined && a.index === undefined) a.index = text.zone;
  }

  private flush(): void {
    const a = this.adapter;
    if (!a) return;
    this.adapter = undefined;
    const ppp = /\bPPP\b/i.test(a.header.kind);
    // Plain `ipconfig` has no Description line; the adapter title is all there is to recognise a VPN by.
    let description = a.description ?? a.header.title;
    if (ppp && !/PPP/.test(description)) description += ' (PPP adapter)';
    const aliases = a.addresses.map(formatAddress);
    if (a.description !== undefined) aliases.push(a.description);
    this.sink.interface({
      name: a.header.name,
      aliases,
      description,
      addresses: a.addresses,
      ...(a.index !== undefined ? { index: a.index } : {}),
      span: { line: a.start.line, col: 0, endLine: a.end.line, endCol: a.end.endCol },
    });
  }
}

/** `fe80::1%12(Preferred)` → the address and its zone; ipconfig appends states in the display language. */
function bareAddress(value: string): { address: string; zone?: number } {
  let text = value.split(/[\s(]/, 1)[0] ?? '';
  const percent = text.indexOf('%');
  let zone: number | undefined;
  if (percent >= 0) {
    const z = text.slice(percent + 1);
    if (/^\d{1,10}$/.test(z)) zone = Number(z);
    text = text.slice(0, percent);
  }
  return zone !== undefined ? { address: text, zone } : { address: text };
}
