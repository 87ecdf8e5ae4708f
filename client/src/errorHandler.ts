import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
  type Message,
} from 'vscode-languageclient/node';

const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * Restarts a crashed server up to five times in three minutes, as the library's default handler does,
 * but speaks to the user only once per session instead of on every restart; the output channel logs each one.
 */
export class RestartingErrorHandler implements ErrorHandler {
  private readonly restarts: number[] = [];
  private toldAboutRestart = false;

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly restartCommand: string,
  ) {}

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    // A few garbled messages are survivable; a stream of them means the connection is broken.
    return count !== undefined && count <= 3 ? { action: ErrorAction.Continue } : { action: ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && now - (this.restarts[0] ?? now) > RESTART_WINDOW_MS) this.restarts.shift();
    if (this.restarts.length > MAX_RESTARTS) {
      this.output.error(`The language server stopped ${this.restarts.length} times in three minutes; not restarting it.`);
      void this.offer(
        vscode.window.showErrorMessage(
          'Route Lens: the language server keeps stopping, so it was not restarted again.',
          'Show Output',
          'Restart Server',
        ),
      );
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.output.warn('The language server stopped unexpectedly; restarting it.');
    if (!this.toldAboutRestart) {
      this.toldAboutRestart = true;
      void this.offer(
        vscode.window.showWarningMessage('Route Lens: the language server stopped unexpectedly and was restarted.', 'Show Output'),
      );
    }
    return { action: CloseAction.Restart, handled: true };
  }

  /** Start failures are reported once by the caller of start(), so this only logs and never retries. */
  initializationFailed(error: unknown): boolean {
    this.output.error(`The language server failed to initialize: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }

  private async offer(choice: Thenable<string | undefined>): Promise<void> {
    const picked = await choice;
    if (picked === 'Show Output') this.output.show(true);
    else if (picked === 'Restart Server') await vscode.commands.executeCommand(this.restartCommand);
  }
}
