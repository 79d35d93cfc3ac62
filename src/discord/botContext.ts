import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Bank } from '../bank/loadBank.ts';
import type { RoundRegistry } from '../core/roundRegistry.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { Logger } from '../logger.ts';
import type { ScoreStore } from '../store/ScoreStore.ts';
import type { CustomId } from './customIds.ts';
import type { RoundPresenter } from './roundPresenter.ts';

export interface RoundDefaults {
  count: number;
  seconds: number;
  scoring: 'accuracy' | 'speed';
  revealSeconds: number;
}

/** What command handlers may use; built once per bot. */
export interface BotContext {
  bank(): Bank;
  store: ScoreStore;
  rounds: RoundRegistry;
  presenter: RoundPresenter;
  scheduler: Scheduler;
  logger: Logger;
  defaults: RoundDefaults;
  /** False once shutdown has begun: no new rounds, no new answers. */
  isAccepting(): boolean;
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
