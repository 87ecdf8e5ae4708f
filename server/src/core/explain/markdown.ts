import type { Route } from '../model';

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const clean = text.replace(/`/g, 'ˋ');
  return `\`${clean}\``;
}

export function lineLink(route: Route): string {
  return `line ${route.span.line + 1}`;
}

/** `line 4: \`203.0.113.77 via ...\`` */
export function routeLine(route: Route): string {
  return `${lineLink(route)}: ${code(route.text)}`;
}

/** Turns the core's plain sentences (with `code` spans) into a numbered list. */
export function numbered(items: readonly string[]): string {
  return items.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

export function bullets(items: readonly string[]): string {
  return items.map((s) => `- ${s}`).join('\n');
}
