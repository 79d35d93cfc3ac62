import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  ComponentType,
  InteractionContextType,
  PermissionFlagsBits,
  TextInputStyle,
} from 'discord.js';
import { distance } from 'fastest-levenshtein';
import {
  CHOICE_LETTERS,
  DIFFICULTIES,
  type Difficulty,
  type Question,
  type Submission,
} from '../src/core/question.ts';
import type { QuizRound } from '../src/core/quizRound.ts';
import { ANSWER_REFUSAL_TEXT, type AnswerRefusal } from '../src/core/roundErrors.ts';
import { SCORING_POLICIES, type ScoringPolicyName } from '../src/core/scoring.ts';
import { UserError } from '../src/core/userError.ts';
import type { BotContext, ComponentInteraction, SlashCommand } from '../src/discord/botContext.ts';
import { buildCustomId } from '../src/discord/customIds.ts';
import { displayNameOf } from '../src/discord/memberName.ts';
import { acknowledgePrivately, privately, publicly } from '../src/discord/privateReply.ts';
import { inertText, plural, safeName, truncate } from '../src/discord/render/text.ts';

export const QUIZ_LIMITS = { count: { min: 1, max: 50 }, seconds: { min: 5, max: 120 } } as const;

const data = {
  name: 'quiz',
  description: 'Timed quiz rounds in this channel',
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'start',
      description: 'Start a quiz round in this channel',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'topic',
          description: 'Topic (default: all)',
          autocomplete: true,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'count',
          description: 'Number of questions (default 10)',
          min_value: QUIZ_LIMITS.count.min,
          max_value: QUIZ_LIMITS.count.max,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'seconds',
          description: 'Seconds per question (default 20)',
          min_value: QUIZ_LIMITS.seconds.min,
          max_value: QUIZ_LIMITS.seconds.max,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'scoring',
          description: 'accuracy: same points for every right answer; speed: faster answers earn more',
          choices: SCORING_POLICIES.map((policy) => ({ name: policy, value: policy })),
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'difficulty',
          description: 'Only questions of this difficulty',
          choices: DIFFICULTIES.map((difficulty) => ({ name: difficulty, value: difficulty })),
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'stop',
      description: 'Stop the round in this channel',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'skip',
      description: 'Close the current question now',
    },
  ],
} as const satisfies SlashCommand['data'];

export const quizCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    const channelId = interaction.channelId;
    if (!interaction.guildId)
      throw new UserError('Quiz rounds run in server channels, not in direct messages.');
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'start') return startRound(interaction, interaction.guildId, channelId, context);
    const round = context.rounds.inChannel(channelId);
    if (!round) throw new UserError('No round is running in this channel. Start one with `/quiz start`.');
    if (!mayControl(interaction, round)) {
      throw new UserError(
        `Only the member who started this round, or someone with Manage Messages or Manage Server, can ${subcommand} it.`,
      );
    }
    // Act first, then say what happened: two moderators at once must not both stop or both skip.
    const who = safeName(displayNameOf(interaction));
    if (subcommand === 'stop') {
      if (!context.presenter.stop(round, 'stopped-by-member'))
        throw new UserError('This round has already ended.');
      await interaction.reply(publicly(`⏹️ **${who}** stopped the round.`));
      return;
    }
    const closing = round.phase === 'asking';
    if (!round.skip()) throw new UserError('This round has already ended.');
    await interaction.reply(
      publicly(closing ? `⏭️ **${who}** closed this question early.` : `⏭️ **${who}** moved on.`),
    );
  },
  async autocomplete(interaction, context) {
    const typed = interaction.options.getFocused().toLowerCase();
    const counts = new Map<string, number>();
    for (const question of context.bank().questions)
      counts.set(question.topic, (counts.get(question.topic) ?? 0) + 1);
    const choices = context
      .bank()
      .topics.filter((topic) => topic.id.includes(typed) || topic.title.toLowerCase().includes(typed))
      .sort(
        (a, b) =>
          Number(!a.id.startsWith(typed)) - Number(!b.id.startsWith(typed)) || a.title.localeCompare(b.title),
      )
      .slice(0, 25)
      .map((topic) => ({
        name: truncate(`${topic.title} (${plural(counts.get(topic.id) ?? 0, 'question')})`, 100),
        value: topic.id,
      }));
    await interaction.respond(choices);
  },
  components: {
    'answer-choice': (interaction, id, context) =>
      submitAnswer(interaction, id.roundId, id.question, { kind: 'choice', index: id.choice }, context),
    'answer-boolean': (interaction, id, context) =>
      submitAnswer(interaction, id.roundId, id.question, { kind: 'boolean', value: id.value }, context),
    'answer-text': async (interaction, id, context) => {
      const text = interaction.isModalSubmit() ? interaction.fields.getTextInputValue('answer') : '';
      await submitAnswer(interaction, id.roundId, id.question, { kind: 'text', text }, context);
    },
    'answer-open-modal': async (interaction, id, context) => {
      const found = findRound(id.roundId, context);
      const refusal = found.round ? found.round.refusalFor(interaction.user.id, id.question) : found.refusal;
      if (refusal || !found.round || !interaction.isButton()) {
        await interaction.reply(privately(ANSWER_REFUSAL_TEXT[refusal ?? 'unknown-round']));
        return;
      }
      const question = found.round.questions[id.question] as Question;
      await interaction.showModal({
        custom_id: buildCustomId({ kind: 'answer-text', roundId: id.roundId, question: id.question }),
        title: `Question ${id.question + 1}: your answer`,
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.TextInput,
                custom_id: 'answer',
                style: TextInputStyle.Short,
                label: 'Your answer',
                placeholder: truncate(question.prompt, 100),
                min_length: 1,
                max_length: 100,
                required: true,
              },
            ],
          },
        ],
      });
    },
    'model-answer': async (interaction, id, context) => {
      const question = findRound(id.roundId, context).round?.questions[id.question];
      if (question?.type !== 'open') {
        await interaction.reply(privately(ANSWER_REFUSAL_TEXT['unknown-round']));
        return;
      }
      await interaction.reply(privately(`**Model answer**\n${question.modelAnswer}`));
    },
  },
};

