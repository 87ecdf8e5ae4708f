import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, AnalyzeOptions } from './core/analyze';
import { type StepProgress, type StepResult, drain } from './core/analysisSteps';
import { type LineChange, incrementalSteps } from './core/incremental';
import type { RouteLensSettings } from './settings';
import { TextStore, textLength } from './textStore';

/** What one analysis is for: a document version under one settings object. */
interface Key {
  readonly version: number;
  readonly settings: RouteLensSettings;
}

interface Entry extends Key {
  readonly result: StepResult;
}

/** An analysis in progress; its steps run between other requests and stop while nobody waits for them. */
interface Job extends Key {
  readonly steps: Generator<StepProgress, StepResult>;
  readonly done: Promise<StepResult | undefined>;
  resolve(result: StepResult | undefined): void;
  reject(error: unknown): void;
  /** Waiting requests that have not been cancelled. */
  waiters: number;
  running: boolean;
  progress: number;
  readonly listeners: Set<(fraction: number) => void>;
}

/** Texts below this size are analysed at once: a few milliseconds, not worth a pause. */
export const STEPPED_TEXT_LENGTH = 256 * 1024;

/**
 * One analysis per (uri, version), shared by diagnostics, hover and the other features.
 * An entry also remembers the settings object it was made with: the settings cache hands out a new
 * object after a configuration change, so an analysis started before the change is never reused after it.
 * A new version starts from the last finished analysis of the document, so an edit re-reads only what it
 * touched when it can. Large documents are analysed in steps with a pause between them (see `analysis`).
 */
export class DocumentCache {
  private readonly entries = new Map<string, Entry>();
  private readonly jobs = new Map<string, Job>();

  /** The analysis of this version, computed now if needed (finishing a stepped one that is under way). */
  get(document: TextDocument, settings: RouteLensSettings): Analysis {
    const fresh = this.peek(document, settings);
    if (fresh) return fresh;
    const job = this.jobFor(document, settings);
    let result: StepResult;
    try {
      result = drain(job.steps);
    } catch (error) {
      this.fail(document.uri, job, error);
      throw error;
    }
    return this.finish(document.uri, job, result).analysis;
  }

  /** The analysis of this version if it is ready, without computing anything. */
  peek(document: TextDocument, settings: RouteLensSettings): Analysis | undefined {
    const cached = this.entries.get(document.uri);
    return cached && sameKey(cached, document, settings) ? cached.result.analysis : undefined;
  }

  /** How far the analysis of this version has come (0 to 1), or undefined when none is under way. */
  progress(document: TextDocument, settings: RouteLensSettings): number | undefined {
    const job = this.jobs.get(document.uri);
    return job && sameKey(job, document, settings) ? job.progress : undefined;
  }

  /**
   * The analysis of this version, computed in steps with `setImmediate` between them so other requests are
   * answered meanwhile. Resolves to undefined when `token` is cancelled or a newer version replaces the work.
   */
  async analysis(document: TextDocument, settings: RouteLensSettings, token?: CancellationToken,
    onProgress?: (fraction: number) => void): Promise<Analysis | undefined> {
    const fresh = this.peek(document, settings);
    if (fresh) return fresh;
    if (textLength(document) < STEPPED_TEXT_LENGTH) return this.get(document, settings);
    const job = this.jobFor(document, settings);
    job.waiters++;
    if (onProgress) job.listeners.add(onProgress);
    const cancelled = new Promise<undefined>((resolve) => {
      const subscription = token?.onCancellationRequested(() => {
        subscription?.dispose();
        resolve(undefined);
      });
      const dispose = (): void => subscription?.dispose();
      void job.done.then(dispose, dispose);
    });
    if (!job.running) void this.run(document.uri, job);
    try {
      return (await Promise.race([job.done, cancelled]))?.analysis;
    } finally {
      job.waiters--;
      if (onProgress) job.listeners.delete(onProgress);
    }
  }

