import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Analysis } from '../core/analyze';
import { detectConfigFamily } from '../core/configs/registry';
import type { RelatedFiles } from '../core/configs/types';
import type { TextLines } from '../core/formats/textLines';
import { referencesOf } from '../configDocuments';
import { MachineDumps } from '../machineDump';
import { RelatedFileReader } from '../relatedFiles';

/**
 * FILE's whole text when it is a VPN config, which is small; undefined for a dump, which stays in the
 * pieces it was read in, and for forced dump formats.
 */
export function configTextOf(path: string, source: TextLines, options: { readonly inputFormat?: string | undefined } = {}): string | undefined {
  return options.inputFormat === undefined && detectConfigFamily(source, path) ? source.text : undefined;
}

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

/**
 * The dump that describes the machine a config FILE runs on, found as the editor finds it: a
 * `# route-lens: dump=FILE` comment, else a dump next to the config. Undefined for route dumps and stdin.
 */
export function machineDumpOf(path: string, text: string, options: { readonly inputFormat?: string | undefined } = {}): { analysis: Analysis; name: string } | undefined {
  if (path === '-' || options.inputFormat !== undefined || !detectConfigFamily(text, path)) return undefined;
  const found = new MachineDumps(() => undefined).find(pathToFileURL(resolvePath(path)).toString(), text, undefined);
  return found ? { analysis: found.analysis, name: found.name } : undefined;
}
