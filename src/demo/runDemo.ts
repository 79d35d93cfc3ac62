import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DestinationStream } from 'pino';
import { COMMANDS } from '../../commands/index.ts';
import type { Bank } from '../bank/loadBank.ts';
import type { CliIo } from '../cli/cliIo.ts';
import { deployCommandsCommand } from '../cli/deployCommandsCommand.ts';
import type { ManualScheduler } from '../core/manualScheduler.ts';
import { type Random, seededRandom } from '../core/random.ts';
import { plural } from '../discord/render/text.ts';
import { type RunningBot, startBot } from '../discord/startBot.ts';
import { createLogger } from '../logger.ts';
import { type Loopback, startLoopback } from '../loopback/index.ts';
import { createScoreStore } from '../store/createScoreStore.ts';
import { type ChannelWatcher, watchChannel } from './channelWatcher.ts';
import { castMembers, type DemoMember } from './demoCast.ts';
import { pickDrawSeed } from './pickDrawSeed.ts';
import { type Player, playRound, type RoundTally } from './playRound.ts';
import type { MarkdownContext } from './renderMarkdown.ts';
import { terminalStyle, wantsColor } from './terminalStyle.ts';
import { manualTimeline, realTimeline, type Timeline } from './timeline.ts';
import { Transcript } from './transcript.ts';

export interface DemoSettings {
  bank: Bank;
  members: number;
  questions: number;
  seconds: number;
  topic: string | undefined;
  seed: number;
}

export interface DemoEnvironment {
  /** Tests only: the bot's clock, moved by the demo itself instead of real time passing. */
  scheduler?: ManualScheduler;
  /** Where the temporary scores directory is made (default: the system's temp directory). */
  tempRoot?: string;
  /** Aborting ends the demo early; it still cleans up and resolves 130. */
  signal?: AbortSignal;
}

/** A short pause after each reveal keeps the demo brisk. */
export const DEMO_REVEAL_SECONDS = 2;
const RULE_WIDTH = 72;

interface Stage {
  loopback?: Loopback;
  bot?: RunningBot;
  watcher?: ChannelWatcher;
}

/**
 * A real round on the loopback Discord, printed as the channel would show it. Returns the exit
 * code: 0 when the round ran to the end, 1 when something broke, 130 when interrupted.
 */
