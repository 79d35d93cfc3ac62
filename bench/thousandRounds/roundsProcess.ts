import { Writable } from 'node:stream';
import { REST } from 'discord.js';
import type { RoundObserver } from '../../src/app/roundObserver.ts';
import { createStudyApp, type StudyApp } from '../../src/app/studyApp.ts';
import { loadBank } from '../../src/bank/loadBank.ts';
import { seededRandom } from '../../src/core/random.ts';
import { realScheduler } from '../../src/core/scheduler.ts';
import { restMessenger } from '../../src/discord/channelMessenger.ts';
import { createRestAgent } from '../../src/discord/restAgent.ts';
import { RoundPresenter } from '../../src/discord/roundPresenter.ts';
import { createLogger } from '../../src/logger.ts';
import { createScoreStore } from '../../src/store/createScoreStore.ts';

export interface RoundsJob {
  apiUrl: string;
  token: string;
  bankDir: string;
  channels: { guildId: string; channelId: string }[];
  questions: number;
  seconds: number;
  revealSeconds: number;
  answersPerQuestion: number;
}

export interface RoundsReport {
  drifts: number[];
  rssMbMax: number;
  failures: number;
}

/**
 * The bot's engine and presenter with real timers, in a process of their own, running one round
 * per channel at once; simulated members answer through the engine at random moments. Posts and
 * edits go through discord.js's REST client to the loopback in the parent.
 */
async function run(job: RoundsJob): Promise<RoundsReport> {
  const { bank } = await loadBank([job.bankDir]);
  // Discord grants large bots a raised global limit; at the default 50 requests/s, 1,000 channels
  // need 40 s per question just for posts and reveals, which measures Discord, not the bot.
  // The same bounded connection pool the bot gives discord.js.
  const rest = new REST({
    api: job.apiUrl,
    globalRequestsPerSecond: 100_000,
    agent: createRestAgent(),
  }).setToken(job.token);
  let failures = 0;
  const logger = createLogger({
    level: 'warn',
    secrets: [job.token],
    destination: new Writable({
      write(_chunk, _encoding, done) {
        failures++;
        done();
      },
    }),
  });
  const store = createScoreStore({ kind: 'memory' });
  await store.load();
  const presenter = new RoundPresenter({
    app: () => app,
    messenger: restMessenger(rest),
    scheduler: realScheduler,
    logger,
  });
  const drifts: number[] = [];
  let ended = 0;
  let allEnded: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    allEnded = resolve;
  });
  const random = seededRandom(7);
  // Simulated members answer through the same use case as a click, at random moments.
  const members: RoundObserver = {
    questionOpened(round, index) {
      for (let a = 0; a < job.answersPerQuestion; a++) {
        setTimeout(
          () => {
            const question = round.currentQuestion;
            const choices = question?.type === 'multiple-choice' ? question.choices.length : 2;
            const { guildId, channelId } = round.place;
            const origin = { roundId: round.id, questionIndex: index, guildId, channelId, postId: undefined };
            app.rounds.answer({ ...origin, userId: `member-${a}` }, `Member ${a}`, {
              kind: 'choice',
              index: Math.floor(random() * choices),
            });
          },
          random() * job.seconds * 800,
        );
      }
    },
    answerLocked() {},
    questionClosed(round) {
      // How late the question closed against the deadline its timer was set for.
      drifts.push(Date.now() - round.deadline);
    },
    roundEnded() {
      if (++ended === job.channels.length) allEnded();
    },
  };
  const app: StudyApp = createStudyApp({
    bank: () => bank,
    store,
    scheduler: realScheduler,
    random: seededRandom(1),
    logger,
    defaults: {
      count: job.questions,
      seconds: job.seconds,
      scoring: 'speed',
      revealSeconds: job.revealSeconds,
    },
    observers: [members, presenter],
    // Shorter questions than members may ask for, so a thousand rounds fit in a bench run.
    limits: { count: { min: 1, max: 50 }, seconds: { min: 1, max: 120 } },
  });
  let rssMbMax = 0;
  const sampler = setInterval(() => {
    rssMbMax = Math.max(rssMbMax, process.memoryUsage.rss() / 1024 ** 2);
  }, 100);
  for (const { guildId, channelId } of job.channels) {
    const started = app.rounds.start({
      guildId,
      channelId,
      starter: { userId: 'starter', canModerate: false },
    });
    if (!started.ok) throw new Error(`round not started: ${started.reason}`);
    app.rounds.begin(started.round);
  }
  await finished;
  await presenter.idle();
  clearInterval(sampler);
  rssMbMax = Math.max(rssMbMax, process.memoryUsage.rss() / 1024 ** 2);
  return { drifts, rssMbMax, failures };
}

process.once('message', (job: RoundsJob) => {
  run(job).then(
    (report) => process.send?.(report, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
