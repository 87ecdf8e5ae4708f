import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import {
  assembleCapture,
  CAPTURE_MAX_BUFFER,
  CAPTURE_TIMEOUT_MS,
  type CaptureCommand,
  type CaptureOutcome,
  captureCommandsFor,
  captureFailure,
  describeFailure,
  type ExecFailure,
} from './captureCommands';

/**
 * Runs the operating system's own route commands and opens their output as a new route-table document.
 * It runs programs on this machine, so it refuses in Restricted Mode even though the manifest hides it there.
 */
export async function captureRoutingTable(): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    const manage = 'Manage Workspace Trust';
    const choice = await vscode.window.showWarningMessage(
      'Route Lens: capturing the routing table runs programs on this machine, so it needs a trusted workspace.',
      manage,
    );
    if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return;
  }
  const commands = captureCommandsFor(process.platform);
  if (!commands) {
    void vscode.window.showErrorMessage(`Route Lens: capturing the routing table is not supported on ${process.platform}.`);
    return;
  }
  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Route Lens: capturing the routing table…', cancellable: true },
    (_progress, token) => runAll(commands, token),
  );
  if (outcomes === undefined) return;
  const failure = captureFailure(outcomes);
  if (failure) {
    void vscode.window.showErrorMessage(`Route Lens: the routing table could not be captured. ${failure}`);
    return;
  }
  const content = assembleCapture(outcomes, process.platform, new Date());
  const document = await vscode.workspace.openTextDocument({ language: 'route-table', content });
  await vscode.window.showTextDocument(document);
}

/** Runs the commands one after another; undefined when the user cancelled. */
async function runAll(commands: readonly CaptureCommand[], token: vscode.CancellationToken): Promise<CaptureOutcome[] | undefined> {
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  try {
    const outcomes: CaptureOutcome[] = [];
    for (const command of commands) {
      outcomes.push(await run(command, abort.signal));
      if (token.isCancellationRequested) return undefined;
    }
    return outcomes;
  } finally {
    subscription.dispose();
  }
}

/** Runs the command, trying its fallback paths while the program is not found. */
async function run(command: CaptureCommand, signal: AbortSignal): Promise<CaptureOutcome> {
  let failure: ExecFailure = { code: 'ENOENT' };
  for (const file of [command.file, ...(command.fallbacks ?? [])]) {
    const result = await execute(file, command.args, signal);
    if (typeof result === 'string') return { command, stdout: result };
    failure = result;
    if (result.code !== 'ENOENT') break;
  }
  return { command, failure: describeFailure(command, failure) };
}

/** The standard output, or the failure's details. */
function execute(file: string, args: readonly string[], signal: AbortSignal): Promise<string | ExecFailure> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      {
        encoding: 'utf8',
        timeout: CAPTURE_TIMEOUT_MS,
        maxBuffer: CAPTURE_MAX_BUFFER,
        signal,
        windowsHide: true,
        // The parsers read the C locale's words and numbers.
        env: { ...process.env, LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        resolve(error ? { code: error.code, killed: error.killed, signal: error.signal, stderr, message: error.message } : stdout);
      },
    );
  });
}
