import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export type WorkerOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'timed-out' }
  | { ok: false; reason: 'failed'; error: Error };

export interface WorkerTaskOptions {
  /** Measured from when the worker is ready, so its start-up does not count. */
  timeLimitMs: number;
  /** Heap a worker may use: a file built to blow up the parser stops the worker, not the bot. */
  maxHeapMb?: number;
}

/**
 * Runs one task in a worker thread and ends the worker once it answers, fails or runs out of time.
 * The entry posts `{ ready: true }` once loaded, then answers the input with `{ value }`.
 */
export function runInWorker<I, T>(
  entry: URL,
  input: I,
  options: WorkerTaskOptions,
): Promise<WorkerOutcome<T>> {
  const typescript = entry.pathname.endsWith('.ts');
  // Workers do not inherit the loader the sources run with: a TypeScript entry is imported through tsx.
  const worker = new Worker(typescript ? TSX_BOOTSTRAP : entry, {
    ...(typescript ? { eval: true, workerData: { api: tsxApi(), entry: entry.href } } : {}),
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 256 },
    stdout: false,
    stderr: false,
  });
  return new Promise<WorkerOutcome<T>>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (outcome: WorkerOutcome<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    worker.on('message', (message: { ready?: true; value?: T }) => {
      if (message.ready) {
        timer = setTimeout(() => finish({ ok: false, reason: 'timed-out' }), options.timeLimitMs);
        worker.postMessage(input);
        return;
      }
      finish({ ok: true, value: message.value as T });
    });
    worker.on('error', (error) => finish({ ok: false, reason: 'failed', error }));
    worker.on('exit', (code) =>
      finish({ ok: false, reason: 'failed', error: new Error(`the worker exited with code ${code}`) }),
    );
  });
}

const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.api).then((tsx) => tsx.tsImport(workerData.entry, workerData.entry));
`;

function tsxApi(): string {
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  return pathToFileURL(path.join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
}
