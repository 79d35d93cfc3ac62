import { Agent } from 'undici';

/**
 * A bounded pool: a burst of clicks then queues on a few kept-alive connections instead of
 * opening one connection per acknowledgement.
 */
export const REST_CONNECTIONS = 32;

export function createRestAgent(): Agent {
  return new Agent({ connections: REST_CONNECTIONS, connect: { timeout: 30_000 } });
}
