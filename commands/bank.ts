import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  ComponentType,
  InteractionContextType,
  type InteractionEditReplyOptions,
  type InteractionUpdateOptions,
  MessageFlags,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
} from 'discord.js';
import type { BankActor, ServerBanks, TopicSummary, UploadPreview } from '../src/app/serverBanks.ts';
import { isUserError, UserError } from '../src/core/userError.ts';
import { BANK_DOWNLOAD_LIMITS, downloadAttachment } from '../src/discord/attachmentDownload.ts';
import type { BotContext, ComponentInteraction, SlashCommand } from '../src/discord/botContext.ts';
import { type BankButtonKind, buildCustomId } from '../src/discord/customIds.ts';
import { privately } from '../src/discord/privateReply.ts';
import { renderBankIssues } from '../src/discord/render/bankIssues.ts';
import { renderQuestionPreview } from '../src/discord/render/questionMessage.ts';
import { inertText, joinWithin, NO_PINGS, plural, truncate } from '../src/discord/render/text.ts';

const data = {
  name: 'bank',
  description: "Manage this server's question bank (Manage Server)",
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  // Discord hides the command from everyone else; the bot checks again.
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'upload',
      description: 'Add a topic: YAML, a Quizlet/Anki export (TSV or CSV) or GIFT',
      options: [
        {
          type: ApplicationCommandOptionType.Attachment,
          name: 'file',
          description: 'The topic file (at most 1 MB)',
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'topic',
          description: "An imported topic's id (default: the file name); a YAML topic keeps its own",
          max_length: 64,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: "The shipped topics and this server's, with who uploaded each",
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'export',
      description: "One of this server's topics as a YAML file",
      options: [topicOption('The topic to export')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: "Remove one of this server's topics (asks to confirm)",
      options: [topicOption('The topic to remove')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'shipped',
      description: 'Show or hide the topics shipped with the bot in this server',
      options: [
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'enabled',
          description: 'True: play the shipped topics too; False: only this server’s',
          required: true,
        },
      ],
    },
  ],
} as const satisfies SlashCommand['data'];

function topicOption(description: string) {
  return {
    type: ApplicationCommandOptionType.String,
    name: 'topic',
    description,
    required: true,
    autocomplete: true,
    max_length: 100,
  } as const;
}

export const bankCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    const { banks, actor } = bankAccess(interaction, context);
    switch (interaction.options.getSubcommand()) {
      case 'upload':
        return upload(interaction, context, banks, actor);
      case 'list':
        return void (await interaction.reply(privately(listText(banks, actor.guildId))));
      case 'export': {
        const { fileName, yaml } = banks.export(actor.guildId, interaction.options.getString('topic', true));
        await interaction.reply(
          privately({
            content: `Here is \`${fileName}\` as it was saved.`,
            files: [{ attachment: Buffer.from(yaml, 'utf8'), name: fileName }],
          }),
        );
        return;
      }
      case 'remove': {
        const { token, topic } = banks.requestRemoval(actor, interaction.options.getString('topic', true));
        await interaction.reply(
          privately({
            content: `Remove **${inertText(topic.title, 100)}** (\`${topic.topicId}\`, ${plural(topic.questions, 'question')}) from this server? This cannot be undone: \`/bank export\` keeps a copy.`,
            components: [
              buttons([
                ['bank-remove', token, 'Remove', ButtonStyle.Danger],
                ['bank-cancel', token, 'Cancel', ButtonStyle.Secondary],
              ]),
            ],
          }),
        );
        return;
      }
      case 'shipped': {
        const enabled = interaction.options.getBoolean('enabled', true);
        const { shippedTopics, serverTopics } = await banks.setShipped(actor, enabled);
        await interaction.reply(
          privately(
            enabled
              ? `The ${plural(shippedTopics, 'shipped topic')} are played in this server again, with its own ${plural(serverTopics, 'topic')}.`
              : `The shipped topics are hidden from \`/quiz\` in this server: only its own ${plural(serverTopics, 'topic')} are played. \`/explain\` still knows the shipped glossary.`,
          ),
        );
        return;
      }
    }
  },
  async autocomplete(interaction, context) {
    const banks = context.app.serverBanks;
    if (!banks || !interaction.guildId) return interaction.respond([]);
    const choices = banks
      .searchTopics(interaction.guildId, interaction.options.getFocused())
      .map((topic) => ({
        name: truncate(`${topic.title} (${plural(topic.questions, 'question')})`, 100),
        value: topic.topicId,
      }));
    await interaction.respond(choices);
  },
  components: {
    'bank-save': (interaction, id, context) => saveClicked(interaction, id.token, context, false),
    'bank-replace': (interaction, id, context) => saveClicked(interaction, id.token, context, true),
    'bank-cancel': async (interaction, id, context) => {
      const { banks, actor } = bankAccess(interaction, context);
      const kind = banks.cancel(id.token, actor);
      await update(
        interaction,
        kind === 'upload' ? 'Cancelled: nothing was saved.' : 'Cancelled: nothing was removed.',
      );
    },
    'bank-remove': async (interaction, id, context) => {
      const { banks, actor } = bankAccess(interaction, context);
      const removed = await banks.confirmRemoval(id.token, actor);
      context.logger.info(
        { guildId: actor.guildId, userId: actor.userId, topic: removed.topicId },
        'topic removed',
      );
      await update(
        interaction,
        `Removed **${inertText(removed.title, 100)}** (\`${removed.topicId}\`) from this server.`,
      );
    },
  },
};

