// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node globals for the build and helper scripts; the `globals` package is not worth a dependency for these. */
const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setInterval: 'readonly',
  clearInterval: 'readonly',
  performance: 'readonly',
};

export default defineConfig(
  globalIgnores(['dist/', 'out/', 'node_modules/', '.vscode-test/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // Type-aware rules need the TypeScript program, so they apply only where tsconfig.json reaches.
    files: ['client/src/**/*.ts', 'server/src/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A dropped promise hides its rejection; fire-and-forget must be written as `void`.
      // node:test collects the promises that test() and describe() return, so those are safe to drop.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
    },
  },
  {
    rules: {
      // One-line bodies without braces are fine; a multi-line body without them is a trap.
      curly: ['error', 'multi-line', 'consistent'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    // Stdout is the LSP transport when the server runs with --stdio; log through connection.console.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/cli/**', 'server/src/cli.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The core takes text and returns findings, so it runs anywhere: no editor, protocol or IO imports.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'fs', 'fs/promises', 'path', 'child_process'].map((name) => ({
            name,
            message: 'server/src/core must stay free of editor and IO dependencies.',
          })),
          patterns: [
            {
              group: ['node:*', 'vscode-languageserver*', 'vscode-languageclient*'],
              message: 'server/src/core must stay free of editor and IO dependencies.',
            },
          ],
        },
      ],
    },
  },
);
