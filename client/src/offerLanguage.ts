import * as vscode from 'vscode';
import { suggestLanguage } from './contentDetection';
import { GENERIC_LANGUAGES } from './languages';

const DECLINED_KEY = 'routeLens.declinedLanguageOffers';
const SAMPLE_LINES = 40;

/**
 * Text opened as plain text or a log whose content is a dump or a VPN config is offered the right mode,
 * once per file: a mature tool asks rather than switching languages behind the user's back.
 */
export function registerLanguageOffers(context: vscode.ExtensionContext): void {
  const offered = new Set<string>();
  const consider = (document: vscode.TextDocument): void => {
    if (!GENERIC_LANGUAGES.includes(document.languageId)) return;
    const key = document.uri.toString();
    const declined = context.workspaceState.get<string[]>(DECLINED_KEY, []);
    if (offered.has(key) || declined.includes(key)) return;
    const lines: string[] = [];
    for (let i = 0; i < Math.min(document.lineCount, SAMPLE_LINES); i++) lines.push(document.lineAt(i).text);
    const suggestion = suggestLanguage(lines);
    if (!suggestion) return;
    offered.add(key);
    const open = 'Open with Route Lens';
    const never = 'Not for This File';
    void vscode.window
      .showInformationMessage(`${fileLabel(document)} looks like ${suggestion.label}. Analyse it with Route Lens?`, open, never)
      .then(async (choice) => {
        if (choice === open) await vscode.languages.setTextDocumentLanguage(document, suggestion.languageId);
        else if (choice === never) await context.workspaceState.update(DECLINED_KEY, [...declined, key].slice(-500));
      });
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(consider));
  for (const document of vscode.workspace.textDocuments) consider(document);
}

function fileLabel(document: vscode.TextDocument): string {
  return document.isUntitled ? 'This text' : vscode.workspace.asRelativePath(document.uri);
}
