import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contributes } from '../../package.json';
import { WORLD_READABLE_KEY } from '../../server/src/core/configs/keyFileMode';
import { RULES } from '../../server/src/core/rules';
import { LOG_LEVELS } from '../../server/src/logger';
import { SETTINGS_SECTION, defaultSettings, normalizeSettings } from '../../server/src/settings';

interface Property {
  readonly default?: unknown;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly enum?: readonly string[];
  readonly items?: { readonly type?: string; readonly enum?: readonly string[] };
}

const properties: Record<string, Property> = contributes.configuration.properties;
const prefix = `${SETTINGS_SECTION}.`;

// The manifest and the server each declare the settings; these tests keep the two from drifting apart.
describe('package.json settings match the server', () => {
  test('every key is a routeLens setting the server knows', () => {
    const manifestKeys = Object.keys(properties).sort();
    const serverKeys = Object.keys(defaultSettings).map((key) => prefix + key).sort();
    assert.deepEqual(manifestKeys, serverKeys);
  });

  test('the manifest defaults are the server defaults', () => {
    for (const [key, value] of Object.entries(defaultSettings)) {
      assert.deepEqual(properties[prefix + key]?.default, value, key);
    }
  });

  test('every setting is described', () => {
    for (const [key, property] of Object.entries(properties)) {
      assert.ok(property.description ?? property.markdownDescription, `${key} needs a description`);
    }
  });

  test('logLevel offers exactly the logger levels', () => {
    assert.deepEqual(properties[`${prefix}logLevel`]?.enum, [...LOG_LEVELS]);
  });

  test('disabledRules offers exactly the rule codes and the file-mode check', () => {
    assert.deepEqual(properties[`${prefix}disabledRules`]?.items?.enum, [...RULES.map((rule) => rule.code), WORLD_READABLE_KEY]);
  });
});

describe('normalizeSettings', () => {
  test('missing or malformed values fall back to the defaults', () => {
    assert.deepEqual(normalizeSettings(undefined), defaultSettings);
    assert.deepEqual(normalizeSettings({ tunnelInterfaces: 'wg*', disabledRules: null, logLevel: 'loud' }), defaultSettings);
  });

  test('non-string entries are dropped', () => {
    assert.deepEqual(normalizeSettings({ tunnelInterfaces: ['corp*', 3, null], logLevel: 'debug' }), {
      tunnelInterfaces: ['corp*'],
      disabledRules: [],
      severity: {},
      logLevel: 'debug',
      maxDiagnostics: 1000,
      machineDump: '',
    });
  });

  test('maxDiagnostics takes a positive whole number, else the default', () => {
    assert.equal(normalizeSettings({ maxDiagnostics: 50 }).maxDiagnostics, 50);
    for (const bad of [0, -3, 2.5, '50', null]) assert.equal(normalizeSettings({ maxDiagnostics: bad }).maxDiagnostics, 1000);
  });
});
