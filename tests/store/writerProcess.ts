// Records and flushes results in a loop until killed, printing `writing` when a write has created
// its temporary file and `flushed <n>` once the first n results are durable. Used by the SIGKILL
// test: node --import tsx tests/store/writerProcess.ts FILE
import { JsonScoreStore } from '../../src/store/JsonScoreStore.ts';
import { writeFileDurably } from '../../src/store/writeFileDurably.ts';
import { KILL_GUILD, KILL_MEMBERS, killResult } from './killSequence.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: writerProcess.ts FILE');

const store = new JsonScoreStore(file, (path, data) =>
  writeFileDurably(path, data, { tmpfileCreated: () => void process.stdout.write('writing\n') }),
);
await store.load();
let recorded = 0;
for (const id of KILL_MEMBERS) recorded += (await store.memberStats(KILL_GUILD, id))?.answered ?? 0;
process.stdout.write(`ready ${recorded}\n`);

for (;;) {
  const batch = 1 + (recorded % 4);
  const saves: Promise<void>[] = [];
  for (let k = 0; k < batch; k++) saves.push(store.record(killResult(recorded++)));
  await Promise.all(saves);
  process.stdout.write(`flushed ${recorded}\n`);
}
