import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  type InteractionUpdateOptions,
} from 'discord.js';
import type { ReviewQuestion, ReviewRef, ReviewReveal, ReviewSummary } from '../src/app/reviewSessions.ts';
import { REVIEW_COUNT } from '../src/app/reviewSessions.ts';
import { UserError } from '../src/core/userError.ts';
import type { BotContext, ComponentInteraction, SlashCommand } from '../src/discord/botContext.ts';
import { buildCustomId } from '../src/discord/customIds.ts';
import { privately } from '../src/discord/privateReply.ts';
import { ANSWER_INPUT_ID, typedAnswerModal } from '../src/discord/render/answerReplies.ts';
import type { MessagePayload } from '../src/discord/render/questionMessage.ts';
import {
  nothingToReviewText,
  RATING_LABELS,
  renderReviewModelAnswer,
  renderReviewQuestion,
  renderReviewReveal,
  renderReviewSummary,
} from '../src/discord/render/reviewMessage.ts';
import { NO_PINGS, plural, truncate } from '../src/discord/render/text.ts';

const data = {
  name: 'review',
  description: 'Review your questions privately: missed ones first, at your own pace',
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'Only this topic (default: the topics you have played here)',
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'count',
      description: `Questions at most (default ${REVIEW_COUNT.default})`,
      min_value: REVIEW_COUNT.min,
      max_value: REVIEW_COUNT.max,
    },
  ],
} as const satisfies SlashCommand['data'];

/** Every message of a review is private (ephemeral) and edited in place; the channel never changes. */
export const reviewCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    if (!interaction.guildId) throw new UserError('Reviews are kept per server: run `/review` in a server.');
    const started = await context.app.reviews.start({
      guildId: interaction.guildId,
      userId: interaction.user.id,
      topic: interaction.options.getString('topic'),
      count: interaction.options.getInteger('count'),
    });
    if (started.kind === 'nothing') {
      await interaction.reply(privately(nothingToReviewText(started)));
      return;
    }
    await interaction.reply(privately(questionPayload(started, context, interaction.guildId)));
  },
  async autocomplete(interaction, context) {
    const choices = context.app.topics(interaction.options.getFocused()).map((topic) => ({
      name: truncate(`${topic.title} (${plural(topic.questions, 'question')})`, 100),
      value: topic.id,
    }));
    await interaction.respond(choices);
  },
  components: {
    'review-choice': (interaction, id, context) =>
      answer(interaction, id, context, { kind: 'choice', index: id.choice }),
    'review-boolean': (interaction, id, context) =>
      answer(interaction, id, context, { kind: 'boolean', value: id.value }),
    'review-text': (interaction, id, context) => {
      const text = interaction.isModalSubmit() ? interaction.fields.getTextInputValue(ANSWER_INPUT_ID) : '';
      return answer(interaction, id, context, { kind: 'text', text });
    },
    'review-open-modal': async (interaction, id, context) => {
      if (!interaction.isButton()) return;
      const question = context.app.reviews.current(refOf(interaction, id));
      await interaction.showModal(
        typedAnswerModal(
          buildCustomId({ kind: 'review-text', sessionId: id.sessionId, step: id.step }),
          `Review ${id.step + 1}: your answer`,
          question,
        ),
      );
    },
    'review-model': async (interaction, id, context) => {
      const { question } = context.app.reviews.modelAnswer(refOf(interaction, id));
      const step = { sessionId: id.sessionId, step: id.step, total: 0, question };
      await update(interaction, renderReviewModelAnswer(step, context.app.topicTitle(question.topic)));
    },
    'review-rate': async (interaction, id, context) => {
      const reveal = await context.app.reviews.rate(refOf(interaction, id), id.rating);
      await update(interaction, revealPayload(reveal, context, interaction.guildId));
    },
    'review-next': async (interaction, id, context) => {
      const next = await context.app.reviews.next(refOf(interaction, id));
      await update(
        interaction,
        next.kind === 'summary' ? summaryPayload(next) : questionPayload(next, context, interaction.guildId),
      );
    },
    'review-grade': async (interaction, id, context) => {
      if (!interaction.guildId || !interaction.isButton())
        throw new UserError('Reviews are kept per server.');
      const { comesBack } = await context.app.reviews.rateOpen(
        interaction.guildId,
        interaction.user.id,
        id.questionId,
        id.rating,
      );
      const before = interaction.message?.content ?? '';
      await interaction.update({
        content: truncate(
          `${before}\n\nYou rated it **${RATING_LABELS[id.rating]}**: it comes back for review ${comesBack} (\`/review\`).`,
          2000,
        ),
        components: [],
        allowedMentions: NO_PINGS,
      });
    },
  },
};

async function answer(
  interaction: ComponentInteraction,
  id: { sessionId: string; step: number },
  context: BotContext,
  submission: Parameters<BotContext['app']['reviews']['answer']>[1],
): Promise<void> {
  const reveal = await context.app.reviews.answer(refOf(interaction, id), submission);
  await update(interaction, revealPayload(reveal, context, interaction.guildId));
}

function questionPayload(step: ReviewQuestion, context: BotContext, guildId: string | null): MessagePayload {
  return renderReviewQuestion(step, context.app.topicTitle(step.question.topic, guildId));
}

function revealPayload(reveal: ReviewReveal, context: BotContext, guildId: string | null): MessagePayload {
  const titles = context.app.glossaryOf(guildId).titles(reveal.question.concepts);
  return renderReviewReveal(reveal, context.app.topicTitle(reveal.question.topic, guildId), titles);
}

function summaryPayload(summary: ReviewSummary): MessagePayload {
  return renderReviewSummary(summary);
}

/** The review's one private message becomes the next view; a modal from elsewhere gets a new private reply. */
async function update(interaction: ComponentInteraction, payload: MessagePayload): Promise<void> {
  const options: InteractionUpdateOptions = {
    ...payload,
    content: payload.content ?? '',
    allowedMentions: NO_PINGS,
  };
  if (interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage())) {
    await interaction.update(options);
    return;
  }
  await interaction.reply(privately(payload));
}

function refOf(interaction: ComponentInteraction, id: { sessionId: string; step: number }): ReviewRef {
  return { sessionId: id.sessionId, step: id.step, userId: interaction.user.id };
}
