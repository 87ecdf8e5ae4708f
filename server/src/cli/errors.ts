/** Exit codes the CLI documents: findings decide 0 or 1; anything that stops the run is 2. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILURE = 2;

/** A problem the user can fix (bad usage, unreadable input): printed as one line, never with a stack. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_FAILURE) {
    super(message);
    this.name = 'CliError';
  }
}

/** One line, whatever the error carried: Node's messages may embed newlines or be missing. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
