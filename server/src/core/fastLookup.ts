import type { Address } from './net/address';
import type { Route } from './model';
import { resolve, usable } from './resolver';
import type { LookupStage, RouteList, RoutingTables } from './routingTables';

const NONE = -1;
const SPACE = 0x100000000;

/**
 * Answers which route the kernel selects for many addresses, without explanations. IPv4 is flattened once
 * into sorted address ranges over typed arrays, each with its final answer across every lookup stage, so a
 * lookup is a table read and a short binary search. IPv6 walks the tries. `resolve()` stays the reference:
 * both give the same route for every address.
 */
export class FastResolver {
  private v4: { starts: Float64Array; ids: Int32Array; blocks: Uint32Array } | undefined;

  constructor(private readonly tables: RoutingTables) {}

  /** The route `resolve()` selects for the address, or undefined when it answers "Network is unreachable". */
  route(address: Address): Route | undefined {
    // The flattened ranges follow the default rules; custom `ip rule`s need the rule walk.
    if (this.tables.hasCustomRules(address.family)) return resolve(this.tables, address, { rules: this.tables.rules }).route;
    if (address.family === 4) {
      const id = this.lookup4(address.words[0] ?? 0);
      return id === NONE ? undefined : this.tables.routes[id];
    }
    return walkStages(this.tables.defaultStages(address.family), address);
  }

  /** The id of the route selected for an IPv4 address held as a 32-bit word, or -1 for none. */
  lookup4(word: number): number {
    const v4 = (this.v4 ??= flatten(this.tables));
    const block = word >>> 16;
    let lo = v4.blocks[block] as number;
    let hi = v4.blocks[block + 1] as number;
    // The last range starting at or before the address.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((v4.starts[mid] as number) <= word) lo = mid;
      else hi = mid - 1;
    }
    return v4.ids[lo] as number;
  }
}

/** The first usable route of the longest prefix with one, stage after stage; `throw` passes to the next stage. */
function walkStages(stages: readonly LookupStage[], address: Address): Route | undefined {
  for (const stage of stages) {
    const hit = stage.trie.longest(address, (list) => list.some(usable));
    const winner = hit?.value.find(usable);
    if (winner && winner.type !== 'throw') return winner;
  }
  return undefined;
}

interface Ranges {
  readonly starts: number[];
  readonly ids: number[];
}

function flatten(tables: RoutingTables): { starts: Float64Array; ids: Int32Array; blocks: Uint32Array } {
  const routes = tables.routes;
  const stages = tables.defaultStages(4).map((stage) => stageRanges(stage));
  // Merge the stages: an address takes the first stage whose answer is a route other than `throw`.
  const merged: Ranges = { starts: [], ids: [] };
  const at = stages.map(() => 0);
  let start = 0;
  while (start < SPACE) {
    let id = NONE;
    let next = SPACE;
    for (let s = 0; s < stages.length; s++) {
      const ranges = stages[s] as Ranges;
      let i = at[s] as number;
      while (i + 1 < ranges.starts.length && (ranges.starts[i + 1] as number) <= start) i++;
      at[s] = i;
      const candidate = ranges.ids[i] as number;
      if (id === NONE && candidate !== NONE && (routes[candidate] as Route).type !== 'throw') id = candidate;
      if (i + 1 < ranges.starts.length) next = Math.min(next, ranges.starts[i + 1] as number);
    }
    push(merged, start, id);
    start = next;
  }
  const blocks = new Uint32Array(0x10001);
  let r = 0;
  for (let b = 0; b <= 0x10000; b++) {
    const first = b * 0x10000;
    while (r + 1 < merged.starts.length && (merged.starts[r + 1] as number) <= first) r++;
    blocks[b] = b === 0x10000 ? merged.starts.length - 1 : r;
  }
  return { starts: Float64Array.from(merged.starts), ids: Int32Array.from(merged.ids), blocks };
}

/** One stage as ranges covering the whole space: the winner of the longest prefix with a usable route. */
function stageRanges(stage: LookupStage): Ranges {
  const out: Ranges = { starts: [0], ids: [NONE] };
  const ends: number[] = [];
  const values: number[] = [];
  let pos = 0;
  const current = (): number => (values.length > 0 ? values[values.length - 1] as number : NONE);
  const closeUpTo = (limit: number): void => {
    while (ends.length > 0 && (ends[ends.length - 1] as number) < limit) {
      const end = ends.pop() as number;
      if (pos <= end) push(out, pos, values[values.length - 1] as number);
      values.pop();
      pos = Math.max(pos, end + 1);
    }
  };
  stage.trie.walk((words, len, list: RouteList) => {
    const winner = list.find(usable);
    if (!winner) return;
    const start = len === 0 ? 0 : (words[0] ?? 0) >>> 0;
    closeUpTo(start);
    if (pos < start) push(out, pos, current());
    pos = start;
    ends.push(start + 2 ** (32 - len) - 1);
    values.push(winner.id);
  });
  closeUpTo(SPACE);
  if (pos < SPACE) push(out, pos, NONE);
  return out;
}

/** Appends a range, merging it into the previous one when the answer is the same. */
function push(ranges: Ranges, start: number, id: number): void {
  const last = ranges.ids.length - 1;
  if (last >= 0 && ranges.starts[last] === start) {
    ranges.ids[last] = id;
    if (last > 0 && ranges.ids[last - 1] === id) {
      ranges.starts.pop();
      ranges.ids.pop();
    }
    return;
  }
  if (last >= 0 && ranges.ids[last] === id) return;
  ranges.starts.push(start);
  ranges.ids.push(id);
}
