/**
 * Levenshtein distance between two short names, for "did you mean" suggestions in every config family.
 * With a `limit`, it stops once a whole row exceeds it and answers `limit + 1`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  // Two typed rows, swapped per step: a file of unknown words asks this thousands of times.
  let previous = new Uint32Array(b.length + 1);
  let row = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = code === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      row[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous, row] = [row, previous];
  }
  return previous[b.length] as number;
}
