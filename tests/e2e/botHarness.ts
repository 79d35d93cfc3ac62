import path from 'node:path';
import { Writable } from 'node:stream';
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, expect } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import type { BankLimits } from '../../src/app/bankLimits.ts';
import { openServerBanks } from '../../src/app/openServerBanks.ts';
import { loadBank } from '../../src/bank/loadBank.ts';
import { deployCommandsCommand } from '../../src/cli/deployCommandsCommand.ts';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import type { Question } from '../../src/core/question.ts';
import { seededRandom } from '../../src/core/random.ts';
import { type RunningBot, startBot } from '../../src/discord/startBot.ts';
import { createLogger } from '../../src/logger.ts';
import {
  type InteractionHandle,
  type Loopback,
  type LoopbackOptions,
  type Member,
  type MemberDriver,
  type OptionValue,
  type StoredMessage,
  startLoopback,
  testClientOptions,
} from '../../src/loopback/index.ts';
import type { BankStore } from '../../src/store/BankStore.ts';
import { createBankStore } from '../../src/store/createBankStore.ts';
import { createReviewStore } from '../../src/store/createReviewStore.ts';
import { createScoreStore } from '../../src/store/createScoreStore.ts';
import { reviewFileBeside } from '../../src/store/JsonReviewStore.ts';
import type { ReviewStore } from '../../src/store/ReviewStore.ts';
import type { ScoreStore } from '../../src/store/ScoreStore.ts';
import { captureIo } from '../support/captureIo.ts';

export const SAMPLE_BANK = path.resolve(import.meta.dirname, '../fixtures/sample-bank');

export interface BotWorld {
  loopback: Loopback;
  scheduler: ManualScheduler;
  store: ScoreStore;
  reviewStore: ReviewStore;
  bankStore: BankStore;
  bot: RunningBot;
  guildId: string;
  channelId: string;
  logs: string[];
  /** A member of the first guild, acting through Discord's client. */
  member(name: string, options?: { permissions?: bigint; guildId?: string }): MemberDriver;
  /** Starts another bot process on the same loopback and store file, as after a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface BotWorldOptions {
  loopback?: LoopbackOptions;
  store?: ScoreStore;
  storeFile?: string;
  /** Makes the review store, at start and at each restart (default: beside storeFile, else in memory). */
  reviewStore?: () => ReviewStore;
  revealSeconds?: number;
  /** The bank to serve (default: the sample bank). */
  bankDir?: string;
  /** Servers' banks: kept in memory unless given a folder (JSON store) or a store maker (PostgreSQL). */
  banksDir?: string;
  makeBankStore?: () => BankStore;
  /** What a server may upload (default: the bot's limits). */
  bankLimits?: BankLimits;
}

/** The loopback Discord with a study server, the commands deployed by the CLI, and the bot logged in. */
export async function startBotWorld(options: BotWorldOptions = {}): Promise<BotWorld> {
  // One clock for the bot's rounds and Discord's deadlines and rate-limit windows.
  const scheduler = new ManualScheduler(Date.UTC(2026, 10, 25, 12, 0, 0));
  const loopback = await startLoopback({
    rateLimits: 'discord',
    now: () => scheduler.now(),
    ...options.loopback,
  });
  const guild = loopback.world.createGuild({ name: 'Study Group', channels: ['quiz', 'other'] });
  const channelId = guild.channels[0]?.id ?? '';

  const deploy = captureIo('', {
    DISCORD_TOKEN: loopback.token,
    DISCORD_APPLICATION_ID: loopback.applicationId,
    DISCORD_API_URL: loopback.apiUrl,
  });
  if ((await deployCommandsCommand([], deploy.io)) !== 0)
    throw new Error(`deploy failed: ${deploy.stderr()}`);

  const { bank, issues } = await loadBank([options.bankDir ?? SAMPLE_BANK]);
  if (issues.length > 0) throw new Error('the test bank is invalid');
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [loopback.token],
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  const makeStore = () =>
    options.storeFile
      ? createScoreStore({ kind: 'json', file: options.storeFile })
      : createScoreStore({ kind: 'memory' });
  let store = options.store ?? makeStore();
  await store.load();
  const makeReviewStore =
    options.reviewStore ??
    (() =>
      options.storeFile
        ? createReviewStore({ kind: 'json', file: reviewFileBeside(options.storeFile) })
        : createReviewStore({ kind: 'memory' }));
  let reviewStore = makeReviewStore();
  await reviewStore.load();
  const makeBankStore =
    options.makeBankStore ??
    (() =>
      options.banksDir
        ? createBankStore({ kind: 'json', dir: options.banksDir })
        : createBankStore({ kind: 'memory' }));
  let bankStore = makeBankStore();
  const launch = async (scoreStore: ScoreStore, seed: number) =>
    startBot({
      token: loopback.token,
      commands: COMMANDS,
      apiUrl: loopback.apiUrl,
      bank,
      serverBanks: await openServerBanks({
        shipped: bank,
        store: bankStore,
        now: () => scheduler.now(),
        ...(options.bankLimits ? { limits: options.bankLimits } : {}),
      }),
      store: scoreStore,
      reviewStore,
      logger,
      defaults: { count: 3, seconds: 20, scoring: 'accuracy', revealSeconds: options.revealSeconds ?? 5 },
      scheduler,
      random: seededRandom(seed),
      clientOptions: { ws: testClientOptions(loopback).ws },
    });
  let bot = await launch(store, 1);
  const members = new Map<string, Member>();

  const world: BotWorld = {
    loopback,
    scheduler,
    get store() {
      return store;
    },
    get reviewStore() {
      return reviewStore;
    },
    get bankStore() {
      return bankStore;
    },
    get bot() {
      return bot;
    },
    guildId: guild.id,
    channelId,
    logs,
    member(name, memberOptions = {}) {
      const guildId = memberOptions.guildId ?? guild.id;
      const key = `${guildId}:${name}`;
      let member = members.get(key);
      if (!member) {
        member = loopback.world.addMember(guildId, {
          username: name.toLowerCase().replace(/[^a-z0-9]/g, '') || 'member',
          nick: name,
          permissions: memberOptions.permissions ?? PermissionFlagsBits.SendMessages,
        });
        members.set(key, member);
      }
      return loopback.driver.as(member);
    },
    async restart() {
      await bot.shutdown();
      await bankStore.close();
      store = makeStore();
      await store.load();
      reviewStore = makeReviewStore();
      await reviewStore.load();
      bankStore = makeBankStore();
      bot = await launch(store, 2);
    },
    async close() {
      await bot.shutdown();
      await bankStore.close();
      await loopback.close();
    },
  };
  return world;
}

