import type { Finding, Span } from '../model';

/** Replace the text at `span` with `newText`; an empty span inserts. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** LSP code action kinds the fixes use. */
export type FixKind = 'quickfix' | 'refactor.rewrite';

/** Client-side commands a fix can run instead of editing: the client owns the input box and the new editor. */
export type FixCommand =
  /** Opens `script` in an untitled shell-script editor; nothing is run. */
  | { readonly id: 'showCommands'; readonly script: string }
  /** Asks for an address or prefix, then has the server exclude it from the AllowedIPs of the peer on `line`. */
  | { readonly id: 'excludeFromAllowedIps'; readonly line: number };

export interface Fix {
  readonly title: string;
  readonly kind: FixKind;
  readonly edits: readonly TextEdit[];
  readonly command?: FixCommand;
  /** The one fix an editor may apply with a single keystroke. */
  readonly preferred?: boolean;
  /** The finding the fix resolves, when it answers one. */
  readonly finding?: Finding;
}