/** The server's bank use cases and the member, once they are known to hold Manage Server here. */
function bankAccess(
  interaction: ChatInputCommandInteraction | ComponentInteraction,
  context: BotContext,
): { banks: ServerBanks; actor: BankActor } {
  if (!interaction.guildId) throw new UserError('`/bank` manages a server’s questions: use it in a server.');
  const banks = context.app.serverBanks;
  if (!banks) throw new UserError('This bot keeps no server banks.');
  const canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
  if (!canManage)
    throw new UserError("Only members with Manage Server can change this server's question bank.");
  return { banks, actor: { guildId: interaction.guildId, userId: interaction.user.id, canManage } };
}

async function upload(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  banks: ServerBanks,
  actor: BankActor,
): Promise<void> {
  const attachment = interaction.options.getAttachment('file', true);
  // Downloading and reading may take seconds: acknowledge first.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const edit = (body: InteractionEditReplyOptions | string) =>
    interaction.editReply({
      ...(typeof body === 'string' ? { content: body } : body),
      allowedMentions: NO_PINGS,
    });
  try {
    const download = await downloadAttachment(
      { name: attachment.name, size: attachment.size, url: attachment.url },
      { ...BANK_DOWNLOAD_LIMITS, maxBytes: banks.limits.fileBytes, apiUrl: context.apiUrl },
    );
    if (!download.ok) {
      await edit(download.message);
      return;
    }
    const outcome = await banks.upload({
      actor,
      fileName: attachment.name,
      text: download.text,
      topic: interaction.options.getString('topic'),
    });
    if (!outcome.ok) {
      await edit(renderBankIssues(attachment.name, outcome.issues));
      return;
    }
    await edit(previewReply(outcome.preview));
  } catch (error) {
    if (!isUserError(error)) throw error;
    await edit(error.message);
  }
}

function previewReply(preview: UploadPreview): InteractionEditReplyOptions {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .filter(([, n]) => n > 0)
      .map(([key, n]) => `${n} ${key}`)
      .join(', ');
  const replaces = preview.replaces
    ? `\n⚠️ This server already has a topic \`${preview.topicId}\` (${uploadedText(preview.replaces)}): saving asks before replacing it.`
    : '';
  const notes =
    preview.notes.length > 0
      ? `\n${preview.notes.map((note) => `• ${inertText(note, 200)}`).join('\n')}`
      : '';
  const shown = renderQuestionPreview(preview.first, preview.title);
  return {
    content: truncate(
      `**${inertText(preview.title, 100)}** (\`${preview.topicId}\`, ${preview.format}): ${plural(preview.questions, 'question')} — ${counts(preview.byType)}; ${counts(preview.byDifficulty)}${preview.concepts > 0 ? `; ${plural(preview.concepts, 'concept')} of its own` : ''}.${notes}${replaces}\nThe first question, as a round will show it:`,
      2000,
    ),
    embeds: shown.embeds,
    components: [
      ...shown.components,
      buttons([
        ['bank-save', preview.token, 'Save', ButtonStyle.Success],
        ['bank-cancel', preview.token, 'Cancel', ButtonStyle.Secondary],
      ]),
    ],
  };
}

