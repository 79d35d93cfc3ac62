import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../src/loopback/index.ts';
import { type Harness, harnessPerTest, sendable } from './harness.ts';

const harnesses = harnessPerTest();

/** Runs `/quiz stop` and hands the discord.js interaction to `act`; resolves with what `act` returned or threw. */
async function onCommand<T>(h: Harness, act: (interaction: ChatInputCommandInteraction) => Promise<T>) {
  const outcome = new Promise<{ value?: T; error?: unknown }>((resolve) => {
    h.client.once(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      act(interaction).then(
        (value) => resolve({ value }),
        (error: unknown) => resolve({ error }),
      );
    });
  });
  const member = h.loopback.driver.as(h.loopback.world.addMember(h.guildId, { username: 'ada' }));
  const handle = member.runCommand('quiz', { subcommand: 'stop' }, { channelId: h.channelId });
  return { handle, outcome: await outcome };
}

const errorOf = (outcome: { error?: unknown }) => {
  expect(outcome.error).toBeInstanceOf(DiscordAPIError);
  return outcome.error as DiscordAPIError;
};

describe("Discord's rules on the loopback", () => {
  it('GIVEN an acknowledgement later than 3 seconds THEN Discord answers 10062 Unknown interaction', async () => {
    const clock = createTestClock();
    const harness = await harnesses.start({ loopback: { now: clock.now } });
    const { handle, outcome } = await onCommand(harness, async (interaction) => {
      clock.advance(3001);
      return interaction.reply('too late');
    });
    const error = errorOf(outcome);
    expect(error.code).toBe(10062);
    expect(error.message).toBe('Unknown interaction');
    expect(handle.rejectedCodes).toEqual([10062]);
    expect(handle.ackType).toBeNull();
  });

  it('GIVEN a deferred reply THEN @original can be edited for 15 minutes and no longer', async () => {
    const clock = createTestClock();
    const harness = await harnesses.start({ loopback: { now: clock.now } });
    const { handle, outcome } = await onCommand(harness, async (interaction) => {
      await interaction.deferReply();
      clock.advance(14 * 60_000);
      await interaction.editReply('still in time');
      clock.advance(60_001);
      return interaction.editReply('too late');
    });
    expect(errorOf(outcome).code).toBe(50027);
    expect((await handle.reply()).content).toBe('still in time');
  });

  it('GIVEN content over 2000 characters THEN Discord answers 50035 with the field', async () => {
    const harness = await harnesses.start();
    const { outcome } = await onCommand(harness, (interaction) => interaction.reply('x'.repeat(2001)));
    const error = errorOf(outcome);
    expect(error.status).toBe(400);
    expect(error.code).toBe(50035);
    expect(error.rawError).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        data: {
          content: {
            _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }],
          },
        },
      },
    });
  });

  it('GIVEN too many rows, buttons or embeds THEN channel messages are refused with 50035', async () => {
    const harness = await harnesses.start();
    const channel = sendable(harness);
    const button = (id: string, label = 'A') =>
      new ButtonBuilder().setCustomId(id).setLabel(label).setStyle(ButtonStyle.Secondary);
    const row = (prefix: string, n: number) =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        Array.from({ length: n }, (_, i) => button(`${prefix}:${i}`)),
      );
    const refused = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DiscordAPIError);
      return (error as DiscordAPIError).rawError as { code: number; errors: Record<string, unknown> };
    };

    const sixRows = await refused(
      channel.send({ content: 'q', components: ['a', 'b', 'c', 'd', 'e', 'f'].map((p) => row(p, 1)) }),
    );
    expect(sixRows.errors).toHaveProperty('components._errors');

    const sixButtons = await harness.client.rest
      .post(Routes.channelMessages(harness.channelId), {
        body: {
          content: 'q',
          components: [
            { type: 1, components: row('z', 5).toJSON().components.concat(button('z:5').toJSON()) },
          ],
        },
      })
      .catch((e: unknown) => (e as DiscordAPIError).rawError);
    expect(sixButtons).toMatchObject({
      code: 50035,
      errors: { components: { 0: { components: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
    });

    const longId = await harness.client.rest
      .post(Routes.channelMessages(harness.channelId), {
        body: {
          content: 'q',
          components: [
            { type: 1, components: [{ type: 2, style: 1, label: 'A', custom_id: 'x'.repeat(101) }] },
          ],
        },
      })
      .catch((e: unknown) => (e as DiscordAPIError).rawError);
    expect(longId).toMatchObject({
      errors: {
        components: {
          0: { components: { 0: { custom_id: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
        },
      },
    });

    const elevenEmbeds = await refused(
      channel.send({ embeds: Array.from({ length: 11 }, (_, i) => new EmbedBuilder().setTitle(`${i}`)) }),
    );
    expect(elevenEmbeds.errors).toHaveProperty('embeds._errors');

    const bigEmbeds = await refused(
      channel.send({ embeds: [1, 2].map(() => new EmbedBuilder().setDescription('y'.repeat(3500))) }),
    );
    expect(bigEmbeds.errors).toEqual({
      embeds: {
        _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }],
      },
    });

    const empty = await harness.client.rest
      .post(Routes.channelMessages(harness.channelId), { body: {} })
      .catch((e: unknown) => e);
    expect((empty as DiscordAPIError).code).toBe(50006);
    expect(harness.loopback.driver.messages(harness.channelId)).toEqual([]);
  });

  it('GIVEN a modal title over 45 characters THEN showModal is refused', async () => {
    const harness = await harnesses.start();
    const { handle, outcome } = await onCommand(harness, (interaction) =>
      interaction.showModal(
        new ModalBuilder()
          .setCustomId('m')
          .setTitle('t'.repeat(45))
          .addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder().setCustomId('a').setLabel('A').setStyle(TextInputStyle.Short),
            ),
          )
          .toJSON(),
      ),
    );
    expect(outcome.error).toBeUndefined();
    expect((await handle.modal()).title).toHaveLength(45);

    const second = await onCommand(harness, (interaction) =>
      interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        auth: false,
        body: {
          type: 9,
          data: {
            custom_id: 'm',
            title: 't'.repeat(46),
            components: [{ type: 1, components: [{ type: 4, custom_id: 'a', label: 'A', style: 1 }] }],
          },
        },
      }),
    );
    expect(errorOf(second.outcome).rawError).toMatchObject({
      errors: { data: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
  });

  it('GIVEN the bot may not send in a channel THEN Discord answers 50013 Missing Permissions', async () => {
    const harness = await harnesses.start();
    harness.loopback.world.setBotPermissions(harness.channelId, { deny: PermissionFlagsBits.SendMessages });
    await expect(sendable(harness).send('hello')).rejects.toMatchObject({
      code: 50013,
      status: 403,
      message: 'Missing Permissions',
    });
    // The interaction reply does not need the channel permission, as on Discord.
    const { handle, outcome } = await onCommand(harness, (interaction) => interaction.reply('hi'));
    expect(outcome.error).toBeUndefined();
    expect((await handle.reply()).content).toBe('hi');
  });

  it('GIVEN a command with default_member_permissions THEN members without them do not see it', async () => {
    const harness = await harnesses.start();
    const { loopback, guildId, channelId } = harness;
    await harness.client.application?.commands.create({
      name: 'reset',
      description: 'Reset the scores',
      defaultMemberPermissions: PermissionFlagsBits.ManageGuild,
    });
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    const mod = loopback.driver.as(
      loopback.world.addMember(guildId, { username: 'mod', permissions: PermissionFlagsBits.ManageGuild }),
    );
    expect(() => ada.runCommand('reset', {}, { channelId })).toThrow(/hidden/);
    const seen = new Promise<bigint | undefined>((resolve) =>
      harness?.client.once(Events.InteractionCreate, (i) => resolve(i.memberPermissions?.bitfield)),
    );
    mod.runCommand('reset', {}, { channelId });
    expect(((await seen) ?? 0n) & PermissionFlagsBits.ManageGuild).toBe(PermissionFlagsBits.ManageGuild);
  });

  it('GIVEN invalid command definitions THEN registration answers 50035', async () => {
    const harness = await harnesses.start();
    const error = await harness.client.rest
      .put(Routes.applicationCommands(harness.loopback.applicationId), {
        body: [{ name: 'Quiz Start', description: '' }],
      })
      .catch((e: unknown) => e);
    expect((error as DiscordAPIError).rawError).toMatchObject({
      code: 50035,
      errors: {
        0: {
          name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] },
          description: { _errors: [{}] },
        },
      },
    });
  });

  it('GIVEN a route Discord does not have THEN it answers 404 and the loopback reports it', async () => {
    const harness = await harnesses.start();
    const error = await harness.client.rest.get('/quizzes/1').catch((e: unknown) => e);
    expect((error as DiscordAPIError).rawError).toEqual({ code: 0, message: '404: Not Found' });
    expect(harness.loopback.driver.unknownRoutes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /quizzes/1',
    ]);
    expect(() => harness?.loopback.driver.assertClean()).toThrow(/unknown route GET \/quizzes\/1/);
  });

  it('GIVEN messages sent and edited THEN their edit history is kept and MESSAGE_UPDATE is dispatched', async () => {
    const updates: string[] = [];
    const harness = await harnesses.start({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
      setup: (client) =>
        client.on(Events.MessageUpdate, (_old, message) => updates.push(message.content ?? '')),
    });
    const { loopback, channelId } = harness;
    const sent = await sendable(harness).send('Question 1: 10 s left');
    await sent.edit('Question 1: 5 s left');
    await sent.edit({ content: 'Question 1: closed', embeds: [new EmbedBuilder().setTitle('Answer: B')] });
    const [stored] = loopback.driver.messages(channelId);
    expect(stored?.content).toBe('Question 1: closed');
    expect(stored?.embeds).toEqual([{ title: 'Answer: B' }]);
    expect(stored?.history.map((v) => v.content)).toEqual(['Question 1: 10 s left', 'Question 1: 5 s left']);
    await loopback.driver.waitFor(() => updates.length === 2);
    expect(updates).toEqual(['Question 1: 5 s left', 'Question 1: closed']);
    await sent.delete();
    expect(loopback.driver.messages(channelId)).toEqual([]);
    loopback.driver.assertClean();
  });
});
