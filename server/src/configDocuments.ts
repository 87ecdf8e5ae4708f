import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type ConfigDocument, analyzeDocument } from './core/analyzeDocument';
import { familyForLanguage } from './core/configs/registry';
import type { ConfigFamily } from './core/configs/types';
import type { MachineDumps } from './machineDump';
import { RelatedFileReader } from './relatedFiles';
import type { RouteLensSettings } from './settings';
import { filePathOf } from './fileUri';

interface Entry {
  readonly version: number;
  readonly settings: RouteLensSettings;
  readonly dumpKey: string;
  readonly relatedKey: string;
  /** The files the text names, as written, for the next look at the same version. */
  readonly references: readonly { readonly path: string }[];
  readonly doc: ConfigDocument;
}

/** True for the languages of VPN config families; route tables go through the document cache instead. */
export function isConfigLanguage(languageId: string): boolean {
  return familyForLanguage(languageId) !== undefined;
}

/**
 * One analysis per config document version, together with the machine's dump it was predicted against and
 * the files it names or sits beside. A changed dump or related file (in the editor or on disk) makes a new analysis.
 */
export class ConfigDocuments {
  private readonly entries = new Map<string, Entry>();
  private readonly related: RelatedFileReader;

  constructor(private readonly dumps: MachineDumps, related?: RelatedFileReader) {
    this.related = related ?? new RelatedFileReader(dumps.openText);
  }

  get(document: TextDocument, settings: RouteLensSettings): ConfigDocument {
    const text = document.getText();
    const dump = this.dumps.find(document.uri, text, settings.machineDump);
    const dumpKey = dump?.key ?? '';
    const cached = this.entries.get(document.uri);
    const family = familyForLanguage(document.languageId);
    const sameText = cached?.version === document.version;
    const references = sameText ? cached.references : referencesOf(family, text);
    const read = this.related.read(filePathOf(document.uri), references, family?.siblingPattern);
    if (cached && sameText && cached.settings === settings && cached.dumpKey === dumpKey && cached.relatedKey === read.key) {
      return cached.doc;
    }
    const analysed = analyzeDocument(text, {
      languageId: document.languageId,
      fileName: fileNameOf(document.uri),
      tunnelInterfaces: settings.tunnelInterfaces,
      disabledRules: settings.disabledRules,
      ...(dump ? { dump: dump.analysis, dumpName: dump.name } : {}),
      ...(read.related ? { related: read.related } : {}),
    });
    if (analysed.kind !== 'config') throw new Error(`${document.languageId} is not a config language`);
    this.entries.set(document.uri, { version: document.version, settings, dumpKey, relatedKey: read.key, references, doc: analysed });
    return analysed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The files a config names; only families that name files pay for the extra reading of the text. */
export function referencesOf(family: ConfigFamily | undefined, text: string): readonly { readonly path: string }[] {
  return family?.referencedFiles ? family.referencedFiles(family.analyze(text, {})) : [];
}

function fileNameOf(uri: string): string {
  const path = decodeURIComponent(uri.replace(/^[a-z]+:\/*/i, '/'));
  return path.replace(/^.*\//, '');
}
