import type { BenchContext, Scenario, ScenarioResult } from '../benchTypes.ts';
import { startDiscordWorld } from '../discordWorld.ts';
import { percentile, round2 } from '../percentile.ts';
import { playRound } from '../playRound.ts';

const SIZES = {
  full: { class: 300, crowd: 2000, questions: 3, seconds: 10, revealSeconds: 2 },
  quick: { class: 300, crowd: 2000, questions: 1, seconds: 5, revealSeconds: 1 },
  tiny: { class: 20, crowd: 60, questions: 1, seconds: 5, revealSeconds: 0 },
} as const;

/**
 * The four rows measured through discord.js and the loopback: a class of 300, a crowd of 2,000,
 * Discord calls per question for 3 and for 300 players, and the bot's memory after the class.
 * Each bot is a fresh `studyquiz start` process; the crowd gets its own, so its memory and
 * caches start from the same point as the class's.
 */
export const discordScenarios: Scenario = {
  name: 'discord',
  async run(context: BenchContext): Promise<ScenarioResult[]> {
    const size = SIZES[context.scale];
    const world = await startDiscordWorld({ memberCount: size.crowd, revealSeconds: size.revealSeconds });
    try {
      const round = { starter: world.starter, questions: size.questions, seconds: size.seconds };
      let bot = await world.startBot();
      const rssAtReady = await bot.rssMb();
      context.progress(`class: ${size.class} members, ${size.questions} question(s)`);
      const classRound = await playRound(world.loopback, {
        ...round,
        channelId: world.channel('class'),
        players: world.members.slice(0, size.class),
        spreadMs: 1000,
        botCpuUs: bot.cpuUs,
      });
      // Let the summary's work settle, as a bot between rounds would be.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const rssAfterClass = await bot.rssMb();
      context.progress('a round of 3 players');
      const small = await playRound(world.loopback, {
        ...round,
        channelId: world.channel('small'),
        players: world.members.slice(0, 3),
        spreadMs: 1000,
      });
      await bot.stop();

      bot = await world.startBot();
      context.progress(`crowd: ${size.crowd} members in 0.5 s`);
      const crowd = await playRound(world.loopback, {
        ...round,
        questions: 1,
        channelId: world.channel('crowd'),
        players: world.members.slice(0, size.crowd),
        spreadMs: 500,
        botCpuUs: bot.cpuUs,
      });
      await bot.stop();

      const clickAckP50Ms = round2(percentile(classRound.ackLatencies, 50));
      const clickAckP99Ms = round2(percentile(classRound.ackLatencies, 99));
      const crowdAckP99Ms = round2(percentile(crowd.ackLatencies, 99));
      const restCallsPerQuestion3 = round2(small.restCallsPerQuestion);
      const restCallsPerQuestion300 = round2(classRound.restCallsPerQuestion);
      const rateLimited = classRound.rateLimited + small.rateLimited + crowd.rateLimited;
      const callBudget = 2 + size.seconds / 5;
      const rssMbAfterClass = round2(rssAfterClass);
      const cpuPerClickUs = round2(Math.max(classRound.cpuPerClickUs, crowd.cpuPerClickUs));
      return [
        {
          name: `class: ${size.class} members click over 1 s, ${size.questions} question(s)`,
          metrics: { clickAckP50Ms, clickAckP99Ms, failedInteractions: classRound.failed },
          goal: 'p99 ≤ 3 ms, p50 ≤ 1 ms, 0 failed',
          pass: clickAckP99Ms <= 3 && clickAckP50Ms <= 1 && classRound.failed === 0,
        },
        {
          name: 'bot CPU per click (process CPU over the burst ÷ clicks, the larger of class and crowd)',
          metrics: {
            cpuPerClickUs,
            classCpuPerClickUs: round2(classRound.cpuPerClickUs),
            crowdCpuPerClickUs: round2(crowd.cpuPerClickUs),
          },
          goal: 'cpuPerClickUs ≤ 150 µs',
          pass: cpuPerClickUs <= 150,
        },
        {
          name: `crowd: ${size.crowd} members click over 0.5 s`,
          metrics: {
            crowdAckP50Ms: round2(percentile(crowd.ackLatencies, 50)),
            crowdAckP99Ms,
            crowdFailedInteractions: crowd.failed,
          },
          goal: 'p99 < 150 ms, 0 failed',
          pass: crowdAckP99Ms < 150 && crowd.failed === 0,
        },
        {
          name: `Discord calls per question besides acknowledgements, 3 vs ${size.class} players (${size.seconds} s questions)`,
          metrics: { restCallsPerQuestion3, restCallsPerQuestion300, rateLimited },
          goal: `equal (±1), ≤ ${callBudget} (2 + seconds/5), 0 answers of 429`,
          pass:
            Math.abs(restCallsPerQuestion3 - restCallsPerQuestion300) <= 1 &&
            Math.max(restCallsPerQuestion3, restCallsPerQuestion300) <= callBudget &&
            rateLimited === 0,
        },
        {
          name: `memory of the bot process after the ${size.class}-member round`,
          metrics: { rssMbAfterClass, rssMbAtReady: round2(rssAtReady) },
          goal: 'rssMbAfterClass < 100 MB',
          pass: rssMbAfterClass < 100,
        },
      ];
    } finally {
      await world.close();
    }
  },
};
