import { parentPort } from 'node:worker_threads';

// A worker entry that never answers: what a file built to make the parser spin looks like.
parentPort?.once('message', () => {
  for (;;) {
    // spin
  }
});
parentPort?.postMessage({ ready: true });
