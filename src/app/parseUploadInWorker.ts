import type { TopicUploadResult } from '../bank/topicUpload.ts';
import type { UploadParser } from './serverBanks.ts';
import { runInWorker } from './workerTask.ts';

/** The entry beside this file: .ts from the sources, .js from the build. */
const ENTRY = new URL(
  `./topicUploadWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/** Reads uploads in a worker thread, one worker per upload, stopped past the time limit. */
export function parseUploadInWorker(timeLimitMs: number): UploadParser {
  return async (input) => {
    const outcome = await runInWorker<typeof input, TopicUploadResult>(ENTRY, input, { timeLimitMs });
    if (outcome.ok) return outcome.value;
    if (outcome.reason === 'timed-out') return 'timed-out';
    if ((outcome.error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return 'out-of-memory';
    throw outcome.error;
  };
}
