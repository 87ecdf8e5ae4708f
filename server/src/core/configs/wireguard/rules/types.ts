import type { Finding } from '../../../model';
import type { WgEntry, WgSection } from '../model';
import type { WgState } from '../state';

/** One finding code: each rule reads the shared state and returns its findings. */
export interface WgRule {
  readonly code: string;
  check(state: WgState): Finding[];
}

/** Every entry of every section, in document order. */
export function* allEntries(state: WgState): Generator<{ entry: WgEntry; section: WgSection }> {
  for (const section of state.doc.sections) {
    for (const entry of section.entries) yield { entry, section };
  }
}