export async function runDemo(
  settings: DemoSettings,
  io: CliIo,
  environment: DemoEnvironment = {},
): Promise<number> {
  const { signal } = environment;
  const timeline = environment.scheduler ? manualTimeline(environment.scheduler) : realTimeline(signal);
  const style = terminalStyle(wantsColor(io.stdout, io.env));
  const columns = (io.stdout as { columns?: number }).columns ?? 100;
  const transcript = new Transcript({
    out: io.stdout,
    style,
    clock: timeline.now,
    width: Math.max(60, Math.min(110, columns)),
  });
  const random = seededRandom(settings.seed);
  const cast = castMembers(settings.members, random);
  introduce(transcript, cast);

  const dir = await mkdtemp(path.join(environment.tempRoot ?? tmpdir(), 'studyquiz-demo-'));
  const stage: Stage = {};
  const interrupted = new Promise<'interrupted'>((resolve) => {
    if (signal?.aborted) resolve('interrupted');
    signal?.addEventListener('abort', () => resolve('interrupted'), { once: true });
  });
  let outcome: RoundTally | 'interrupted';
  try {
    const playing = setUpAndPlay(settings, io, environment, {
      stage,
      transcript,
      timeline,
      random,
      cast,
      dir,
    });
    playing.catch(() => undefined);
    outcome = await Promise.race([playing, interrupted]);
  } catch (error) {
    transcript.note();
    io.stderr.write(`The demo stopped: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await cleanUp(stage, dir);
  }
  transcript.note(style.dim('─'.repeat(RULE_WIDTH)));
  if (outcome === 'interrupted') {
    transcript.note('Interrupted. The loopback Discord is closed and the temporary scores file removed.');
    return 130;
  }
  const seconds = Math.round(transcript.elapsedMs / 1000);
  transcript.note(
    `Done in ${seconds} s: ${plural(outcome.asked, 'question')}, ${plural(outcome.answers, 'answer')} locked in. The temporary scores file is removed.`,
  );
  transcript.note(`Play this round again: ${style.bold(`npm run demo -- --seed ${settings.seed}`)}`);
  transcript.note(
    `On your own server: ${style.bold('studyquiz deploy-commands')}, then ${style.bold('studyquiz start')} (see .env.example).`,
  );
  return 0;
}

/** Every step runs even when one before it failed, so the temporary directory always goes. */
async function cleanUp(stage: Stage, dir: string): Promise<void> {
  const steps = [
    () => stage.watcher?.stop(),
    () => stage.bot?.shutdown(),
    () => stage.loopback?.close(),
    () => rm(dir, { recursive: true, force: true }),
  ];
  for (const step of steps) await Promise.resolve(step()).catch(() => undefined);
}

function introduce(transcript: Transcript, cast: readonly DemoMember[]): void {
  const { style } = transcript;
  transcript.note(
    `${style.bold('studyquiz demo')}: a real quiz round on a loopback Discord, with no token and no internet.`,
  );
  transcript.note(
    'The bot is the real one, started as `studyquiz start` starts it; the server and its members are simulated.',
  );
  transcript.note(
    `Members: ${cast.map((member, i) => `${style.member(i, member.name)} (${member.skill.label})`).join(' · ')}`,
  );
  transcript.note(style.dim('─'.repeat(RULE_WIDTH)));
}

async function setUpAndPlay(
  settings: DemoSettings,
  io: CliIo,
  environment: DemoEnvironment,
  parts: {
    stage: Stage;
    transcript: Transcript;
    timeline: Timeline;
    random: Random;
    cast: readonly DemoMember[];
    dir: string;
  },
): Promise<RoundTally> {
  const { stage, transcript, timeline } = parts;
  const { style } = transcript;
  const system = (text: string) => transcript.entry(style.dim(`⚙ ${text}`));

  const loopback = await startLoopback();
  stage.loopback = loopback;
  const guild = loopback.world.createGuild({ name: 'Study Group', channels: ['quiz'] });
  const channel = guild.channels[0];
  if (!channel) throw new Error('the loopback made no channel');
  const players: Player[] = parts.cast.map((member, index) => ({
    ...member,
    index,
    driver: loopback.driver.as(
      loopback.world.addMember(guild.id, { username: member.name.toLowerCase(), nick: member.name }),
    ),
  }));
  system(`Loopback Discord on ${new URL(loopback.apiUrl).host}: server “Study Group”, channel #quiz`);
  system(await deployCommands(loopback, guild.id));

  const store = createScoreStore({ kind: 'json', file: path.join(parts.dir, 'scores.json') });
  await store.load();
  const revealSeconds = DEMO_REVEAL_SECONDS;
  stage.bot = await startBot({
    token: loopback.token,
    commands: COMMANDS,
    apiUrl: loopback.apiUrl,
    bank: settings.bank,
    store,
    logger: createLogger({ level: 'warn', secrets: [loopback.token], destination: toStderr(io) }),
    defaults: { count: settings.questions, seconds: settings.seconds, scoring: 'speed', revealSeconds },
    scheduler: timeline.scheduler,
    random: seededRandom(
      pickDrawSeed(settings.bank.questions, settings.topic, settings.questions, settings.seed),
    ),
  });
  system(`${stage.bot.client.user.username} is online in #quiz; scores go to a temporary file`);

  const names = new Map(players.map((player) => [player.driver.id, player.name]));
  const context: MarkdownContext = {
    style,
    now: timeline.now,
    nameOf: (id) => names.get(id) ?? loopback.world.users.get(id)?.username ?? 'someone',
  };
  stage.watcher = watchChannel({ loopback, channelId: channel.id, transcript, context });
  const tally = await playRound({
    loopback,
    bot: stage.bot,
    bank: settings.bank,
    channelId: channel.id,
    players,
    transcript,
    timeline,
    random: parts.random,
    questions: settings.questions,
    seconds: settings.seconds,
    revealSeconds,
    topic: settings.topic,
    checkAborted: () => environment.signal?.throwIfAborted(),
  });
  stage.watcher.flush();
  return tally;
}

/** Registers the commands with the same code as `studyquiz deploy-commands`, pointed at the loopback. */
async function deployCommands(loopback: Loopback, guildId: string): Promise<string> {
  const out: string[] = [];
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => out.push(text) },
    env: {
      DISCORD_TOKEN: loopback.token,
      DISCORD_APPLICATION_ID: loopback.applicationId,
      DISCORD_API_URL: loopback.apiUrl,
      DISCORD_GUILD_ID: guildId,
    },
  };
  if ((await deployCommandsCommand([], io)) !== 0) throw new Error(`deploy-commands failed: ${out.join('')}`);
  return `studyquiz deploy-commands: ${out.join('').trim()}`;
}

/** The bot's own warnings and errors go to stderr, away from the transcript. */
function toStderr(io: CliIo): DestinationStream {
  return { write: (text: string) => void io.stderr.write(text) };
}
