import { Agent } from 'undici';

/**
 * A bounded pool: a burst of clicks then queues on a few kept-alive connections instead of
 * opening one connection per acknowledgement.
 */
export const REST_CONNECTIONS = 32;

/**
 * How long an idle connection is kept (undici's default is 4 s): long enough to carry a pool
 * opened by one question's clicks over to the next question's. A server that asks for less in
 * its Keep-Alive header gets less.
 */
const IDLE_CONNECTION_MS = 60_000;

export function createRestAgent(): Agent {
  return new Agent({
    connections: REST_CONNECTIONS,
    keepAliveTimeout: IDLE_CONNECTION_MS,
    connect: { timeout: 30_000 },
  });
}
