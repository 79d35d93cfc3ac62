import type { ClientOptions } from 'discord.js';

/**
 * discord.js options for a client talking to the loopback. Tests skip discord.js's 5 s wait
 * before a re-IDENTIFY; production code must never use this.
 */
export function testClientOptions(loopback: { apiUrl: string }): Pick<ClientOptions, 'rest' | 'ws'> {
  return {
    rest: { api: loopback.apiUrl },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
  };
}
