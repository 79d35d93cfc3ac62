import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type Client,
  DiscordAPIError,
  Events,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

let harness: Harness | undefined;
let botErrors: unknown[] = [];

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  const errors = botErrors;
  botErrors = [];
  expect(errors).toEqual([]);
});

/** A bot under test: one handler for every interaction, errors surfaced to the test. */
async function withBot(handler: (interaction: Interaction) => Promise<unknown>): Promise<Harness> {
  harness = await startHarness({
    setup(client: Client) {
      client.on(Events.InteractionCreate, (interaction) => {
        handler(interaction).catch((error: unknown) => botErrors.push(error));
      });
    },
  });
  return harness;
}

const answerRow = (roundId: string) =>
  new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`quiz:answer:${roundId}:0`).setLabel('A').setStyle(ButtonStyle.Primary),
    new ButtonBuilder().setCustomId(`quiz:answer:${roundId}:1`).setLabel('B').setStyle(ButtonStyle.Primary),
  );

describe('interactions through a plain discord.js client', () => {
  it('GIVEN a slash command and a button THEN the member sees the reply and the update', async () => {
    const { loopback, guildId, channelId } = await withBot(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const topic = interaction.options.getString('topic', true);
        const count = interaction.options.getInteger('count');
        await interaction.reply({
          content: `Quiz on ${topic}, ${count} questions (${interaction.options.getSubcommand()})`,
          components: [answerRow('r1')],
        });
      } else if (interaction.isButton()) {
        await interaction.update({
          content: `${interaction.user.username} chose ${interaction.customId}`,
          components: [],
        });
      }
    });
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));

    const command = ada.runCommand(
      'quiz',
      { subcommand: 'start', options: { topic: 'sql', count: 3 } },
      { channelId },
    );
    const reply = await command.reply();
    expect(command.ackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(reply.content).toBe('Quiz on sql, 3 questions (start)');
    expect(reply.ephemeral).toBe(false);
    expect(loopback.driver.messages(channelId)).toEqual([reply]);

    const click = ada.click(reply, 'quiz:answer:r1:1');
    const updated = await click.reply();
    expect(click.ackType).toBe(InteractionResponseType.UpdateMessage);
    expect(updated.id).toBe(reply.id);
    expect(updated.content).toBe('ada chose quiz:answer:r1:1');
    expect(updated.components).toEqual([]);
    expect(updated.history.map((v) => v.content)).toEqual(['Quiz on sql, 3 questions (start)']);
    expect(command.latencyMs).toBeGreaterThanOrEqual(0);
    expect(loopback.driver.ackLatencies()).toHaveLength(2);
    expect(() => ada.click(updated, 'quiz:answer:r1:1')).toThrow(/no button/);
    loopback.driver.assertClean();
  });

  it('GIVEN an ephemeral reply THEN only the member who ran the command sees it', async () => {
    const { loopback, guildId, channelId } = await withBot(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({
          content: 'Only you',
          flags: MessageFlags.Ephemeral,
          components: [answerRow('r2')],
        });
      } else if (interaction.isButton()) {
        await interaction.reply({ content: 'Noted', flags: MessageFlags.Ephemeral });
      }
    });
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    const bob = loopback.driver.as(loopback.world.addMember(guildId, { username: 'bob' }));
    const reply = await ada.runCommand('quiz', { subcommand: 'stop' }, { channelId }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.visibleTo).toBe(ada.id);
    expect(loopback.driver.messages(channelId)).toEqual([]);
    expect(loopback.driver.messages(channelId, { includeEphemeral: true })).toEqual([reply]);
    expect(() => bob.click(reply, 'quiz:answer:r2:0')).toThrow(/not visible/);
    const answer = await ada.click(reply, 'quiz:answer:r2:0').reply();
    expect(answer.content).toBe('Noted');
    loopback.driver.assertClean();
  });

  it('GIVEN deferReply THEN the reply shows once @original is edited, and follow-ups arrive', async () => {
    const { loopback, guildId, channelId } = await withBot(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      const fetched = await interaction.fetchReply();
      await interaction.editReply({
        content: `Ready (was loading: ${fetched.flags.has(MessageFlags.Loading)})`,
      });
      await interaction.followUp({ content: 'Question 1', flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: 'Question 2' });
    });
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    const command = ada.runCommand('quiz', { subcommand: 'start', options: { topic: 'sql' } }, { channelId });
    const reply = await command.reply();
    expect(command.ackType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(reply.content).toBe('Ready (was loading: true)');
    expect(reply.flags & MessageFlags.Loading).toBe(0);
    const second = await command.followUp((m) => m.content === 'Question 2');
    expect(second.ephemeral).toBe(false);
    expect(command.followUps().map((m) => [m.content, m.ephemeral])).toEqual([
      ['Question 1', true],
      ['Question 2', false],
    ]);
    loopback.driver.assertClean();
  });

  it('GIVEN deferUpdate THEN the clicked message changes when the bot edits the reply', async () => {
    const { loopback, guildId, channelId } = await withBot(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({ content: 'Round 1', components: [answerRow('r3')] });
      } else if (interaction.isButton()) {
        await interaction.deferUpdate();
        await interaction.editReply({ content: 'Round 1 closed', components: [] });
      }
    });
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    const reply = await ada.runCommand('quiz', { subcommand: 'stop' }, { channelId }).reply();
    const click = ada.click(reply, 'quiz:answer:r3:0');
    const edited = await click.reply();
    expect(click.ackType).toBe(InteractionResponseType.DeferredMessageUpdate);
    expect(edited.id).toBe(reply.id);
    expect(edited.content).toBe('Round 1 closed');
    loopback.driver.assertClean();
  });

  it('GIVEN a modal THEN the member submits it and the bot reads the fields', async () => {
    const { loopback, guildId, channelId } = await withBot(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const modal = new ModalBuilder()
          .setCustomId('quiz:feedback')
          .setTitle('Feedback')
          .addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder()
                .setCustomId('comment')
                .setLabel('Comment')
                .setStyle(TextInputStyle.Paragraph),
            ),
          );
        await interaction.showModal(modal);
      } else if (interaction.isModalSubmit()) {
        await interaction.reply({ content: `Thanks: ${interaction.fields.getTextInputValue('comment')}` });
      }
    });
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    const command = ada.runCommand('quiz', { subcommand: 'stop' }, { channelId });
    const modal = await command.modal();
    expect(modal.title).toBe('Feedback');
    await expect(ada.submitModal(command, {})).rejects.toThrow(/required/);
    const submit = await ada.submitModal(command, { comment: 'more SQL please' });
    expect((await submit.reply()).content).toBe('Thanks: more SQL please');
    loopback.driver.assertClean();
  });

  it('GIVEN autocomplete THEN the member sees the choices the bot offers', async () => {
    const { loopback, guildId, channelId } = await withBot(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond(
        ['normalisation', 'normal form', 'index']
          .filter((c) => c.startsWith(typed))
          .map((c) => ({ name: c, value: c })),
      );
    });
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    const typing = ada.autocomplete(
      'explain',
      { options: { concept: 'norm' }, focused: 'concept' },
      { channelId },
    );
    expect(await typing.choices()).toEqual([
      { name: 'normalisation', value: 'normalisation' },
      { name: 'normal form', value: 'normal form' },
    ]);
    loopback.driver.assertClean();
  });

  it('GIVEN with_response THEN discord.js gets the callback resource', async () => {
    const seen: string[] = [];
    const { loopback, guildId, channelId } = await withBot(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: 'Hello', withResponse: true });
      seen.push(response.resource?.message?.content ?? 'none');
    });
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    await ada.runCommand('quiz', { subcommand: 'stop' }, { channelId }).reply();
    await loopback.driver.waitFor(() => seen.length > 0);
    expect(seen).toEqual(['Hello']);
  });

  it('GIVEN options the command does not define THEN the driver refuses, as Discord would', async () => {
    const { loopback, guildId, channelId } = await withBot(async () => {});
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    expect(() => ada.runCommand('quiz', { subcommand: 'start', options: {} }, { channelId })).toThrow(
      /needs option "topic"/,
    );
    expect(() =>
      ada.runCommand('quiz', { subcommand: 'start', options: { topic: 'x', count: 99 } }, { channelId }),
    ).toThrow(/between 1 and 20/);
    expect(() => ada.runCommand('nope', {}, { channelId })).toThrow(/not registered/);
    expect(() => ada.runCommand('quiz', { subcommand: 'pause' }, { channelId })).toThrow(
      /no subcommand "pause"/,
    );
  });

  it('GIVEN a reply after the bot already replied THEN Discord answers 40060', async () => {
    const errors: unknown[] = [];
    const { loopback, guildId, channelId } = await withBot(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'first' });
      // discord.js refuses a second reply itself, so go around it as a confused bot would.
      await interaction.client.rest
        .post(`/interactions/${interaction.id}/${interaction.token}/callback`, {
          body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'second' } },
          auth: false,
        })
        .catch((error: unknown) => errors.push(error));
    });
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    const command = ada.runCommand('quiz', { subcommand: 'stop' }, { channelId });
    await command.rejection(40060);
    await loopback.driver.waitFor(() => errors.length > 0);
    expect(errors[0]).toBeInstanceOf(DiscordAPIError);
    expect((errors[0] as DiscordAPIError).code).toBe(40060);
    expect((errors[0] as DiscordAPIError).message).toBe('Interaction has already been acknowledged.');
    expect(loopback.driver.messages(channelId).map((m) => m.content)).toEqual(['first']);
  });

  it('GIVEN a burst of clicks from many members THEN every one is acknowledged and timed', async () => {
    const { loopback, guildId, channelId } = await withBot(async (interaction) => {
      if (interaction.isChatInputCommand())
        await interaction.reply({ content: 'Q1', components: [answerRow('burst')] });
      else if (interaction.isButton())
        await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    });
    const members = Array.from({ length: 20 }, (_, i) =>
      loopback.driver.join(guildId, { username: `m${i}` }),
    );
    const question = await members[0]?.runCommand('quiz', { subcommand: 'stop' }, { channelId }).reply();
    if (!question) throw new Error('no question');
    const clicks = Array.from({ length: 200 }, (_, i) =>
      members[i % 20]?.click(question, `quiz:answer:burst:${i % 2}`),
    );
    await Promise.all(clicks.map((click) => click?.acknowledged()));
    expect(loopback.driver.ackLatencies()).toHaveLength(201);
    expect(loopback.driver.messages(channelId, { includeEphemeral: true })).toHaveLength(201);
    loopback.driver.assertClean();
  });

  it('GIVEN a member who left THEN they can no longer use the bot', async () => {
    const { loopback, guildId, channelId } = await withBot(async () => {});
    const ada = loopback.driver.join(guildId, { username: 'ada' });
    loopback.world.removeMember(guildId, ada.id);
    expect(() => ada.runCommand('quiz', { subcommand: 'stop' }, { channelId })).toThrow(/no longer a member/);
  });

  it('GIVEN a modal opened from a button THEN its submission can update the clicked message', async () => {
    const { loopback, guildId, channelId } = await withBot(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({ content: 'Round 1', components: [answerRow('m1')] });
      } else if (interaction.isButton()) {
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId('quiz:free:m1')
            .setTitle('Your answer')
            .addComponents(
              new ActionRowBuilder<TextInputBuilder>().addComponents(
                new TextInputBuilder()
                  .setCustomId('answer')
                  .setLabel('Answer')
                  .setStyle(TextInputStyle.Short),
              ),
            ),
        );
      } else if (interaction.isModalSubmit() && interaction.isFromMessage()) {
        await interaction.update({
          content: `<@${interaction.user.id}> answered ${interaction.fields.getTextInputValue('answer')}`,
          components: [],
          allowedMentions: { parse: [] },
        });
      }
    });
    const ada = loopback.driver.join(guildId, { username: 'ada' });
    const round = await ada.runCommand('quiz', { subcommand: 'stop' }, { channelId }).reply();
    const click = ada.click(round, 'quiz:answer:m1:0');
    expect((await click.modal()).custom_id).toBe('quiz:free:m1');
    const submit = await ada.submitModal(click, { answer: '@everyone 42' });
    const updated = await submit.reply();
    expect(submit.ackType).toBe(InteractionResponseType.UpdateMessage);
    expect(updated.id).toBe(round.id);
    expect(updated.content).toBe(`<@${ada.id}> answered @everyone 42`);
    expect(updated.allowedMentions).toEqual({ parse: [] });
    loopback.driver.assertClean();
  });
});
