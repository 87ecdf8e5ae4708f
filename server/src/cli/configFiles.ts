import { resolve as resolvePath } from 'node:path';
import { detectConfigFamily } from '../core/configs/registry';
import type { RelatedFiles } from '../core/configs/types';
import { referencesOf } from '../configDocuments';
import { RelatedFileReader } from '../relatedFiles';

/**
 * The files a config FILE names (xl2tpd's `pppoptfile`) and its sibling profiles, read as the editor reads
 * them; undefined for route dumps, stdin and forced dump formats.
 */
export function relatedFilesOf(path: string, text: string, options: { readonly inputFormat?: string | undefined } = {}): RelatedFiles | undefined {
  if (path === '-' || options.inputFormat !== undefined) return undefined;
  const family = detectConfigFamily(text, path);
  if (!family) return undefined;
  return new RelatedFileReader().read(resolvePath(path), referencesOf(family, text), family.siblingPattern).related;
}
