import type { Interaction, RepliableInteraction } from 'discord.js';
import { isUserError } from '../core/userError.ts';
import type { BotContext, ComponentHandler, ComponentHandlers, SlashCommand } from './botContext.ts';
import { type CustomId, MODAL_KINDS, parseCustomId } from './customIds.ts';
import { describeError, isInteractionGone } from './discordErrors.ts';
import { privately } from './privateReply.ts';

const APOLOGY = 'Sorry — something went wrong on our side. It has been logged; please try again.';

/** The one interactionCreate listener, and the one error boundary around every handler. */
export function createInteractionRouter(commands: readonly SlashCommand[], context: BotContext) {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const components: ComponentHandlers = Object.assign(
    {},
    ...commands.map((command) => command.components ?? {}),
  );

  return async function route(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) {
          await interaction.reply(privately('This command is not known to the bot any more.'));
          return;
        }
        await command.execute(interaction, context);
      } else if (interaction.isAutocomplete()) {
        const command = byName.get(interaction.commandName);
        await (command?.autocomplete ? command.autocomplete(interaction, context) : interaction.respond([]));
      } else if (interaction.isButton() || interaction.isModalSubmit()) {
        const id = parseCustomId(interaction.customId);
        const handler = id && (components[id.kind] as ComponentHandler | undefined);
        if (!id || !handler || MODAL_KINDS.has(id.kind) !== interaction.isModalSubmit()) {
          await interaction.reply(privately('This button is no longer in use.'));
          return;
        }
        await handler(interaction, id as CustomId, context);
      }
    } catch (error) {
      await reportFailure(interaction, error, context);
      return;
    }
    if (interaction.isRepliable() && !interaction.replied && !interaction.deferred) {
      // A handler that forgot to answer would leave "This interaction failed" on screen.
      await reportFailure(interaction, new Error('handler finished without acknowledging'), context);
    }
  };
}

async function reportFailure(interaction: Interaction, error: unknown, context: BotContext): Promise<void> {
  const fields = {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    command: 'commandName' in interaction ? interaction.commandName : undefined,
    customId: 'customId' in interaction ? interaction.customId : undefined,
  };
  if (!isUserError(error)) context.logger.error({ ...fields, ...describeError(error) }, 'interaction failed');
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    return;
  }
  const message = isUserError(error) ? error.message : APOLOGY;
  try {
    await tellPrivately(interaction as RepliableInteraction, message);
  } catch (replyError) {
    if (!isInteractionGone(replyError)) {
      context.logger.warn(
        { ...fields, ...describeError(replyError) },
        'could not tell the member about a failure',
      );
    }
  }
}

async function tellPrivately(interaction: RepliableInteraction, message: string): Promise<void> {
  if (interaction.replied || interaction.deferred) await interaction.followUp(privately(message));
  else await interaction.reply(privately(message));
}
