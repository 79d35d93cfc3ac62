import { Client, type ClientOptions, Events, GatewayIntentBits, type SendableChannels } from 'discord.js';
import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterEach } from 'vitest';
import {
  type Loopback,
  type LoopbackOptions,
  startLoopback,
  testClientOptions,
} from '../../src/loopback/index.ts';

export const quizCommands = [
  {
    name: 'quiz',
    description: 'Run a quiz round',
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'start',
        description: 'Start a round',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'topic', description: 'Topic', required: true },
          {
            type: ApplicationCommandOptionType.Integer,
            name: 'count',
            description: 'Questions',
            min_value: 1,
            max_value: 20,
          },
          {
            type: ApplicationCommandOptionType.Integer,
            name: 'seconds',
            description: 'Seconds per question',
          },
        ],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: 'stop', description: 'Stop the round' },
    ],
  },
  {
    name: 'explain',
    description: 'Explain a concept',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'concept',
        description: 'Concept',
        required: true,
        autocomplete: true,
      },
    ],
  },
] satisfies RESTPutAPIApplicationCommandsJSONBody;

export interface Harness {
  loopback: Loopback;
  client: Client;
  guildId: string;
  channelId: string;
  close(): Promise<void>;
}

/** Records which gateway events reached the client, in order. */
export function recordEvents(client: Client): string[] {
  const events: string[] = [];
  client.on(Events.Raw, (packet: { t?: string | null }) => {
    if (packet.t) events.push(packet.t);
  });
  return events;
}

export interface HarnessOptions {
  loopback?: LoopbackOptions;
  intents?: ClientOptions['intents'];
  /** Registers listeners before login so no event is missed. */
  setup?: (client: Client) => void;
  client?: Partial<ClientOptions>;
}

/** A loopback with one guild, one channel and the quiz commands, and a logged-in discord.js client. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const loopback = await startLoopback({ rateLimits: 'off', ...options.loopback });
  const guild = loopback.world.createGuild({ name: 'Study Group', channels: ['quiz'] });
  const channel = guild.channels[0];
  if (!channel) throw new Error('no channel');
  const base = testClientOptions(loopback);
  const client = new Client({
    intents: options.intents ?? [GatewayIntentBits.Guilds],
    ...base,
    ...options.client,
    rest: { ...base.rest, ...options.client?.rest },
  });
  options.setup?.(client);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(loopback.token);
  await ready;
  await client.application?.commands.set(quizCommands);
  return {
    loopback,
    client,
    guildId: guild.id,
    channelId: channel.id,
    async close() {
      await client.destroy();
      await loopback.close();
    },
  };
}

/** A harness per test, closed after each one. */
export function harnessPerTest(): { start(options?: HarnessOptions): Promise<Harness> } {
  let current: Harness | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    async start(options) {
      current = await startHarness(options);
      return current;
    },
  };
}

/** The harness's channel, as discord.js sees it, ready to send to. */
export function sendable(h: Harness): SendableChannels {
  const channel = h.client.channels.cache.get(h.channelId);
  if (!channel?.isSendable()) throw new Error('channel not sendable');
  return channel;
}
