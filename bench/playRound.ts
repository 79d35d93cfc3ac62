import { performance } from 'node:perf_hooks';
import {
  type InteractionRecord,
  type Loopback,
  loopbackRoutes,
  type Member,
  type StoredMessage,
} from '../src/loopback/index.ts';

export interface RoundPlan {
  channelId: string;
  starter: Member;
  players: readonly Member[];
  questions: number;
  seconds: number;
  /** Each question's clicks are spread evenly over this many ms, starting when it is posted. */
  spreadMs: number;
  /** The bot's CPU time so far in µs, read before and after each burst. */
  botCpuUs?: () => Promise<number>;
}

export interface RoundFigures {
  /** Dispatch → acknowledgement of every click that was acknowledged, in ms. */
  ackLatencies: number[];
  /** Clicks never acknowledged, or acknowledged after Discord's 3 s. */
  failed: number;
  clicks: number;
  /** REST calls of the round other than interaction callbacks, per question (the summary post excluded). */
  restCallsPerQuestion: number;
  /** 429 answers the loopback gave during the round. */
  rateLimited: number;
  /** The bot's CPU time over the bursts divided by the clicks, in µs (NaN unless measured). */
  cpuPerClickUs: number;
}

const ACK_DEADLINE_MS = 3000;

type Row = { components?: { custom_id?: string; disabled?: boolean }[] };

function answerButtons(message: StoredMessage): string[] {
  return (message.components as Row[])
    .flatMap((row) => row.components ?? [])
    .flatMap((c) => (c.custom_id?.startsWith('quiz:answer:') && !c.disabled ? [c.custom_id] : []));
}

function titleOf(message: StoredMessage): string {
  return ((message.embeds[0] ?? {}) as { title?: string }).title ?? '';
}

/** Calls `act(i)` for i = 0…count-1, the i-th at i·spreadMs/count ms from now. */
function spread<T>(count: number, spreadMs: number, act: (i: number) => T): Promise<T[]> {
  const done: T[] = [];
  const start = performance.now();
  return new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(count, Math.floor(((performance.now() - start) / spreadMs) * count) + 1);
      while (done.length < due) done.push(act(done.length));
      if (done.length < count) setTimeout(tick, 1);
      else resolve(done);
    };
    tick();
  });
}

/** Resolves once every record is acknowledged or Discord's deadline has passed for it. */
async function settled(records: readonly InteractionRecord[]): Promise<void> {
  const last = Math.max(...records.map((r) => r.dispatchedAt));
  while (records.some((r) => r.ackedAt === null) && performance.now() < last + ACK_DEADLINE_MS + 500) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Plays one round as Discord's members would: `/quiz start`, then every player clicks an answer
 * on each question, the clicks spread over `spreadMs`. Waits are polled, not run on every loopback
 * change, so that watching a 2,000-click burst costs the loopback nothing.
 */
export async function playRound(loopback: Loopback, plan: RoundPlan): Promise<RoundFigures> {
  const driver = loopback.driver;
  const firstRequest = driver.requests.length;
  const rateLimitedBefore = driver.rateLimitedCount;
  const timeoutMs = (plan.seconds + 30) * 1000;
  await driver
    .as(plan.starter)
    .runCommand(
      'quiz',
      { subcommand: 'start', options: { count: plan.questions, seconds: plan.seconds } },
      { channelId: plan.channelId },
    )
    .reply({ timeoutMs });

  const records: InteractionRecord[] = [];
  let burstCpuUs = 0;
  for (let n = 1; n <= plan.questions; n++) {
    const message = await driver.waitForMessage(
      plan.channelId,
      (m) => !m.ephemeral && titleOf(m).startsWith(`Question ${n} of`),
      { timeoutMs },
    );
    const buttons = answerButtons(message);
    const cpuBefore = (await plan.botCpuUs?.()) ?? Number.NaN;
    const clicks = await spread(plan.players.length, plan.spreadMs, (i) => {
      const member = plan.players[i] as Member;
      const choice = buttons[(i * 7 + n) % buttons.length] as string;
      return driver.as(member).click(message, choice).record;
    });
    records.push(...clicks);
    await settled(clicks);
    burstCpuUs += ((await plan.botCpuUs?.()) ?? Number.NaN) - cpuBefore;
    await driver.waitForEdit(message, (m) => answerButtons(m).length === 0, { timeoutMs });
  }
  await driver.waitForMessage(plan.channelId, (m) => titleOf(m).startsWith('Round over'), { timeoutMs });

  const calls = driver.requests
    .slice(firstRequest)
    .filter((r) => r.routeKey !== loopbackRoutes.interactionCallback).length;
  const ackLatencies: number[] = [];
  let failed = 0;
  for (const record of records) {
    if (record.ackedAt === null) {
      failed++;
      continue;
    }
    const ms = record.ackedAt - record.dispatchedAt;
    ackLatencies.push(ms);
    if (ms > ACK_DEADLINE_MS) failed++;
  }
  return {
    ackLatencies,
    failed,
    clicks: records.length,
    restCallsPerQuestion: (calls - 1) / plan.questions,
    rateLimited: driver.rateLimitedCount - rateLimitedBefore,
    cpuPerClickUs: burstCpuUs / records.length,
  };
}
