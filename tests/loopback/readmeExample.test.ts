// The example from src/loopback/README.md, kept here so it keeps working.
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { afterEach, expect, it } from 'vitest';
import { type Loopback, startLoopback, testClientOptions } from '../../src/loopback/index.ts';

let loopback: Loopback | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await loopback?.close();
});

it('GIVEN /quiz start THEN the member sees the question and an ephemeral answer to the click', async () => {
  loopback = await startLoopback();
  const guild = loopback.world.createGuild({ name: 'Study Group', channels: ['quiz'] });
  const channelId = guild.channels[0]?.id ?? '';

  client = new Client({ intents: [GatewayIntentBits.Guilds], ...testClientOptions(loopback) });
  client.on(Events.InteractionCreate, async (interaction) => {
    if (interaction.isChatInputCommand()) {
      const topic = interaction.options.getString('topic', true);
      await interaction.reply({
        content: `Question 1 on ${topic}`,
        components: [
          { type: 1, components: [{ type: 2, style: 1, label: 'A', custom_id: 'quiz:answer:r1:0' }] },
        ],
      });
    } else if (interaction.isButton()) {
      await interaction.reply({ content: 'Answer recorded', flags: MessageFlags.Ephemeral });
    }
  });
  const ready = new Promise((resolve) => client?.once(Events.ClientReady, resolve));
  await client.login(loopback.token);
  await ready;
  await client.application?.commands.set([
    {
      name: 'quiz',
      description: 'Quiz rounds',
      options: [
        {
          type: 1,
          name: 'start',
          description: 'Start a round',
          options: [{ type: 3, name: 'topic', description: 'Topic', required: true }],
        },
      ],
    },
  ]);

  const ada = loopback.driver.join(guild.id, { username: 'ada' });
  const question = await ada
    .runCommand('quiz', { subcommand: 'start', options: { topic: 'sql' } }, { channelId })
    .reply();
  expect(question.content).toBe('Question 1 on sql');

  const click = ada.click(question, 'quiz:answer:r1:0');
  const answer = await click.reply();
  expect(answer).toMatchObject({ content: 'Answer recorded', ephemeral: true });
  expect(loopback.driver.messages(channelId)).toEqual([question]);
  loopback.driver.assertClean();
});