async function startRound(
  interaction: ChatInputCommandInteraction,
  guildId: string,
  channelId: string,
  context: BotContext,
): Promise<void> {
  if (!context.isAccepting()) throw new UserError('The bot is restarting; try again in a minute.');
  const missing = missingChannelPermissions(interaction);
  if (missing.length > 0) {
    throw new UserError(
      `I can't run a round in this channel: I need ${missing.join(', ')} here. Ask a moderator to allow it, or start the round in another channel.`,
    );
  }
  const topic = resolveTopic(interaction.options.getString('topic'), context);
  const count = interaction.options.getInteger('count') ?? context.defaults.count;
  const seconds = interaction.options.getInteger('seconds') ?? context.defaults.seconds;
  const scoring = (interaction.options.getString('scoring') ?? context.defaults.scoring) as ScoringPolicyName;
  const difficulty = (interaction.options.getString('difficulty') ?? undefined) as Difficulty | undefined;
  checkRange('count', count, QUIZ_LIMITS.count);
  checkRange('seconds', seconds, QUIZ_LIMITS.seconds);
  if (!SCORING_POLICIES.includes(scoring)) throw new UserError('scoring must be accuracy or speed.');
  if (difficulty !== undefined && !DIFFICULTIES.includes(difficulty)) {
    throw new UserError('difficulty must be easy, medium or hard.');
  }
  const started = context.rounds.start({
    guildId,
    channelId,
    starterId: interaction.user.id,
    topic: topic?.id,
    difficulty,
    count,
    settings: { secondsPerQuestion: seconds, revealSeconds: context.defaults.revealSeconds, scoring },
  });
  if (!started.ok) {
    if (started.reason === 'no-questions') {
      throw new UserError(
        `No questions match${topic ? ` topic ${topic.title}` : ''}${difficulty ? ` at ${difficulty} difficulty` : ''}.`,
      );
    }
    const running = started.round;
    const messageId = context.presenter.messageIdOf(running.id);
    const link = messageId
      ? ` — [jump to the current question](https://discord.com/channels/${guildId}/${channelId}/${messageId})`
      : '';
    throw new UserError(
      `A round is already running in this channel (question ${running.questionIndex + 1} of ${running.questions.length}, started by <@${running.place.starterId}>)${link}. One round per channel: wait for it to end, or ask its starter to \`/quiz stop\`.`,
    );
  }
  const { round } = started;
  const short = started.drawn < count ? ` (only ${started.drawn} match)` : '';
  const about = topic ? `on **${topic.title}**` : 'from every topic';
  try {
    await interaction.reply(
      publicly(
        `🎓 **${safeName(displayNameOf(interaction))}** started a quiz ${about}: ${plural(started.drawn, 'question')}${short}, ${seconds} s each, ${scoring} scoring${difficulty ? `, ${difficulty}` : ''}. First question coming up!`,
      ),
    );
  } catch (error) {
    context.presenter.stop(round, 'discord-error');
    throw error;
  }
  // A stop, a shutdown or a deleted channel may have ended the round while the reply was on its way.
  if (!round.isLive) return;
  context.presenter.onDiscordRefusal(round, (text) => interaction.followUp(privately(text)));
  context.logger.info(
    { guildId, channelId, roundId: round.id, command: 'quiz start', count: started.drawn, seconds, scoring },
    'round started',
  );
  round.start();
}

