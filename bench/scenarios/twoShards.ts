import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { deployCommandsCommand } from '../../src/cli/deployCommandsCommand.ts';
import { type MemberDriver, startLoopback } from '../../src/loopback/index.ts';
import { PACKAGE_ROOT } from '../../src/packageRoot.ts';
import type { Scenario } from '../benchTypes.ts';
import { startEmbeddedPostgres } from '../embeddedPostgres.ts';
import { generateBank } from '../generateBank.ts';
import { percentile, round2 } from '../percentile.ts';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'studyquiz.js');

/** Questions of 5 s, the shortest /quiz start allows; rounds are started 100 at a time. */
const SIZES = {
  full: { rounds: 1000, questions: 2, revealSeconds: 2 },
  quick: { rounds: 1000, questions: 1, revealSeconds: 1 },
  tiny: { rounds: 20, questions: 1, revealSeconds: 0 },
} as const;
const SECONDS = 5;
const BATCH = 100;
const CHANNELS_PER_GUILD = 100;

type LogLine = Record<string, unknown> & { msg?: string; shard?: unknown };

/** The manager's and the shards' JSON log lines, as they arrive, with a wait for a count of them. */
function collectLogs(child: ChildProcess) {
  const lines: LogLine[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    if (!text.startsWith('{')) return;
    lines.push(JSON.parse(text) as LogLine);
    for (const waiter of waiters.filter((w) => w.test())) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const count = (msg: string) => lines.filter((line) => line.msg === msg).length;
  return {
    lines,
    of: (msg: string) => lines.filter((line) => line.msg === msg),
    waitFor(msg: string, n: number, what: string): Promise<void> {
      return new Promise((resolve, reject) => {
        if (count(msg) >= n) return resolve();
        const exit = () => reject(new Error(`the bot exited before ${what}`));
        child.once('exit', exit);
        waiters.push({
          test: () => count(msg) >= n,
          resolve: () => {
            child.off('exit', exit);
            resolve();
          },
        });
      });
    },
  };
}

/** Peak resident memory of a process (VmHWM, what it needed at its busiest), in MB. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/**
 * `studyquiz start --shards 2` as a server runs it: the ShardingManager and two shard processes
 * on one PostgreSQL, against a loopback Discord whose guilds are split between the shards. Every
 * round is started by a member's /quiz start; the shards log how late each question's close
 * timer fired (debug), and each process's peak memory is read from the kernel.
 */
export const twoShardsScenario: Scenario = {
  name: 'two shards',
  async run(context) {
    const size = SIZES[context.scale];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'studyquiz-shards-'));
    const postgres = await startEmbeddedPostgres({ durable: true });
    const loopback = await startLoopback({ rateLimits: 'off', shards: 2, waitTimeoutMs: 300_000 });
    let child: ChildProcess | undefined;
    try {
      await generateBank(dir, { questions: 60, topics: 3, concepts: 20, multipleChoiceOnly: true });
      const places: { member: MemberDriver; channelId: string }[] = [];
      // At least one guild per shard, the rounds shared evenly between them.
      const guilds = Math.max(2, Math.ceil(size.rounds / CHANNELS_PER_GUILD));
      const perGuild = Math.ceil(size.rounds / guilds);
      for (let g = 0; places.length < size.rounds; g++) {
        const names = Array.from(
          { length: Math.min(perGuild, size.rounds - places.length) },
          (_, i) => `quiz-${i}`,
        );
        const guild = loopback.world.createGuild({ name: `School ${g}`, channels: names, shard: [g % 2, 2] });
        const member = loopback.driver.join(guild.id, { username: `teacher-${g}` });
        for (const channel of guild.channels) places.push({ member, channelId: channel.id });
      }
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: loopback.token,
        DISCORD_APPLICATION_ID: loopback.applicationId,
        DISCORD_API_URL: loopback.apiUrl,
        STORE: 'postgres',
        DATABASE_URL: postgres.url(),
        QUESTIONS_DIR: dir,
        QUIZ_REVEAL_SECONDS: String(size.revealSeconds),
        LOG_LEVEL: 'debug',
      };
      const deployed = await deployCommandsCommand([], {
        stdin: process.stdin,
        stdout: { write: () => true },
        stderr: { write: () => true },
        env,
      });
      if (deployed !== 0) throw new Error('deploy-commands failed');
      context.progress('starting the manager and 2 shard processes');
      child = spawn(process.execPath, [BIN, 'start', '--shards', '2'], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const logs = collectLogs(child);
      await logs.waitFor('every shard is ready', 1, 'every shard was ready');

      context.progress(`${size.rounds} rounds over 2 shards, ${size.questions} question(s) of ${SECONDS} s`);
      let failedStarts = 0;
      for (let i = 0; i < places.length; i += BATCH) {
        const batch = places
          .slice(i, i + BATCH)
          .map(({ member, channelId }) =>
            member
              .runCommand(
                'quiz',
                { subcommand: 'start', options: { count: size.questions, seconds: SECONDS } },
                { channelId },
              )
              .acknowledged({ timeoutMs: 60_000 }),
          );
        failedStarts += (await Promise.allSettled(batch)).filter((r) => r.status === 'rejected').length;
      }
      const startsDone = Date.now();
      await logs.waitFor('round ended', size.rounds - failedStarts, 'every round ended');

      const shardPids = new Map<number, number>();
      for (const line of logs.of('shard process started'))
        shardPids.set(line.shardId as number, line.pid as number);
      const rss = await Promise.all([0, 1].map((id) => peakRssMb(shardPids.get(id) ?? 0)));
      const managerRssMb = await peakRssMb(child.pid ?? 0);
      const closes = logs.of('question closed');
      const drifts = closes.map((line) => line.lateMs as number);
      // Closes once every round was started: no burst of /quiz start interactions in the shards.
      const afterStarts = closes
        .filter((line) => (line.time as number) > startsDone)
        .map((line) => line.lateMs as number);
      const perShard = [0, 1].map((id) => closes.filter((line) => line.shard === id).length);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      const expected = size.rounds * size.questions;
      const deadlineDriftP99Ms = round2(percentile(drifts, 99));
      return [
        {
          name: `${size.rounds} rounds over 2 shard processes (studyquiz start --shards 2, PostgreSQL)`,
          metrics: {
            shardsDeadlineDriftP99Ms: deadlineDriftP99Ms,
            shardsDeadlineDriftP50Ms: round2(percentile(drifts, 50)),
            shardsDriftP99AfterStartsMs: round2(percentile(afterStarts, 99)),
            shardsQuestionsClosed: drifts.length,
            shard0QuestionsClosed: perShard[0] ?? 0,
            shard1QuestionsClosed: perShard[1] ?? 0,
            shard0RssMb: round2(rss[0] ?? Number.NaN),
            shard1RssMb: round2(rss[1] ?? Number.NaN),
            managerRssMb: round2(managerRssMb),
            failedStarts,
            // discord.js's own global limit (50 requests/s) holding back posts and edits.
            clientRateLimited: logs.of('rate limited').length,
            managerExitCode: typeof code === 'number' ? code : -1,
          },
          goal: `drift p99 < 100 ms, all ${expected} questions closed, every shard's RSS reported, exit 0 on SIGTERM`,
          pass:
            deadlineDriftP99Ms < 100 &&
            drifts.length === expected &&
            failedStarts === 0 &&
            rss.every(Number.isFinite) &&
            code === 0,
        },
      ];
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      await loopback.close();
      await postgres.remove();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
