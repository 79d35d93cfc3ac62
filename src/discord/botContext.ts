import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { StudyApp } from '../app/studyApp.ts';
import type { Logger } from '../logger.ts';
import type { CustomId } from './customIds.ts';
import type { RoundPresenter } from './roundPresenter.ts';

/** What command handlers may use; built once per bot. */
export interface BotContext {
  /** The use cases: every rule of the game lives there. */
  app: StudyApp;
  /** Rendering and sending of rounds; commands only attach where to tell a starter about refusals. */
  presenter: RoundPresenter;
  logger: Logger;
  /** DISCORD_API_URL when set: its host serves attachments too (the loopback Discord does). */
  apiUrl?: string | undefined;
}

export type ComponentInteraction = ButtonInteraction | ModalSubmitInteraction;

export type ComponentHandler<K extends CustomId['kind'] = CustomId['kind']> = (
  interaction: ComponentInteraction,
  id: Extract<CustomId, { kind: K }>,
  context: BotContext,
) => Promise<void>;

export type ComponentHandlers = { [K in CustomId['kind']]?: ComponentHandler<K> };

/** A slash command: its API shape (what deploy-commands registers) kept apart from its behaviour. */
export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
  components?: ComponentHandlers;
}
