import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord.js';
import type { AnswerOrigin } from '../src/app/quizRounds.ts';
import { ROUND_LIMITS } from '../src/app/roundLimits.ts';
import { DIFFICULTIES } from '../src/core/question.ts';
import { ANSWER_REFUSAL_TEXT } from '../src/core/roundErrors.ts';
import { SCORING_POLICIES } from '../src/core/scoring.ts';
import { UserError } from '../src/core/userError.ts';
import type { BotContext, ComponentInteraction, SlashCommand } from '../src/discord/botContext.ts';
import { displayNameOf } from '../src/discord/memberName.ts';
import { privately, publicly } from '../src/discord/privateReply.ts';
import { selfRatingButtons } from '../src/discord/render/reviewMessage.ts';
import { plural, safeName, truncate } from '../src/discord/render/text.ts';

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
          min_value: ROUND_LIMITS.count.min,
          max_value: ROUND_LIMITS.count.max,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'seconds',
          description: 'Seconds per question (default 20)',
          min_value: ROUND_LIMITS.seconds.min,
          max_value: ROUND_LIMITS.seconds.max,
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
    if (!interaction.guildId)
      throw new UserError('Quiz rounds run in server channels, not in direct messages.');
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'start') return startRound(interaction, interaction.guildId, context);
    const rounds = context.app.rounds;
    const actor = actorOf(interaction);
    // The use case acts first, then the channel is told: two moderators at once never both stop.
    const who = safeName(displayNameOf(interaction));
    if (subcommand === 'stop') {
      rounds.stop(interaction.channelId, actor);
      await interaction.reply(publicly(`⏹️ **${who}** stopped the round.`));
      return;
    }
    const { closedQuestion } = rounds.skip(interaction.channelId, actor);
    await interaction.reply(
      publicly(closedQuestion ? `⏭️ **${who}** closed this question early.` : `⏭️ **${who}** moved on.`),
    );
  },
  async autocomplete(interaction, context) {
    const choices = context.app
      .topics(interaction.options.getFocused(), interaction.guildId)
      .map((topic) => ({
        name: truncate(`${topic.title} (${plural(topic.questions, 'question')})`, 100),
        value: topic.id,
      }));
    await interaction.respond(choices);
  },
  // Answer buttons and typed answers are taken from the gateway frame (src/discord/fastAnswerPath.ts).
  components: {
    'model-answer': async (interaction, id, context) => {
      const model = context.app.rounds.modelAnswer(originOf(interaction, id));
      if (!model.ok) {
        await interaction.reply(privately(ANSWER_REFUSAL_TEXT[model.reason]));
        return;
      }
      // Rating buttons on the member's own copy: the round's public message never changes per member.
      await interaction.reply(
        privately({
          content: truncate(
            `**Model answer**\n${model.text}\n\nHow well did you know it? (for your \`/review\`)`,
            2000,
          ),
          components: selfRatingButtons(model.questionId),
        }),
      );
    },
  },
};

async function startRound(
  interaction: ChatInputCommandInteraction,
  guildId: string,
  context: BotContext,
): Promise<void> {
  const missing = missingChannelPermissions(interaction);
  if (missing.length > 0) {
    throw new UserError(
      `I can't run a round in this channel: I need ${missing.join(', ')} here. Ask a moderator to allow it, or start the round in another channel.`,
    );
  }
  const rounds = context.app.rounds;
  const started = rounds.start({
    guildId,
    channelId: interaction.channelId,
    starter: actorOf(interaction),
    topic: interaction.options.getString('topic'),
    count: interaction.options.getInteger('count'),
    seconds: interaction.options.getInteger('seconds'),
    scoring: interaction.options.getString('scoring'),
    difficulty: interaction.options.getString('difficulty'),
  });
  if (!started.ok) {
    const running = started.round;
    const messageId = running.shownAt(running.questionIndex);
    const link = messageId
      ? ` — [jump to the current question](https://discord.com/channels/${guildId}/${interaction.channelId}/${messageId})`
      : '';
    throw new UserError(
      `A round is already running in this channel (question ${running.questionIndex + 1} of ${running.questions.length}, started by <@${running.place.starterId}>)${link}. One round per channel: wait for it to end, or ask its starter to \`/quiz stop\`.`,
    );
  }
  const { round, drawn, asked, topicTitle, difficulty } = started;
  const { secondsPerQuestion: seconds, scoring } = round.settings;
  const short = drawn < asked ? ` (only ${drawn} match)` : '';
  const about = topicTitle ? `on **${topicTitle}**` : 'from every topic';
  try {
    await interaction.reply(
      publicly(
        `🎓 **${safeName(displayNameOf(interaction))}** started a quiz ${about}: ${plural(drawn, 'question')}${short}, ${seconds} s each, ${scoring} scoring${difficulty ? `, ${difficulty}` : ''}. First question coming up!`,
      ),
    );
  } catch (error) {
    rounds.end(round, 'channel-refused');
    throw error;
  }
  context.presenter.onDiscordRefusal(round, (text) => interaction.followUp(privately(text)));
  // A stop, a shutdown or a deleted channel may have ended the round while the reply was on its way.
  if (!rounds.begin(round)) return;
  context.logger.info(
    {
      guildId,
      channelId: interaction.channelId,
      roundId: round.id,
      command: 'quiz start',
      count: drawn,
      seconds,
      scoring,
    },
    'round started',
  );
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

/** The member as the round use cases see them: who, and whether they may moderate this channel's rounds. */
function actorOf(interaction: ChatInputCommandInteraction) {
  const permissions = interaction.memberPermissions;
  return {
    userId: interaction.user.id,
    canModerate: Boolean(
      permissions?.has(PermissionFlagsBits.ManageMessages) ||
        permissions?.has(PermissionFlagsBits.ManageGuild),
    ),
  };
}

function originOf(
  interaction: ComponentInteraction,
  id: { roundId: string; question: number },
): AnswerOrigin {
  return {
    roundId: id.roundId,
    questionIndex: id.question,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    postId: interaction.message?.id,
    userId: interaction.user.id,
  };
}