/** What the bot needs in a channel to post questions: checked before a round starts, not after it fails. */
const CHANNEL_NEEDS = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
] as const;

function missingChannelPermissions(interaction: ChatInputCommandInteraction): string[] {
  const inThread = interaction.channel?.isThread() ?? false;
  return CHANNEL_NEEDS.map(([flag, name]) =>
    inThread && flag === PermissionFlagsBits.SendMessages
      ? ([PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'] as const)
      : ([flag, name] as const),
  )
    .filter(([flag]) => !interaction.appPermissions.has(flag))
    .map(([, name]) => name);
}

/** Enough to choose from, short enough for one message whatever the size of the bank. */
const MAX_TOPICS_LISTED = 15;

function resolveTopic(value: string | null, context: BotContext) {
  if (value === null || value.trim() === '') return undefined;
  const wanted = value.trim().toLowerCase();
  const topic = context.bank().topics.find((t) => t.id === wanted || t.title.toLowerCase() === wanted);
  if (!topic) {
    const ids = context.bank().topics.map((t) => t.id);
    const shown =
      ids.length <= MAX_TOPICS_LISTED
        ? ids
        : [...ids].sort((a, b) => distance(a, wanted) - distance(b, wanted)).slice(0, MAX_TOPICS_LISTED);
    const list = shown.map((id) => `\`${id}\``).join(', ');
    const what =
      ids.length <= MAX_TOPICS_LISTED
        ? 'Pick one from the list'
        : 'Closest topics (the option autocompletes the rest)';
    throw new UserError(`There is no topic "${inertText(value, 50)}". ${what}: ${list}.`);
  }
  return topic;
}

function checkRange(name: string, value: number, range: { min: number; max: number }): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new UserError(`${name} must be a whole number from ${range.min} to ${range.max}.`);
  }
}

function mayControl(interaction: ChatInputCommandInteraction, round: QuizRound): boolean {
  if (interaction.user.id === round.place.starterId) return true;
  const permissions = interaction.memberPermissions;
  return Boolean(
    permissions?.has(PermissionFlagsBits.ManageMessages) || permissions?.has(PermissionFlagsBits.ManageGuild),
  );
}

function findRound(roundId: string, context: BotContext): { round?: QuizRound; refusal?: AnswerRefusal } {
  const round = context.rounds.byId(roundId);
  if (round) return { round };
  return { refusal: context.rounds.hasEnded(roundId) ? 'round-over' : 'unknown-round' };
}

/** The click path: no I/O before the one acknowledgement, which is the private confirmation. */
async function submitAnswer(
  interaction: ComponentInteraction,
  roundId: string,
  questionIndex: number,
  submission: Submission,
  context: BotContext,
): Promise<void> {
  const found = findRound(roundId, context);
  if (!found.round || !context.isAccepting()) {
    await acknowledgePrivately(interaction, ANSWER_REFUSAL_TEXT[found.refusal ?? 'round-over']);
    return;
  }
  const result = found.round.submit(
    interaction.user.id,
    displayNameOf(interaction),
    questionIndex,
    submission,
  );
  if (!result.ok) {
    await acknowledgePrivately(interaction, ANSWER_REFUSAL_TEXT[result.reason]);
    return;
  }
  // Choices come from the bank and may carry its markdown; typed text is the member's, so it is escaped.
  const shown =
    submission.kind === 'choice'
      ? `${CHOICE_LETTERS[submission.index]} · ${result.answerText}`
      : submission.kind === 'text'
        ? inertText(result.answerText, 200)
        : result.answerText;
  await acknowledgePrivately(
    interaction,
    `🔒 Locked in: **${shown}**. The answer is revealed when the question closes.`,
  );
}
