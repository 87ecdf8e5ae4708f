// Times what VS Code counts as activation: loading dist/extension.js and awaiting its activate().
// Each run is a fresh Node process with a stub `vscode` module, so the figure covers the bundle's own cost.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** The names the real `vscode` module exports, read from its type declarations. */
function vscodeExports() {
  const declarations = readFileSync(createRequire(import.meta.url).resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = new Set();
  for (const match of declarations.matchAll(/^\t?(?: {4})?export (?:namespace|class|enum|function|const|let) (\w+)/gm)) names.add(match[1]);
  return [...names];
}

/** The probe run in each child: argv[1] is the bundle, argv[2] the language of the one open document. */
const PROBE = `
const Module = require('module');
const path = require('path');
const [bundle, language, exported] = process.argv.slice(1);
// Any member of the stub is callable, constructible and has members of its own; awaiting one never hangs.
const fake = () => {
  const members = new Map();
  return new Proxy(function () {}, {
    get(target, key) {
      if (key === 'then' || typeof key === 'symbol') return undefined;
      if (key === 'prototype' && !members.has(key)) return target.prototype;
      if (!members.has(key)) members.set(key, fake());
      return members.get(key);
    },
    set(target, key, value) {
      members.set(key, value);
      return true;
    },
    apply: () => fake(),
    construct: () => fake(),
  });
};
// The module itself lists its exports, as a bundle's import helper copies them by name.
const members = new Map(exported.split(',').map((name) => [name, fake()]));
members.set('version', '1.95.0');
const vscode = new Proxy({}, {
  get: (target, key) => members.get(key),
  set: (target, key, value) => Boolean(members.set(key, value)),
  ownKeys: () => [...members.keys()],
  getOwnPropertyDescriptor: (target, key) => (members.has(key) ? { configurable: true, enumerable: true, writable: true, value: members.get(key) } : undefined),
});
const document = { languageId: language, uri: { scheme: 'file', fsPath: '/bench.routes', toString: () => 'file:///bench.routes' } };
vscode.workspace.textDocuments = [document];
const load = Module._load;
let clientLoadMs = 0;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return vscode;
  const t = process.hrtime.bigint();
  const loaded = load.call(this, request, ...rest);
  if (/languageClient/.test(request)) clientLoadMs += Number(process.hrtime.bigint() - t) / 1e6;
  return loaded;
};
const root = path.dirname(path.dirname(bundle));
const memento = () => ({ get: (key, fallback) => fallback, update: async () => undefined, keys: () => [] });
const context = fake();
Object.assign(context, {
  subscriptions: [], asAbsolutePath: (p) => path.join(root, p), extensionPath: root, workspaceState: memento(), globalState: memento(),
});
const t = process.hrtime.bigint();
Promise.resolve(require(bundle).activate(context)).then(() => {
  const activateMs = Number(process.hrtime.bigint() - t) / 1e6;
  // Work the extension deferred past activate(), such as loading the language client, runs in the next tasks.
  setTimeout(() => {
    process.stdout.write(JSON.stringify({ activateMs, clientLoadMs }));
    process.exit(0);
  }, 50);
});`;

function probe(bundle, language) {
  const run = spawnSync(process.execPath, ['-e', PROBE, bundle, language, vscodeExports().join(',')], { encoding: 'utf8', cwd: dirname(bundle) });
  if (run.status !== 0) throw new Error(`activation probe failed: ${run.stderr.trim().split("\n").slice(0, 8).join(" ")}`);
  return JSON.parse(run.stdout);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median of `runs` activations with a plain-text document open and with a route table open. */
export function activationFigures(bundle, runs = 7) {
  const plain = [];
  const routes = [];
  for (let i = 0; i < runs; i++) {
    plain.push(probe(bundle, 'plaintext'));
    routes.push(probe(bundle, 'route-table'));
  }
  return {
    runs,
    plainTextMs: median(plain.map((r) => r.activateMs)),
    routeTableMs: median(routes.map((r) => r.activateMs)),
    clientLoadMs: median(routes.map((r) => r.clientLoadMs)),
  };
}
