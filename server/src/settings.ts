import type { Connection } from 'vscode-languageserver';
import { type SeverityLevel, isSeverityLevel } from './core/findingPolicy';
import { type LogLevel, type Logger, isLogLevel } from './logger';

/** The `routeLens.*` settings; package.json `contributes.configuration` declares the same keys and defaults. */
export interface RouteLensSettings {
  /** Interface-name globs treated as tunnels on top of the built-in names. */
  readonly tunnelInterfaces: readonly string[];
  /** Rule codes whose findings are not reported. */
  readonly disabledRules: readonly string[];
  /** Severity per finding code, or `off`; wins over `disabledRules` for a code named in both. */
  readonly severity: Readonly<Record<string, SeverityLevel>>;
  readonly logLevel: LogLevel;
  /** Diagnostics listed per document; one more says how many were left out. */
  readonly maxDiagnostics: number;
  /** The route dump that describes this machine, for VPN config predictions; empty: found next to the config. */
  readonly machineDump: string;
  /** A format the user chose for this document in the editor (not a setting in the manifest). */
  readonly format?: string;
}

export const SETTINGS_SECTION = 'routeLens';

export const defaultSettings: RouteLensSettings = Object.freeze({
  tunnelInterfaces: Object.freeze([]),
  disabledRules: Object.freeze([]),
  severity: Object.freeze({}),
  logLevel: 'info',
  maxDiagnostics: 1000,
  machineDump: '',
});

/** Settings come from the client unchecked: keep what has the right type and default the rest. */
export function normalizeSettings(raw: unknown): RouteLensSettings {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    tunnelInterfaces: stringList(value['tunnelInterfaces']) ?? defaultSettings.tunnelInterfaces,
    disabledRules: stringList(value['disabledRules']) ?? defaultSettings.disabledRules,
    severity: severityMap(value['severity']) ?? defaultSettings.severity,
    logLevel: isLogLevel(value['logLevel']) ? value['logLevel'] : defaultSettings.logLevel,
    maxDiagnostics: positiveInteger(value['maxDiagnostics']) ?? defaultSettings.maxDiagnostics,
    machineDump: typeof value['machineDump'] === 'string' ? value['machineDump'] : defaultSettings.machineDump,
  };
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** `{ code: level }`, keeping only entries whose level is one Route Lens knows. */
function severityMap(value: unknown): Record<string, SeverityLevel> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, SeverityLevel> = {};
  for (const [code, level] of Object.entries(value as Record<string, unknown>)) if (isSeverityLevel(level)) out[code] = level;
  return out;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/**
 * Per-document settings, asked for once per URI and kept until the configuration changes.
 * Clients without `workspace/configuration` push one global value with `didChangeConfiguration` instead.
 */
export class SettingsCache {
  private readonly byUri = new Map<string, Promise<RouteLensSettings>>();
  private readonly formats = new Map<string, string>();
  private global: RouteLensSettings = defaultSettings;

  constructor(
    private readonly connection: Connection,
    private readonly hasConfigurationCapability: boolean,
    private readonly logger: Logger,
  ) {}

  get(uri: string): Promise<RouteLensSettings> {
    let settings = this.byUri.get(uri);
    if (!settings) {
      const format = this.formats.get(uri);
      const base = this.hasConfigurationCapability ? this.fetch(uri) : Promise.resolve(this.global);
      // A new object per change: analyses are cached per settings object, so a chosen format re-reads the text.
      settings = format === undefined ? base : base.then((value) => ({ ...value, format }));
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /** Forces `format` for one document (undefined: detect again). */
  setFormat(uri: string, format: string | undefined): void {
    if (format === undefined) this.formats.delete(uri);
    else this.formats.set(uri, format);
    this.byUri.delete(uri);
  }

  /** The window-wide value, used for the log level. */
  getGlobal(): Promise<RouteLensSettings> {
    return this.hasConfigurationCapability ? this.fetch(undefined) : Promise.resolve(this.global);
  }

  /** Handles `workspace/didChangeConfiguration`; the payload only counts for clients that cannot be asked. */
  changed(pushed: unknown): void {
    this.byUri.clear();
    if (!this.hasConfigurationCapability) {
      const section = typeof pushed === 'object' && pushed !== null ? (pushed as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
      this.global = normalizeSettings(section);
    }
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
    this.formats.delete(uri);
  }

  private async fetch(scopeUri: string | undefined): Promise<RouteLensSettings> {
    // A client that fails to answer must not leave every later request waiting on a rejected promise.
    try {
      return normalizeSettings(await this.connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }));
    } catch (error) {
      this.logger.error('Could not read the routeLens settings; using the defaults', error);
      return defaultSettings;
    }
  }
}
