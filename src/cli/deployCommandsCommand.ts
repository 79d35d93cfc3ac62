import { REST, Routes } from 'discord.js';
import { COMMAND_DATA } from '../../commands/index.ts';
import { UserError } from '../core/userError.ts';
import { type CliCommand, line } from './cliIo.ts';
import { loadConfig } from './loadEnv.ts';
import { parseOptions } from './parseOptions.ts';

export const DEPLOY_USAGE = 'studyquiz deploy-commands';

/** Registers the slash commands: to DISCORD_GUILD_ID when set (instant), otherwise globally. */
export const deployCommandsCommand: CliCommand = async (args, io) => {
  parseOptions(args, {}, DEPLOY_USAGE);
  const config = loadConfig(io.env);
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(
    config.DISCORD_TOKEN,
  );
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  let registered: { name: string }[];
  try {
    registered = (await rest.put(route, { body: COMMAND_DATA })) as { name: string }[];
  } catch (error) {
    throw new UserError(
      `Discord refused the commands: ${(error as Error).message}. Check DISCORD_TOKEN and DISCORD_APPLICATION_ID.`,
    );
  }
  const where = config.DISCORD_GUILD_ID
    ? `to server ${config.DISCORD_GUILD_ID}`
    : 'globally (may take up to an hour to appear)';
  line(
    io,
    `Registered ${registered.length} commands ${where}: ${registered.map((c) => `/${c.name}`).join(', ')}`,
  );
  return 0;
};
