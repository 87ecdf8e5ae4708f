import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type ConfigDocument, analyzeDocument } from './core/analyzeDocument';
import { familyForLanguage } from './core/configs/registry';
import type { MachineDumps } from './machineDump';
import type { RouteLensSettings } from './settings';

interface Entry {
  readonly version: number;
  readonly settings: RouteLensSettings;
  readonly dumpKey: string;
  readonly doc: ConfigDocument;
}

/** True for the languages of VPN config families; route tables go through the document cache instead. */
export function isConfigLanguage(languageId: string): boolean {
  return familyForLanguage(languageId) !== undefined;
}

/**
 * One analysis per config document version, together with the machine's dump it was predicted against.
 * A changed dump (edited in the editor or on disk) makes a new analysis.
 */
export class ConfigDocuments {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly dumps: MachineDumps) {}

  get(document: TextDocument, settings: RouteLensSettings): ConfigDocument {
    const text = document.getText();
    const dump = this.dumps.find(document.uri, text, settings.machineDump);
    const dumpKey = dump?.key ?? '';
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.settings === settings && cached.dumpKey === dumpKey) {
      return cached.doc;
    }
    const analysed = analyzeDocument(text, {
      languageId: document.languageId,
      fileName: fileNameOf(document.uri),
      tunnelInterfaces: settings.tunnelInterfaces,
      disabledRules: settings.disabledRules,
      ...(dump ? { dump: dump.analysis, dumpName: dump.name } : {}),
    });
    if (analysed.kind !== 'config') throw new Error(`${document.languageId} is not a config language`);
    this.entries.set(document.uri, { version: document.version, settings, dumpKey, doc: analysed });
    return analysed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}

function fileNameOf(uri: string): string {
  const path = decodeURIComponent(uri.replace(/^[a-z]+:\/*/i, '/'));
  return path.replace(/^.*\//, '');
}
