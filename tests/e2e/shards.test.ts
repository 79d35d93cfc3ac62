import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Bank, loadBank } from '../../src/bank/loadBank.ts';
import { deployCommandsCommand } from '../../src/cli/deployCommandsCommand.ts';
import type { Question } from '../../src/core/question.ts';
import {
  type Guild,
  type Loopback,
  type MemberDriver,
  type StoredMessage,
  startLoopback,
} from '../../src/loopback/index.ts';
import { captureIo } from '../support/captureIo.ts';
import { startPostgres, type TestPostgres } from '../support/startPostgres.ts';
import {
  answerQuestion,
  buttonIds,
  embedOf,
  embedText,
  isQuestionMessage,
  SAMPLE_BANK,
} from './botHarness.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/studyquiz.js');
/** Two shard processes start 5.5 s apart and load the bank each, on a busy machine. */
const SLOW = { timeoutMs: 120_000 };

interface Started {
  process: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** The JSON log lines with this `msg`. */
  logs(msg: string): Record<string, unknown>[];
}

function run(args: string[], env: NodeJS.ProcessEnv): Started {
  const spawned = spawn(process.execPath, [BIN, 'start', ...args], {
    env: { PATH: process.env.PATH, ...env },
    cwd: path.resolve(import.meta.dirname, '../fixtures'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  spawned.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  spawned.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(spawned, 'exit').then(([code]) => code as number | null);
  const logs = (msg: string) =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === msg);
  return { process: spawned, output: () => output, exited, logs };
}

let bank: Bank;
let postgres: TestPostgres;
beforeAll(async () => {
  bank = (await loadBank([SAMPLE_BANK])).bank;
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.remove());

function questionOf(message: StoredMessage): Question {
  const prompt = (embedOf(message).description ?? '').split('\n')[0];
  const question = bank.questions.find((q) => q.prompt === prompt);
  if (!question) throw new Error(`no question with prompt ${prompt}`);
  return question;
}

/** What a reveal shows a member scored on it: `Name **+N**`. */
function pointsShown(reveal: StoredMessage, name: string): number {
  const match = new RegExp(`${name} \\*\\*\\+(\\d+)\\*\\*`).exec(embedText(reveal));
  return match ? Number(match[1]) : 0;
}

const isRevealed = (m: StoredMessage) => embedText(m).includes('✅');

describe('studyquiz start --shards 2 under the ShardingManager', () => {
  let loopback: Loopback;
  let started: Started;
  let zero: Guild;
  let one: Guild;
  const channel = (guild: Guild) => guild.channels[0]?.id ?? '';

  beforeAll(async () => {
    loopback = await startLoopback({
      rateLimits: 'off',
      shards: 2,
      waitTimeoutMs: 120_000,
      ackDeadlineMs: 15_000,
    });
    zero = loopback.world.createGuild({ name: 'Shard Zero', channels: ['quiz'], shard: [0, 2] });
    one = loopback.world.createGuild({ name: 'Shard One', channels: ['quiz'], shard: [1, 2] });
    const env = {
      DISCORD_TOKEN: loopback.token,
      DISCORD_APPLICATION_ID: loopback.applicationId,
      DISCORD_API_URL: loopback.apiUrl,
      STORE: 'postgres',
      DATABASE_URL: await postgres.createDatabase(),
      QUESTIONS_DIR: SAMPLE_BANK,
      QUIZ_REVEAL_SECONDS: '0',
      LOG_LEVEL: 'debug',
      // discord.js reads these itself; the shards must not identify with them.
      SHARDS: '5',
      SHARD_COUNT: '7',
    };
    expect(await deployCommandsCommand([], captureIo('', env).io)).toBe(0);
    started = run(['--shards', '2'], env);
    await loopback.driver.gateway.waitUntilShardOnline(0, 2, SLOW);
    await loopback.driver.gateway.waitUntilShardOnline(1, 2, SLOW);
    // Signals are forwarded once every shard is up.
    await vi.waitFor(() => expect(started.logs('every shard is ready')).toHaveLength(1), {
      timeout: 120_000,
    });
    // A shard logs "bot ready" once its answer path is warm, a moment after it tells the manager.
    await vi.waitFor(() => expect(started.logs('bot ready')).toHaveLength(2), { timeout: 120_000 });
  }, 300_000);

  afterAll(async () => {
    if (started?.process.exitCode === null) {
      started.process.kill('SIGKILL');
      for (const log of started.logs('shard process started')) {
        try {
          process.kill(log.pid as number, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await started.exited;
    }
    await loopback?.close();
  });

  it('GIVEN SHARDS and SHARD_COUNT in the environment THEN each shard identified as its own [id, 2], one process each', () => {
    expect(loopback.driver.gateway.stats.identifiedShards).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const pids = started.logs('shard process started').map((log) => log.pid);
    expect(new Set([...pids, started.process.pid]).size).toBe(3);
    const ready = started.logs('bot ready');
    expect(ready.map((log) => [log.shard, log.guilds]).sort()).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(started.logs('starting shards')[0]).toMatchObject({ shard: 'manager' });
  });

  it('GIVEN rounds on both shards WHEN shard 1 is killed mid-round THEN shard 0 plays on, the respawned shard answers stale clicks politely, and every point shown is kept', async () => {
    const ann = loopback.driver.as(loopback.world.addMember(zero.id, { username: 'ann', nick: 'Ann' }));
    const bo = loopback.driver.as(loopback.world.addMember(one.id, { username: 'bo', nick: 'Bo' }));
    const startRound = (member: MemberDriver, guild: Guild, seconds: number) =>
      member
        .runCommand(
          'quiz',
          { subcommand: 'start', options: { count: 3, seconds, topic: 'sample', difficulty: 'medium' } },
          { channelId: channel(guild) },
        )
        .reply(SLOW);
    await Promise.all([startRound(ann, zero, 10), startRound(bo, one, 5)]);
    const question = (guild: Guild, n: number) =>
      loopback.driver.waitForMessage(channel(guild), (m) => isQuestionMessage(m, n), SLOW);
    const answerRight = async (member: MemberDriver, message: StoredMessage) => {
      const q = questionOf(message);
      if (q.type === 'open') return;
      await (await answerQuestion(member, message, q, true)).acknowledged(SLOW);
    };

    // Medium: three scored questions, none for discussion, so each reveal shows points.
    // Shard 0's round runs through, answered right each time, while shard 1 is killed and restarted.
    const shardZeroRound = (async () => {
      let shown = 0;
      for (const n of [1, 2, 3]) {
        const message = await question(zero, n);
        await answerRight(ann, message);
        shown += pointsShown(await loopback.driver.waitForEdit(message, isRevealed, SLOW), 'Ann');
      }
      return shown;
    })();

    const first = await question(one, 1);
    await answerRight(bo, first);
    const boShown = pointsShown(await loopback.driver.waitForEdit(first, isRevealed, SLOW), 'Bo');
    const second = await question(one, 2);
    const shardOnePid = started.logs('shard process started').find((log) => log.shardId === 1)?.pid as number;
    process.kill(shardOnePid, 'SIGKILL');

    await loopback.driver.waitFor(() => loopback.driver.gateway.stats.identifiedShards.length === 3, SLOW);
    await loopback.driver.gateway.waitUntilShardOnline(1, 2, SLOW);
    expect(loopback.driver.gateway.stats.identifiedShards[2]).toEqual([1, 2]);
    // The question the dead process left open: a click on it gets a private, polite answer.
    const stale = await bo.click(second, buttonIds(second)[0] as string).reply(SLOW);
    expect(stale.ephemeral).toBe(true);
    expect(stale.content).toBe('This round is no longer running (it may have ended or the bot restarted).');
    // A button the router answers (a discussion question's model answer), for the same dead round.
    const roundId = (buttonIds(second)[0] as string).split(':')[2];
    const routed = await bo.click(second, `quiz:model:${roundId}:1`, { force: true }).reply(SLOW);
    expect(routed.ephemeral).toBe(true);
    expect(routed.content).toBe('This round is no longer running (it may have ended or the bot restarted).');

    const annShown = await shardZeroRound;
    const summary = await loopback.driver.waitForMessage(
      channel(zero),
      (m) => /^Round over/.test(embedOf(m).title ?? ''),
      SLOW,
    );
    expect(embedText(summary)).toContain('Ann');
    // Shard 0 was never restarted.
    expect(started.logs('shard process started').filter((log) => log.shardId === 0)).toHaveLength(1);

    const leaderboard = async (member: MemberDriver, guild: Guild) =>
      embedText(await member.runCommand('leaderboard', {}, { channelId: channel(guild) }).reply(SLOW));
    const plural = (n: number) => `${n} pt${n === 1 ? '' : 's'}`;
    expect(annShown).toBeGreaterThan(0);
    expect(boShown).toBeGreaterThan(0);
    const zeroBoard = await leaderboard(ann, zero);
    expect(zeroBoard).toContain(`**Ann** — ${plural(annShown)}`);
    expect(zeroBoard).not.toContain('Bo');
    const oneBoard = await leaderboard(bo, one);
    expect(oneBoard).toContain(`**Bo** — ${plural(boShown)}`);
    expect(oneBoard).not.toContain('Ann');
  }, 300_000);

  it('GIVEN rounds on both shards WHEN the manager gets SIGTERM THEN every round is closed and it exits 0', async () => {
    const cy = loopback.driver.as(loopback.world.addMember(zero.id, { username: 'cy', nick: 'Cy' }));
    const di = loopback.driver.as(loopback.world.addMember(one.id, { username: 'di', nick: 'Di' }));
    const messageCount = (guild: Guild) => loopback.driver.messages(channel(guild)).length;
    const counts = [messageCount(zero), messageCount(one)];
    await Promise.all(
      [
        [cy, zero],
        [di, one],
      ].map(([member, guild]) =>
        (member as MemberDriver)
          .runCommand(
            'quiz',
            { subcommand: 'start', options: { count: 2, seconds: 120 } },
            { channelId: channel(guild as Guild) },
          )
          .reply(SLOW),
      ),
    );
    const opened = await Promise.all(
      [zero, one].map((guild, i) =>
        loopback.driver.waitFor(
          () =>
            loopback.driver
              .messages(channel(guild))
              .slice(counts[i])
              .find((m) => isQuestionMessage(m, 1)),
          SLOW,
        ),
      ),
    );

    started.process.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    for (const [i, guild] of [zero, one].entries()) {
      const after = loopback.driver.messages(channel(guild)).slice(counts[i]);
      expect(after.some((m) => /^Round stopped: the bot is restarting/.test(embedOf(m).title ?? ''))).toBe(
        true,
      );
      expect(buttonIds(opened[i] as StoredMessage).length === 0 || !isOpen(opened[i] as StoredMessage)).toBe(
        true,
      );
    }
    expect(
      started
        .logs('bot stopped')
        .map((log) => log.shard)
        .sort(),
    ).toEqual([0, 1]);
    expect(started.logs('every shard stopped')).toEqual([expect.objectContaining({ failedStops: 0 })]);
    expect(started.output()).not.toContain(loopback.token);
    expect(started.output()).not.toContain(postgres.password);
  }, 300_000);
});

/** A question message whose buttons can still be clicked. */
function isOpen(message: StoredMessage): boolean {
  return (message.components as { components?: { disabled?: boolean }[] }[]).some((row) =>
    (row.components ?? []).some((c) => c.disabled !== true),
  );
}

describe('studyquiz start in one process (no --shards)', () => {
  it("GIVEN a user's SHARDS=2 and SHARD_COUNT=3 THEN it still identifies as shard [0, 1], and stops with exit 0", async () => {
    const loopback = await startLoopback({ waitTimeoutMs: 60_000 });
    try {
      loopback.world.createGuild({ name: 'Study Group', channels: ['quiz'] });
      const started = run([], {
        DISCORD_TOKEN: loopback.token,
        DISCORD_APPLICATION_ID: loopback.applicationId,
        DISCORD_API_URL: loopback.apiUrl,
        STORE: 'memory',
        QUESTIONS_DIR: SAMPLE_BANK,
        SHARDS: '2',
        SHARD_COUNT: '3',
      });
      await loopback.driver.gateway.waitUntilShardOnline(0, 1, SLOW);
      await vi.waitFor(() => expect(started.logs('bot ready')).toHaveLength(1), { timeout: 60_000 });
      expect(loopback.driver.gateway.stats.identifiedShards).toEqual([[0, 1]]);
      expect(started.logs('bot ready')[0]).toMatchObject({ shard: 0, guilds: 1 });
      started.process.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    } finally {
      await loopback.close();
    }
  }, 120_000);
});

describe('studyquiz start with shards and a store that cannot be shared', () => {
  let loopback: Loopback | undefined;
  afterEach(async () => {
    await loopback?.close();
    loopback = undefined;
  });

  it('GIVEN STORE=json and --shards 2 THEN it exits 1 saying why and what to use, before any connection', async () => {
    loopback = await startLoopback({ shards: 2 });
    const started = run(['--shards', '2'], {
      DISCORD_TOKEN: loopback.token,
      DISCORD_APPLICATION_ID: loopback.applicationId,
      DISCORD_API_URL: loopback.apiUrl,
      QUESTIONS_DIR: SAMPLE_BANK,
    });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(
      /STORE=json cannot run 2 shards: .*a score file cannot be shared safely/,
    );
    expect(started.output()).toMatch(/Use STORE=postgres with DATABASE_URL=/);
    expect(loopback.driver.requests).toHaveLength(0);
    expect(loopback.driver.gateway.stats.connections).toBe(0);
  });

  it('GIVEN STORE=memory and STUDYQUIZ_SHARDS=auto THEN it asks DISCORD_API_URL for the count, and refuses before any shard connects', async () => {
    loopback = await startLoopback({ shards: 2 });
    const started = run([], {
      DISCORD_TOKEN: loopback.token,
      DISCORD_APPLICATION_ID: loopback.applicationId,
      DISCORD_API_URL: loopback.apiUrl,
      QUESTIONS_DIR: SAMPLE_BANK,
      STORE: 'memory',
      STUDYQUIZ_SHARDS: 'auto',
    });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/STORE=memory cannot run 2 shards/);
    expect(loopback.driver.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /gateway/bot']);
    expect(loopback.driver.gateway.stats.connections).toBe(0);
    expect(started.output()).not.toContain(loopback.token);
  });
});
