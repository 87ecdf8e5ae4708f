/**
 * The commands behind Route Lens's code actions, shared by the server and the client. The client runs the
 * first two itself (an editor, an input box); the server runs the last one and answers with an edit.
 */
export const FixCommandIds = {
  /** Client: opens its one argument, a shell script, in an untitled editor. Nothing is run. */
  showCommands: 'routeLens.showFixCommands',
  /** Client: asks for an address or prefix, then runs `applyExclusion` with (uri, line, input). */
  excludeFromAllowedIps: 'routeLens.excludeFromAllowedIps',
  /** Server (workspace/executeCommand): computes the exclusion and sends it as workspace/applyEdit. */
  applyExclusion: 'routeLens.applyAllowedIpsExclusion',
} as const;

/** The client commands a client can run, as it lists them in `initializationOptions.clientCommands`. */
export const CLIENT_FIX_COMMANDS: readonly string[] = [FixCommandIds.showCommands, FixCommandIds.excludeFromAllowedIps];

/** What `applyExclusion` answers: whether the edit was applied, and otherwise why not. */
export interface ExclusionResult {
  readonly applied: boolean;
  readonly message?: string;
}
