// Records and flushes results in a loop until killed, printing `writing` when a write has created
// its temporary file and `flushed <n>` once the first n results are durable. Used by the SIGKILL
// test: node --import tsx tests/store/writerProcess.ts FILE
import { createScoreStore } from '../../src/store/ScoreStore.ts';
import { writeFileDurably } from '../../src/store/writeFileDurably.ts';
import { KILL_GUILD, KILL_MEMBERS, killResult } from './killSequence.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: writerProcess.ts FILE');

const store = createScoreStore({
  kind: 'json',
  file,
  writeFile: (path, data) =>
    writeFileDurably(path, data, { tmpfileCreated: () => void process.stdout.write('writing\n') }),
});
await store.load();
let recorded = KILL_MEMBERS.reduce((sum, id) => sum + (store.memberStats(KILL_GUILD, id)?.answered ?? 0), 0);
process.stdout.write(`ready ${recorded}\n`);

for (;;) {
  const batch = 1 + (recorded % 4);
  for (let k = 0; k < batch; k++) store.record(killResult(recorded++));
  await store.flush();
  process.stdout.write(`flushed ${recorded}\n`);
}
