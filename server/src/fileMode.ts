import { statSync } from 'node:fs';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigDocument } from './core/analyzeDocument';
import { WORLD_READABLE_KEY, keyFileModeFinding } from './core/configs/keyFileMode';
import type { Finding } from './core/model';
import type { RouteLensSettings } from './settings';
import { filePathOf } from './fileUri';

/** A file's permission bits, or undefined where they mean nothing (Windows) or the file cannot be read. */
export function fileModeOf(path: string): number | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** The findings of a config with the file-mode warning added where its secrets are readable by others. */
export function withKeyFileMode(findings: readonly Finding[], text: string, doc: ConfigDocument, mode: number | undefined, path: string): readonly Finding[] {
  if (mode === undefined || doc.secrets.length === 0) return findings;
  const finding = keyFileModeFinding(text, doc.config, mode, path);
  if (!finding) return findings;
  // In document order, as the families sort their own findings.
  const at = findings.findIndex((f) => f.span.line > finding.span.line);
  return at < 0 ? [...findings, finding] : [...findings.slice(0, at), finding, ...findings.slice(at)];
}

const UNKNOWN = -1;

/**
 * The file modes of open `file:` config documents. A mode is read when first needed after the document
 * opens and again when it is saved, so a `chmod` shows once the file is saved or opened again.
 */
export class DocumentFileModes {
  private readonly modes = new Map<string, number>();
  private readonly listeners: (() => void)[] = [];

  constructor(documents: TextDocuments<TextDocument>) {
    documents.onDidOpen((event) => this.modes.delete(event.document.uri));
    documents.onDidClose((event) => this.modes.delete(event.document.uri));
    documents.onDidSave((event) => {
      const uri = event.document.uri;
      if (!this.modes.has(uri)) return;
      const before = this.modes.get(uri);
      this.modes.delete(uri);
      this.modeOf(uri);
      if (this.modes.get(uri) !== before) for (const listener of this.listeners) listener();
    });
  }

  /** Called when a saved document's mode changed, so its diagnostics can be asked for again. */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The config's findings, with the warning when its file lets others read its secrets. */
  findings(document: TextDocument, doc: ConfigDocument, settings: RouteLensSettings): readonly Finding[] {
    const path = filePathOf(document.uri);
    if (path === undefined || doc.secrets.length === 0 || settings.disabledRules.includes(WORLD_READABLE_KEY)) return doc.findings;
    return withKeyFileMode(doc.findings, document.getText(), doc, this.modeOf(document.uri), path);
  }

  private modeOf(uri: string): number | undefined {
    let mode = this.modes.get(uri);
    if (mode === undefined) {
      const path = filePathOf(uri);
      mode = (path === undefined ? undefined : fileModeOf(path)) ?? UNKNOWN;
      this.modes.set(uri, mode);
    }
    return mode === UNKNOWN ? undefined : mode;
  }
}
