import type { SlashCommand } from '../src/discord/botContext.ts';
import { bankCommand } from './bank.ts';
import { explainCommand } from './explain.ts';
import { leaderboardCommand } from './leaderboard.ts';
import { quizCommand } from './quiz.ts';
import { reviewCommand } from './review.ts';
import { statsCommand } from './stats.ts';

/** The one list of commands: the bot, `studyquiz deploy-commands` and the tests all use it. */
export const COMMANDS: readonly SlashCommand[] = [
  quizCommand,
  explainCommand,
  leaderboardCommand,
  statsCommand,
  reviewCommand,
  bankCommand,
];

export const COMMAND_DATA = COMMANDS.map((command) => command.data);