/**
 * Starts a fresh world per test and, after each, checks what must hold in every test (no unknown
 * routes, every interaction acknowledged and none refused: no "This interaction failed") and closes it.
 */
export function botWorldPerTest(): { start(options?: BotWorldOptions): Promise<BotWorld> } {
  let current: BotWorld | undefined;
  afterEach(async () => {
    const w = current;
    current = undefined;
    if (!w) return;
    try {
      w.loopback.driver.assertClean();
      for (const interaction of w.loopback.driver.interactions()) {
        expect(
          interaction.ack,
          `${interaction.kind} ${interaction.name} was never acknowledged`,
        ).not.toBeNull();
        expect(interaction.rejectedCallbacks, `${interaction.kind} ${interaction.name}`).toEqual([]);
      }
    } finally {
      await w.close();
    }
  });
  return {
    async start(options) {
      current = await startBotWorld(options);
      return current;
    },
  };
}

/** The custom ids of a message's buttons, row by row flattened. */
export function buttonIds(message: StoredMessage): string[] {
  return (message.components as { components?: { custom_id?: string }[] }[]).flatMap((row) =>
    (row.components ?? []).flatMap((c) => (c.custom_id ? [c.custom_id] : [])),
  );
}

export function embedOf(message: StoredMessage): {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  image?: { url: string };
} {
  return (message.embeds[0] ?? {}) as ReturnType<typeof embedOf>;
}

export function embedText(message: StoredMessage): string {
  const embed = embedOf(message);
  return [
    embed.title,
    embed.description,
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
    embed.footer?.text,
  ]
    .filter(Boolean)
    .join('\n');
}

export function isQuestionMessage(message: StoredMessage, n?: number): boolean {
  const title = embedOf(message).title ?? '';
  return n === undefined ? /^Question \d+ of \d+/.test(title) : title.startsWith(`Question ${n} of`);
}

/** `/quiz start` with options, run by `member` in a channel (the first one by default). */
export function startQuiz(
  w: BotWorld,
  member: MemberDriver,
  options: Record<string, OptionValue> = {},
  channelId = w.channelId,
): InteractionHandle {
  return member.runCommand('quiz', { subcommand: 'start', options }, { channelId });
}

export function waitForQuestion(w: BotWorld, n: number, channelId = w.channelId): Promise<StoredMessage> {
  return w.loopback.driver.waitForMessage(channelId, (m) => isQuestionMessage(m, n));
}

/** Lets the question's time run out and returns the message once it shows the reveal. */
export async function letTimeRunOut(
  w: BotWorld,
  message: StoredMessage,
  seconds = 20,
): Promise<StoredMessage> {
  w.scheduler.advance(seconds * 1000);
  return w.loopback.driver.waitForEdit(message, (m) => embedText(m).includes('✅'));
}

export function waitForSummary(w: BotWorld, channelId = w.channelId): Promise<StoredMessage> {
  return w.loopback.driver.waitForMessage(channelId, (m) =>
    /^Round (over|stopped)/.test(embedOf(m).title ?? ''),
  );
}

/** The bank question a question message shows, found by its prompt. */
export function questionShown(w: BotWorld, message: StoredMessage): Question {
  const prompt = (embedOf(message).description ?? '').split('\n')[0];
  const question = w.bot.context.app.bank(message.guildId).questions.find((q) => q.prompt === prompt);
  if (!question) throw new Error(`no question with prompt ${prompt}`);
  return question;
}

/** Answers a scored question right or wrong the way a member would: a button, or the modal. */
export async function answerQuestion(
  member: MemberDriver,
  message: StoredMessage,
  question: Question,
  correct: boolean,
): Promise<InteractionHandle> {
  const ids = buttonIds(message);
  switch (question.type) {
    case 'multiple-choice': {
      const index = question.choices.findIndex((c) => (c === question.answer) === correct);
      return member.click(message, ids[index] as string);
    }
    case 'true-false':
      return member.click(message, ids[question.answer === correct ? 0 : 1] as string);
    case 'short-answer': {
      const opened = member.click(message, ids[0] as string);
      return member.submitModal(opened, { answer: correct ? (question.answers[0] as string) : 'no idea' });
    }
    case 'open':
      throw new Error('open questions take no answer');
  }
}
