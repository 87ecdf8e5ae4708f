// Drives `node dist/server.js --stdio` like an editor does and times what a user waits for.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  StreamMessageReader, StreamMessageWriter, createProtocolConnection, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DocumentDiagnosticRequest, HoverRequest,
  ConfigurationRequest, WorkDoneProgressCreateRequest, RegistrationRequest,
} = require('vscode-languageserver/node');

const CAPABILITIES = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    diagnostic: { dynamicRegistration: false, relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
    publishDiagnostics: { relatedInformation: true },
    hover: { contentFormat: ['markdown'] },
  },
  workspace: { configuration: true, diagnostics: { refreshSupport: true } },
  window: { workDoneProgress: true },
};

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** CPU time the process has used, user and system, in milliseconds (at the kernel's 10 ms tick). */
function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

/**
 * Opens `file`, pulls diagnostics, hovers `hovers` times, then edits one line and pulls again, five times.
 * `serverArgs` go to node before the server (`--cpu-prof`, `--heapsnapshot-signal=SIGUSR2`...).
 */
export async function lspFigures(serverPath, file, { hovers = 1000, serverArgs = [] } = {}) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const server = spawn(process.execPath, [...serverArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onNotification(() => undefined);
  connection.listen();
  try {
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: CAPABILITIES, workspaceFolders: null });
    await connection.sendNotification(InitializedNotification.type, {});
    const uri = 'file:///bench.routes';
    let t = performance.now();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'route-table', version: 1, text } });
    const first = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const firstDiagnosticsMs = performance.now() - t;
    // Hovers on route destinations and gateways spread over the document, in a fixed order.
    const latencies = [];
    let seed = 12345;
    for (let i = 0; i < hovers; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const line = 4 + (seed % (lines.length - 5));
      const target = lines[line] ?? '';
      const character = i % 2 === 0 ? 2 : Math.max(0, target.indexOf(' via ') + 6);
      t = performance.now();
      await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);
    // One-line edits spread over the document: a route gets a better metric, then the fresh report is pulled.
    const edits = [];
    const editCpu = [];
    let second;
    for (let k = 0; k < 5; k++) {
      const line = Math.floor((lines.length * (k + 1)) / 6);
      const old = lines[line] ?? '';
      const edited = old.replace(/metric \d+/, `metric ${k + 1}`);
      lines[line] = edited;
      t = performance.now();
      const cpu = cpuMsOf(server.pid);
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 + k },
        contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: old.length } }, text: edited }],
      });
      second = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      edits.push(performance.now() - t);
      editCpu.push(cpuMsOf(server.pid) - cpu);
    }
    const editMs = [...edits].sort((a, b) => a - b)[2];
    return {
      firstDiagnosticsMs,
      diagnostics: first.items?.length ?? 0,
      diagnosticsAfterEdit: second?.items?.length ?? 0,
      edits,
      editCpuMs: [...editCpu].sort((a, b) => a - b)[2],
      hoverP50Ms: percentile(latencies, 50),
      hoverP99Ms: percentile(latencies, 99),
      hoverMaxMs: latencies[latencies.length - 1],
      editMs,
      ...rssOf(server.pid),
    };
  } finally {
    // A shutdown and exit, so a profiling server writes its profile.
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    await new Promise((resolve) => {
      const timer = setTimeout(() => { server.kill(); resolve(); }, 10_000);
      server.once('exit', () => { clearTimeout(timer); resolve(); });
    });
    connection.dispose();
  }
}
