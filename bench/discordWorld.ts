import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { deployCommandsCommand } from '../src/cli/deployCommandsCommand.ts';
import { type Loopback, type Member, startLoopback } from '../src/loopback/index.ts';
import { type BotProcess, startBotProcess } from './botProcess.ts';
import { generateBank } from './generateBank.ts';
import { silentIo } from './silentIo.ts';

export interface DiscordWorld {
  loopback: Loopback;
  guildId: string;
  channel(name: 'class' | 'small' | 'crowd'): string;
  starter: Member;
  members: readonly Member[];
  /** Starts `studyquiz start` in a child process against this loopback. */
  startBot(): Promise<BotProcess>;
  close(): Promise<void>;
}

/**
 * The loopback Discord with Discord's rate limits, a study server with `memberCount` members,
 * the commands deployed by `studyquiz deploy-commands`, and a bank of multiple-choice questions.
 */
export async function startDiscordWorld(options: {
  memberCount: number;
  revealSeconds: number;
}): Promise<DiscordWorld> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'studyquiz-bench-'));
  const bankDir = path.join(dir, 'bank');
  await generateBank(bankDir, { questions: 60, topics: 3, concepts: 20, multipleChoiceOnly: true });
  const loopback = await startLoopback({ rateLimits: 'discord', waitTimeoutMs: 60_000 });
  const guild = loopback.world.createGuild({ name: 'Bench', channels: ['class', 'small', 'crowd'] });
  const env = {
    DISCORD_TOKEN: loopback.token,
    DISCORD_APPLICATION_ID: loopback.applicationId,
    DISCORD_API_URL: loopback.apiUrl,
    DISCORD_GUILD_ID: guild.id,
    QUESTIONS_DIR: bankDir,
    QUIZ_REVEAL_SECONDS: String(options.revealSeconds),
  };
  const deploy = silentIo(env);
  if ((await deployCommandsCommand([], deploy.io)) !== 0)
    throw new Error(`deploy failed: ${deploy.output()}`);
  const starter = loopback.world.addMember(guild.id, {
    username: 'host',
    nick: 'Host',
    permissions: PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageMessages,
  });
  const members: Member[] = [];
  for (let i = 0; i < options.memberCount; i++) {
    members.push(loopback.world.addMember(guild.id, { username: `student${i}`, nick: `Student ${i}` }));
  }
  const channels = new Map(guild.channels.map((channel) => [channel.name, channel.id]));
  return {
    loopback,
    guildId: guild.id,
    channel: (name) => channels.get(name) ?? '',
    starter,
    members,
    startBot: () => startBotProcess(env),
    async close() {
      await loopback.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
