import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLoopback } from '../../src/loopback/index.ts';
import type { Scenario } from '../benchTypes.ts';
import { generateBank } from '../generateBank.ts';
import { percentile, round2 } from '../percentile.ts';
import type { RoundsJob, RoundsReport } from '../thousandRounds/roundsProcess.ts';

const SIZES = {
  full: { rounds: 1000, questions: 3, seconds: 5, revealSeconds: 2 },
  quick: { rounds: 1000, questions: 1, seconds: 3, revealSeconds: 1 },
  tiny: { rounds: 50, questions: 1, seconds: 2, revealSeconds: 0 },
} as const;

// Beside this file: TypeScript run through tsx, or JavaScript in the compiled build.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const SCRIPT = path.resolve(
  import.meta.dirname,
  `../thousandRounds/roundsProcess.${FROM_SOURCE ? 'ts' : 'js'}`,
);

/**
 * 1,000 rounds started in the same instant in 1,000 channels, so every question opens and
 * closes at once: the worst case for timers. The loopback's rate limits are off here (see
 * roundsProcess.ts for the client's).
 */
export const thousandRoundsScenario: Scenario = {
  name: 'rounds',
  async run(context) {
    const size = SIZES[context.scale];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'studyquiz-rounds-'));
    const loopback = await startLoopback({ rateLimits: 'off', waitTimeoutMs: 120_000 });
    try {
      await generateBank(dir, { questions: 60, topics: 3, concepts: 20, multipleChoiceOnly: true });
      const channels: RoundsJob['channels'] = [];
      for (let g = 0; channels.length < size.rounds; g++) {
        const names = Array.from(
          { length: Math.min(100, size.rounds - channels.length) },
          (_, i) => `quiz-${i}`,
        );
        const guild = loopback.world.createGuild({ name: `School ${g}`, channels: names });
        for (const channel of guild.channels) channels.push({ guildId: guild.id, channelId: channel.id });
      }
      const job: RoundsJob = {
        apiUrl: loopback.apiUrl,
        token: loopback.token,
        bankDir: dir,
        channels,
        questions: size.questions,
        seconds: size.seconds,
        revealSeconds: size.revealSeconds,
        answersPerQuestion: 5,
      };
      context.progress(`${size.rounds} rounds at once, ${size.questions} question(s) of ${size.seconds} s`);
      const child = fork(SCRIPT, [], {
        execArgv: [
          ...(FROM_SOURCE ? ['--import', 'tsx'] : []),
          // BENCH_CPU_PROF=<dir>: a CPU profile of the rounds process, as for the bot processes.
          ...(process.env.BENCH_CPU_PROF
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
            : []),
        ],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      const report = await new Promise<RoundsReport>((resolve, reject) => {
        child.once('message', (message) => resolve(message as RoundsReport));
        child.once('exit', (code) => reject(new Error(`the rounds process exited with ${code}`)));
        child.send(job);
      });
      const rssMbFor1000Rounds = round2(report.rssMbMax);
      const deadlineDriftP99Ms = round2(percentile(report.drifts, 99));
      const expected = size.rounds * size.questions;
      return [
        {
          name: `${size.rounds} rounds at once in ${size.rounds} channels (engine + presenter, real timers)`,
          metrics: {
            rssMbFor1000Rounds,
            deadlineDriftP99Ms,
            questionsClosed: report.drifts.length,
            failedDiscordCalls: report.failures,
          },
          goal: `rss < 200 MB, drift p99 < 100 ms, all ${expected} questions closed`,
          pass:
            rssMbFor1000Rounds < 200 &&
            deadlineDriftP99Ms < 100 &&
            report.drifts.length === expected &&
            report.failures === 0,
        },
      ];
    } finally {
      await loopback.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