  /**
   * The analysis of this version, waited for in steps like `analysis`, then handed out through `get` as
   * every feature's is. Undefined when `token` is cancelled; an analysis of an older version when the
   * document changed meanwhile (the client asks again for the new one).
   */
  async settled(document: TextDocument, settings: RouteLensSettings, token?: CancellationToken): Promise<Analysis | undefined> {
    const version = document.version;
    const analysis = await this.analysis(document, settings, token);
    if (!analysis || token?.isCancellationRequested) return undefined;
    return document.version === version && this.peek(document, settings) === analysis ? this.get(document, settings) : analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.drop(uri);
  }

  clear(): void {
    this.entries.clear();
    for (const uri of [...this.jobs.keys()]) this.drop(uri);
  }

  private jobFor(document: TextDocument, settings: RouteLensSettings): Job {
    const uri = document.uri;
    const current = this.jobs.get(uri);
    if (current && sameKey(current, document, settings)) return current;
    this.drop(uri);
    const options: AnalyzeOptions = {
      tunnelInterfaces: settings.tunnelInterfaces,
      disabledRules: settings.disabledRules,
      ...(settings.format ? { format: settings.format } : {}),
    };
    const entry = this.entries.get(uri);
    const previous = entry?.result;
    // A store says which lines changed, so the edit is applied without comparing or copying the texts;
    // a full analysis takes the text flat, so the store holds it once.
    const store = document instanceof TextStore ? document : undefined;
    const change = store && entry ? lineChange(store, entry.version) : undefined;
    const steps = incrementalSteps(previous, store ? () => store.flatText() : document.getText(), options, change);
    let resolve: (result: StepResult | undefined) => void = () => undefined;
    let reject: (error: unknown) => void = () => undefined;
    const done = new Promise<StepResult | undefined>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    // Waiting requests see a failure; a job nobody waits for must not leave an unhandled rejection.
    done.catch(() => undefined);
    const job: Job = {
      version: document.version, settings, steps, done, resolve, reject, waiters: 0, running: false, progress: 0, listeners: new Set(),
    };
    this.jobs.set(uri, job);
    return job;
  }

  /** Runs steps until the job is done, replaced, or nobody waits for it any more. */
  private async run(uri: string, job: Job): Promise<void> {
    job.running = true;
    try {
      while (this.jobs.get(uri) === job && job.waiters > 0) {
        const next = job.steps.next();
        if (next.done) {
          this.finish(uri, job, next.value);
          return;
        }
        job.progress = next.value.fraction;
        for (const listener of job.listeners) listener(job.progress);
        // A macrotask boundary lets queued messages (hovers, edits, cancellations) in between two steps.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.fail(uri, job, error);
    } finally {
      job.running = false;
    }
  }

  private finish(uri: string, job: Job, result: StepResult): StepResult {
    if (this.jobs.get(uri) === job) this.jobs.delete(uri);
    this.entries.set(uri, { version: job.version, settings: job.settings, result });
    job.resolve(result);
    return result;
  }

  /** The requests waiting for a failed analysis get its error; the next request starts afresh. */
  private fail(uri: string, job: Job, error: unknown): void {
    if (this.jobs.get(uri) === job) this.jobs.delete(uri);
    job.reject(error);
  }

  private drop(uri: string): void {
    const job = this.jobs.get(uri);
    if (!job) return;
    this.jobs.delete(uri);
    job.resolve(undefined);
  }
}

/** The lines of `store` changed since `version`, as the incremental analysis takes them. */
function lineChange(store: TextStore, version: number): LineChange | undefined {
  const changed = store.changedLinesSince(version);
  if (!changed) return undefined;
  const lines: string[] = [];
  for (let line = changed.from; line < changed.newTo; line++) lines.push(store.lineAt(line));
  return { from: changed.from, to: changed.oldTo, lines, text: store.getText() };
}

function sameKey(key: Key, document: TextDocument, settings: RouteLensSettings): boolean {
  return key.version === document.version && key.settings === settings;
}
