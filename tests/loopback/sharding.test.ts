import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Loopback, shardOf, startLoopback, testClientOptions } from '../../src/loopback/index.ts';

let loopback: Loopback | undefined;
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await loopback?.close();
  loopback = undefined;
});

/** A discord.js client running the given shards of `shardCount`, recording the guild of each interaction. */
async function shardClient(lb: Loopback, shards: number[], shardCount: number) {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...testClientOptions(lb),
    shards,
    shardCount,
  });
  clients.push(client);
  const interactions: string[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    interactions.push(interaction.guildId ?? '');
    if (interaction.isChatInputCommand()) void interaction.reply({ content: `shard ${shards.join(',')}` });
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(lb.token);
  await ready;
  return { client, interactions };
}

/** The close code the gateway ends a raw IDENTIFY with. */
async function identifyCloseCode(lb: Loopback, d: object): Promise<number> {
  const socket = new WebSocket(`${lb.gatewayUrl}?v=10&encoding=json`);
  socket.once('message', () =>
    socket.send(JSON.stringify({ op: 2, d: { token: lb.token, intents: 1, ...d } })),
  );
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

describe('the loopback gateway with shards', () => {
  it('GIVEN a guild id THEN its shard is (id >> 22) % count, as on Discord', () => {
    const id = ((5n << 22n) + 123n).toString();
    expect(shardOf(id, 1)).toBe(0);
    expect(shardOf(id, 2)).toBe(1);
    expect(shardOf(id, 3)).toBe(2);
    expect(shardOf('197038439483310086', 4)).toBe(Number((197038439483310086n >> 22n) % 4n));
  });

  it('GIVEN guilds created for a shard THEN their ids fall on that shard', async () => {
    loopback = await startLoopback({ rateLimits: 'off' });
    for (const shard of [1, 0, 2, 2, 1]) {
      expect(shardOf(loopback.world.createGuild({ shard: [shard, 3] }).id, 3)).toBe(shard);
    }
  });

  it('GIVEN 2 recommended shards THEN /gateway/bot says so, and each guild reaches only the client of its shard', async () => {
    loopback = await startLoopback({ rateLimits: 'off', shards: 2 });
    const first = loopback.world.createGuild({ name: 'Zero', channels: ['quiz'], shard: [0, 2] });
    const second = loopback.world.createGuild({ name: 'One', channels: ['quiz'], shard: [1, 2] });
    loopback.commands.overwrite(null, [{ name: 'quiz', description: 'Quiz' }]);
    const gatewayBot = await fetch(`${loopback.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${loopback.token}` },
    });
    expect(((await gatewayBot.json()) as { shards: number }).shards).toBe(2);

    const zero = await shardClient(loopback, [0], 2);
    const one = await shardClient(loopback, [1], 2);
    expect([...zero.client.guilds.cache.keys()]).toEqual([first.id]);
    expect([...one.client.guilds.cache.keys()]).toEqual([second.id]);
    expect(loopback.driver.gateway.stats.identifiedShards).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(loopback.driver.gateway.liveShards).toHaveLength(2);

    const ann = loopback.driver.as(loopback.world.addMember(second.id, { username: 'ann' }));
    const reply = await ann.runCommand('quiz', {}, { channelId: second.channels[0]?.id ?? '' }).reply();
    expect(reply.content).toBe('shard 1');
    const bo = loopback.driver.as(loopback.world.addMember(first.id, { username: 'bo' }));
    expect(
      (await bo.runCommand('quiz', {}, { channelId: first.channels[0]?.id ?? '' }).reply()).content,
    ).toBe('shard 0');
    expect(zero.interactions).toEqual([first.id]);
    expect(one.interactions).toEqual([second.id]);

    // A new channel is a guild event too: only its shard hears of it.
    const channel = loopback.world.createChannel(second.id, 'late');
    await expect.poll(() => one.client.channels.cache.has(channel.id)).toBe(true);
    expect(zero.client.channels.cache.has(channel.id)).toBe(false);
    loopback.driver.assertClean();
  });

  it('GIVEN a client running both shards in one process THEN it sees every guild once', async () => {
    loopback = await startLoopback({ rateLimits: 'off', shards: 2 });
    const guilds = [0, 1, 1].map((shard) => loopback?.world.createGuild({ shard: [shard, 2] }).id);
    const both = await shardClient(loopback, [0, 1], 2);
    expect([...both.client.guilds.cache.keys()].sort()).toEqual([...guilds].sort());
  });

  it('GIVEN an IDENTIFY with a shard outside its count or malformed THEN it is closed with 4010', async () => {
    loopback = await startLoopback({ rateLimits: 'off' });
    expect(await identifyCloseCode(loopback, { shard: [2, 2] })).toBe(4010);
    expect(await identifyCloseCode(loopback, { shard: [-1, 2] })).toBe(4010);
    expect(await identifyCloseCode(loopback, { shard: [0, 0] })).toBe(4010);
    expect(await identifyCloseCode(loopback, { shard: '0,2' })).toBe(4010);
    expect(loopback.driver.gateway.stats.identifies).toBe(0);
  });

  it('GIVEN more guilds than one session may hold THEN an unsharded IDENTIFY is closed with 4011, a sharded one accepted', async () => {
    loopback = await startLoopback({ rateLimits: 'off', maxGuildsPerShard: 1 });
    loopback.world.createGuild({ shard: [0, 2] });
    loopback.world.createGuild({ shard: [1, 2] });
    expect(await identifyCloseCode(loopback, {})).toBe(4011);
    const zero = await shardClient(loopback, [0], 2);
    expect(zero.client.guilds.cache.size).toBe(1);
  });
});
