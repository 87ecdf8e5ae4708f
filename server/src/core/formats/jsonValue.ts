/** JSON values with their place in the document, as jsonScan.ts reads them. */

export interface JsonPos {
  readonly line: number;
  readonly col: number;
}

export interface Located {
  readonly start: JsonPos;
  /** Just past the value's last character. */
  readonly end: JsonPos;
}

export interface JsonEntry {
  readonly key: string;
  readonly keyStart: JsonPos;
  readonly keyEnd: JsonPos;
  readonly value: JsonValue;
}

export type JsonValue =
  | (Located & { readonly kind: 'object'; readonly entries: readonly JsonEntry[] })
  | (Located & { readonly kind: 'array'; readonly items: readonly JsonValue[] })
  | (Located & { readonly kind: 'string'; readonly value: string })
  | (Located & { readonly kind: 'number'; readonly value: number; readonly text: string })
  | (Located & { readonly kind: 'literal'; readonly value: boolean | null });

export interface JsonHandlers {
  /** An element of a top-level array, or a top-level value that is not an array. */
  item(value: JsonValue): void;
  /** A syntax error at `at` (one character wide unless `endCol` says otherwise). */
  error(message: string, at: JsonPos, endCol: number): void;
}

/** The source text of a value, each line trimmed and joined, clipped to `max` characters. */
export function sourceText(lines: readonly string[], value: Located, max = 160): string {
  let out = '';
  for (let l = value.start.line; l <= value.end.line && out.length < max; l++) {
    const text = lines[l] ?? '';
    const from = l === value.start.line ? value.start.col : 0;
    const to = l === value.end.line ? value.end.col : text.length;
    out += text.slice(from, Math.min(to, from + max)).trim();
  }
  return out.length <= max ? out : `${out.slice(0, max - 1)}…`;
}
