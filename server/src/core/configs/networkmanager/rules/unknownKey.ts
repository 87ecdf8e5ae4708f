import { type Finding, makeFinding } from '../../../model';
import { knownKey, settingName, suggestKey, suggestSetting } from '../keys';
import type { NmRule } from './types';

/** Settings and keys NetworkManager does not know: the keyfile reader ignores them silently. */
export const unknownKey: NmRule = {
  code: 'unknown-key',
  check(state) {
    const out: Finding[] = [];
    const plugin = state.connection.plugin;
    for (const section of state.doc.sections) {
      if (settingName(section.name) === undefined) {
        const guess = suggestSetting(section.name);
        const hint = guess ? ` Did you mean [${guess}]?` : '';
        out.push(makeFinding('unknown-key', 'warning', `Unknown setting [${section.name}]: NetworkManager ignores this group and its keys.${hint}`, section.nameSpan));
        continue;
      }
      for (const entry of section.entries) {
        if (knownKey(section.setting, entry.key, plugin)) continue;
        const guess = suggestKey(section.setting, entry.key, plugin);
        const owner = section.setting === 'vpn' && plugin ? ` (${plugin} plugin)` : '';
        const hint = guess ? ` Did you mean ${guess}?` : '';
        const effect = owner === '' ? 'NetworkManager ignores it' : `NetworkManager passes it on and the plugin does not read it`;
        out.push(makeFinding('unknown-key', 'warning', `Unknown key "${entry.key}" in [${section.name}]${owner}: ${effect}.${hint}`, entry.keySpan));
      }
    }
    return out;
  },
};
