import { ChannelType, Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startLoopback, testClientOptions } from '../../src/loopback/index.ts';
import { harnessPerTest, recordEvents } from './harness.ts';

const harnesses = harnessPerTest();

/** A bot that answers every slash command with "pong <n>". */
function pongBot(client: Client): void {
  let n = 0;
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply({ content: `pong ${++n}` });
  });
}

describe('the loopback gateway', () => {
  it('GIVEN a login THEN clientReady fires with the world in the cache', async () => {
    const harness = await harnesses.start({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
    });
    const { client, loopback, guildId, channelId } = harness;
    expect(client.user?.id).toBe(loopback.applicationId);
    const guild = client.guilds.cache.get(guildId);
    expect(guild?.name).toBe('Study Group');
    expect(client.channels.cache.get(channelId)?.type).toBe(ChannelType.GuildText);
    expect(guild?.members.me?.id).toBe(loopback.applicationId);
    expect(loopback.driver.gateway.stats.identifies).toBe(1);
    const commands = await client.application?.commands.fetch();
    expect(commands?.map((c) => c.name).sort()).toEqual(['explain', 'quiz']);
    loopback.driver.assertClean();
  });

  it('GIVEN RECONNECT THEN discord.js resumes and receives the interaction it missed', async () => {
    const harness = await harnesses.start({ setup: pongBot });
    const { loopback, guildId, channelId } = harness;
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    loopback.driver.gateway.reconnect();
    // Dispatched while the bot is between sockets: kept for the RESUME.
    const missed = ada.runCommand('quiz', { subcommand: 'stop' }, { channelId });
    await loopback.driver.gateway.waitForResumes(1);
    expect((await missed.reply()).content).toBe('pong 1');
    expect(loopback.driver.gateway.stats.identifies).toBe(1);
    expect(loopback.driver.gateway.stats.lastReplayCount).toBeGreaterThanOrEqual(1);
    expect(loopback.driver.gateway.stats.clientCloseCodes).toEqual([4200]);
    const after = ada.runCommand('quiz', { subcommand: 'stop' }, { channelId });
    expect((await after.reply()).content).toBe('pong 2');
  });

  it('GIVEN a socket closed by the server THEN discord.js resumes on a new one', async () => {
    const harness = await harnesses.start({ setup: pongBot });
    const { loopback, guildId, channelId } = harness;
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    loopback.driver.gateway.closeSocket(4000);
    const missed = ada.runCommand('quiz', { subcommand: 'stop' }, { channelId });
    expect((await missed.reply()).content).toBe('pong 1');
    await loopback.driver.gateway.waitForResumes(1);
    expect(loopback.driver.gateway.stats.identifies).toBe(1);
  });

  it('GIVEN INVALID_SESSION THEN discord.js identifies again and keeps working', async () => {
    const harness = await harnesses.start({ setup: pongBot });
    const { loopback, guildId, channelId } = harness;
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    loopback.driver.gateway.invalidateSession(false);
    await loopback.driver.gateway.waitForIdentifies(2);
    await loopback.driver.gateway.waitUntilOnline();
    const command = ada.runCommand('quiz', { subcommand: 'stop' }, { channelId });
    expect((await command.reply()).content).toBe('pong 1');
    expect(loopback.driver.gateway.stats.resumes).toBe(0);
  });

  it('GIVEN a resumable INVALID_SESSION THEN discord.js resumes on the same socket', async () => {
    const harness = await harnesses.start({ setup: pongBot });
    const { loopback, guildId, channelId } = harness;
    const ada = loopback.driver.as(loopback.world.addMember(guildId, { username: 'ada' }));
    loopback.driver.gateway.invalidateSession(true);
    const missed = ada.runCommand('quiz', { subcommand: 'stop' }, { channelId });
    await loopback.driver.gateway.waitForResumes(1);
    expect((await missed.reply()).content).toBe('pong 1');
    expect(loopback.driver.gateway.stats.connections).toBe(1);
  });

  it('GIVEN only the Guilds intent THEN member and message events are not delivered', async () => {
    let events: string[] = [];
    const harness = await harnesses.start({
      intents: [GatewayIntentBits.Guilds],
      setup: (client) => {
        events = recordEvents(client);
      },
    });
    const { loopback, guildId, channelId } = harness;
    const ada = loopback.world.addMember(guildId, { username: 'ada' });
    loopback.driver.as(ada).say(channelId, 'hello');
    loopback.world.removeMember(guildId, ada.user.id);
    // Events on one socket arrive in order: once this one is in, the filtered ones would have been too.
    const marker = loopback.world.createChannel(guildId, 'marker');
    await loopback.driver.waitFor(() => harness?.client.channels.cache.has(marker.id));
    expect(events).not.toContain('GUILD_MEMBER_ADD');
    expect(events).not.toContain('GUILD_MEMBER_REMOVE');
    expect(events).not.toContain('MESSAGE_CREATE');
    expect(events).toContain('CHANNEL_CREATE');
  });

  it('GIVEN GuildMembers and GuildMessages THEN those events arrive, content blank without MessageContent', async () => {
    const removed: string[] = [];
    const contents: string[] = [];
    const harness = await harnesses.start({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages],
      setup: (client) => {
        client.on(Events.GuildMemberRemove, (member) => removed.push(member.user.username));
        client.on(Events.MessageCreate, (message) =>
          contents.push(`${message.author.username}:${message.content}`),
        );
      },
    });
    const { loopback, guildId, channelId } = harness;
    const ada = loopback.world.addMember(guildId, { username: 'ada' });
    loopback.driver.as(ada).say(channelId, 'secret answer');
    loopback.world.removeMember(guildId, ada.user.id);
    await loopback.driver.waitFor(() => removed.length > 0 && contents.length > 0);
    expect(removed).toEqual(['ada']);
    expect(contents).toEqual(['ada:']);
  });

  it('GIVEN MessageContent THEN member messages arrive with their content', async () => {
    const contents: string[] = [];
    const harness = await harnesses.start({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
      setup: (client) => client.on(Events.MessageCreate, (message) => contents.push(message.content)),
    });
    const { loopback, guildId, channelId } = harness;
    loopback.driver
      .as(loopback.world.addMember(guildId, { username: 'ada' }))
      .say(channelId, 'secret answer');
    await loopback.driver.waitFor(() => contents.length > 0);
    expect(contents).toEqual(['secret answer']);
  });

  it('GIVEN a channel deleted mid-round THEN CHANNEL_DELETE arrives and sends answer 10003', async () => {
    const deleted: string[] = [];
    const harness = await harnesses.start({
      setup: (client) => client.on(Events.ChannelDelete, (c) => deleted.push(c.id)),
    });
    const { client, loopback, channelId } = harness;
    const channel = client.channels.cache.get(channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const message = await channel.send('Question 1');
    loopback.world.deleteChannel(channelId);
    await loopback.driver.waitFor(() => deleted.length > 0);
    expect(deleted).toEqual([channelId]);
    await expect(channel.send('Question 2')).rejects.toMatchObject({ code: 10003, status: 404 });
    // discord.js refuses to edit in an uncached channel itself; a bot holding ids goes through REST.
    await expect(
      client.rest.patch(Routes.channelMessage(channelId, message.id), { body: { content: 'closed' } }),
    ).rejects.toMatchObject({ code: 10003 });
  });

  it('GIVEN the GuildMembers intent THEN guild.members.fetch() gets every member over the gateway', async () => {
    const harness = await harnesses.start({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
    });
    const { client, loopback, guildId } = harness;
    loopback.driver.join(guildId, { username: 'ada' });
    loopback.driver.join(guildId, { username: 'bob' });
    const guild = client.guilds.cache.get(guildId);
    const members = await guild?.members.fetch();
    expect(members?.map((m) => m.user.username).sort()).toEqual([
      'ada',
      'bob',
      expect.stringMatching(/^owner-/),
      'studyquiz',
    ]);
    const bob = await guild?.members.fetch({ query: 'bo' });
    expect(bob?.map((m) => m.user.username)).toEqual(['bob']);
  });

  it('GIVEN a wrong token THEN login fails as it does on Discord', async () => {
    const loopback = await startLoopback();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], ...testClientOptions(loopback) });
    try {
      await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
      expect(loopback.driver.requests.map((r) => [r.path, r.status])).toEqual([['/gateway/bot', 401]]);
    } finally {
      await client.destroy();
      await loopback.close();
    }
  });

  it('GIVEN a short heartbeat interval THEN heartbeats are acknowledged and discord.js measures a ping', async () => {
    const harness = await harnesses.start({ loopback: { heartbeatIntervalMs: 20 } });
    const { client, loopback } = harness;
    await loopback.driver.waitFor(() => client.ws.ping >= 0);
    expect(loopback.driver.gateway.stats.identifies).toBe(1);
  });
});
