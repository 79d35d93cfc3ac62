import { parentPort } from 'node:worker_threads';
import { readTopicUpload, type TopicUploadInput } from '../bank/topicUpload.ts';

// The entry of the worker thread an upload is read in (see workerTask.ts for the protocol).
parentPort?.once('message', (input: TopicUploadInput) => {
  parentPort?.postMessage({ value: readTopicUpload(input) });
});
parentPort?.postMessage({ ready: true });
