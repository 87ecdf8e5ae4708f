// What bringing a WireGuard config up installs, per OS, as data: routes, rules and other steps.
// Pure: hovers explain it, findings reason over it, and a predicted route table can be built from it.
import { linuxPlan } from './install/linux';
import { macosPlan } from './install/macos';
import type { InstallOptions, InstallOs, InstallPlan } from './install/types';
import { windowsPlan } from './install/windows';
import type { WgConfig } from './model';
import type { CryptokeyRouting } from './routing';

export type { InstallOptions, InstallOs, InstallPlan, InstallStep, PlannedAction, PlannedRoute, PlannedRule } from './install/types';
export { WG_QUICK_TABLE } from './install/linux';
export { windowsKillSwitch } from './install/windows';

export const INSTALL_OSES: readonly InstallOs[] = ['linux', 'macos', 'windows'];

export function installPlan(config: WgConfig, routing: CryptokeyRouting, os: InstallOs, options: InstallOptions = {}): InstallPlan {
  const input = { config, routing, options };
  switch (os) {
    case 'linux':
      return linuxPlan(input);
    case 'macos':
      return macosPlan(input);
    case 'windows':
      return windowsPlan(input);
  }
}