async function saveClicked(
  interaction: ComponentInteraction,
  token: string,
  context: BotContext,
  replace: boolean,
): Promise<void> {
  const { banks, actor } = bankAccess(interaction, context);
  const outcome = await banks.save(token, actor, replace);
  if (outcome.status === 'confirm-replace') {
    await update(
      interaction,
      `This server already has **${inertText(outcome.replaces.title, 100)}** (\`${outcome.topicId}\`, ${uploadedText(outcome.replaces)}). Replace it with the new file?`,
      [
        buttons([
          ['bank-replace', token, 'Replace it', ButtonStyle.Danger],
          ['bank-cancel', token, 'Cancel', ButtonStyle.Secondary],
        ]),
      ],
    );
    return;
  }
  context.logger.info(
    { guildId: actor.guildId, userId: actor.userId, topic: outcome.topicId, questions: outcome.questions },
    'topic saved',
  );
  await update(
    interaction,
    `${outcome.replaced ? 'Replaced' : 'Saved'} **${inertText(outcome.title, 100)}** (\`${outcome.topicId}\`, ${plural(outcome.questions, 'question')}). Play it with \`/quiz start topic:${outcome.topicId}\`.`,
  );
}

function listText(banks: ServerBanks, guildId: string): string {
  const listing = banks.list(guildId);
  const shipped = listing.shipped.map(
    (t) => `• **${inertText(t.title, 100)}** (\`${t.topicId}\`, ${plural(t.questions, 'question')})`,
  );
  const server = listing.server.map((t) =>
    t.problem
      ? `• ⚠️ \`${t.topicId}\`: ${inertText(t.problem, 300)}`
      : `• **${inertText(t.title, 100)}** (\`${t.topicId}\`, ${plural(t.questions, 'question')}, ${uploadedText(t)})`,
  );
  const lines = [
    `**Shipped with the bot** — ${listing.shippedEnabled ? 'played here' : 'hidden here (`/bank shipped enabled:True` shows them)'}`,
    ...shipped,
    `**This server's topics** (${listing.server.length} of ${banks.limits.topicsPerServer}, ${listing.server.reduce((n, t) => n + t.questions, 0)} of ${banks.limits.questionsPerServer} questions)`,
    ...(server.length > 0 ? server : ['• none yet: add one with `/bank upload`']),
    ...listing.problems.map((problem) => `⚠️ ${inertText(problem, 300)}`),
  ];
  return joinWithin(lines, 2000, (left) => `…and ${left} more.`);
}

function uploadedText(topic: TopicSummary): string {
  const by = /^\d+$/.test(topic.uploadedBy) ? `<@${topic.uploadedBy}>` : 'someone';
  const when = topic.uploadedAt > 0 ? ` <t:${Math.floor(topic.uploadedAt / 1000)}:R>` : '';
  return `uploaded by ${by}${when}`;
}

function buttons(specs: [BankButtonKind, string, string, ButtonStyle][]) {
  return {
    type: ComponentType.ActionRow,
    components: specs.map(([kind, token, label, style]) => ({
      type: ComponentType.Button,
      style,
      label,
      custom_id: buildCustomId({ kind, token }),
    })),
  } as const;
}

async function update(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  content: string,
  components: InteractionUpdateOptions['components'] = [],
): Promise<void> {
  const body = { content, embeds: [], components, allowedMentions: NO_PINGS };
  if (interaction.isButton()) await interaction.update(body);
  else await interaction.reply(privately(body));
}
