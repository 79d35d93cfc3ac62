import { ActionRowBuilder, ButtonBuilder, ButtonStyle, Events, MessageFlags } from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

let harness: Harness | undefined;

afterEach(async () => {
  harness?.loopback.driver.assertClean();
  await harness?.close();
  harness = undefined;
});

describe('interactions through a plain discord.js client', () => {
  it('GIVEN a slash command and a button THEN the member sees the reply and the update', async () => {
    harness = await startHarness({
      setup(client) {
        client.on(Events.InteractionCreate, async (interaction) => {
          if (interaction.isChatInputCommand()) {
            const topic = interaction.options.getString('topic', true);
            const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
              new ButtonBuilder().setCustomId('quiz:answer:r1:0').setLabel('A').setStyle(ButtonStyle.Primary),
            );
            await interaction.reply({
              content: `Quiz on ${topic} (${interaction.options.getSubcommand()})`,
              components: [row],
            });
          } else if (interaction.isButton()) {
            await interaction.update({ content: `${interaction.user.username} answered`, components: [] });
          }
        });
      },
    });
    const { loopback, guildId, channelId } = harness;
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));

    const command = ada.runCommand(
      'quiz',
      { subcommand: 'start', options: { topic: 'sql', count: 3 } },
      { channelId },
    );
    const reply = await command.reply();
    expect(command.ackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(reply.content).toBe('Quiz on sql (start)');
    expect(reply.ephemeral).toBe(false);

    const click = ada.click(reply, 'quiz:answer:r1:0');
    const updated = await click.reply();
    expect(click.ackType).toBe(InteractionResponseType.UpdateMessage);
    expect(updated.id).toBe(reply.id);
    expect(updated.content).toBe('ada answered');
    expect(updated.components).toEqual([]);
    expect(updated.history.map((v) => v.content)).toEqual(['Quiz on sql (start)']);
    expect(command.latencyMs).toBeGreaterThanOrEqual(0);
    void MessageFlags;
  });
});
