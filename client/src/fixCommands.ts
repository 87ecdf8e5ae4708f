import * as vscode from 'vscode';
import { type ExclusionResult, FixCommandIds } from '../../server/src/fixCommands';

/** The client half of the code actions: a new editor for suggested commands, an input box for an exclusion. */
export function registerFixCommands(context: vscode.ExtensionContext): void {
  let lastExclusion = '';
  context.subscriptions.push(
    vscode.commands.registerCommand(FixCommandIds.showCommands, async (script: unknown) => {
      if (typeof script !== 'string') return;
      // Untitled and never saved or run by us: the user reads it and decides.
      const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: script });
      await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    }),
    vscode.commands.registerCommand(FixCommandIds.excludeFromAllowedIps, async (uri: unknown, line: unknown) => {
      if (typeof uri !== 'string' || typeof line !== 'number') return;
      const input = await vscode.window.showInputBox({
        title: 'Exclude from AllowedIPs',
        prompt: `Addresses or prefixes to take out of the AllowedIPs on line ${line + 1}; the rest is rewritten as the fewest prefixes.`,
        placeHolder: '192.168.1.0/24, 203.0.113.7',
        value: lastExclusion,
        validateInput: (value) => (value.trim() === '' ? 'Give an address or a prefix.' : undefined),
      });
      if (input === undefined) return;
      lastExclusion = input;
      try {
        const result = await vscode.commands.executeCommand<ExclusionResult | undefined>(FixCommandIds.applyExclusion, uri, line, input);
        if (result && !result.applied) void vscode.window.showErrorMessage(`Route Lens: ${result.message ?? 'the exclusion was not applied.'}`);
      } catch (error) {
        void vscode.window.showErrorMessage(`Route Lens: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}
