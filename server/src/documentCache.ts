import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, analyze } from './core/analyze';
import type { RouteLensSettings } from './settings';

interface Entry {
  readonly version: number;
  readonly settings: RouteLensSettings;
  readonly analysis: Analysis;
}

/**
 * One analysis per (uri, version), shared by diagnostics and hover.
 * An entry also remembers the settings object it was made with: the settings cache hands out a new
 * object after a configuration change, so an analysis started before the change is never reused after it.
 */
export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  get(document: TextDocument, settings: RouteLensSettings): Analysis {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.settings === settings) return cached.analysis;
    const analysis = analyze(document.getText(), {
      tunnelInterfaces: settings.tunnelInterfaces,
      disabledRules: settings.disabledRules,
    });
    this.entries.set(document.uri, { version: document.version, settings, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
