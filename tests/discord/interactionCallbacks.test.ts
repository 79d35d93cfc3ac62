import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { InteractionCallbackError, interactionCallbacks } from '../../src/discord/interactionCallbacks.ts';

type Reply = (response: ServerResponse) => void;

interface Received {
  method: string | undefined;
  url: string | undefined;
  contentType: string | undefined;
  body: string;
}

const servers: Server[] = [];
const agents: Agent[] = [];

afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A fake API answering each request with the next reply. */
async function fakeApi(replies: Reply[]) {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({
        method: request.method,
        url: request.url,
        contentType: request.headers['content-type'],
        body,
      });
      const reply = replies.shift();
      if (reply) reply(response);
      else response.writeHead(500).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new Agent();
  agents.push(agent);
  const { port } = server.address() as AddressInfo;
  return { received, send: interactionCallbacks(agent, `http://127.0.0.1:${port}/api`) };
}

const noContent: Reply = (response) => response.writeHead(204).end();
const refusal =
  (status: number, code: number, headers: Record<string, string> = {}): Reply =>
  (response) =>
    response
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify({ code, message: 'refused' }));

describe('interaction callbacks', () => {
  it('GIVEN Discord accepts THEN the body is posted as JSON to the callback route and it resolves true', async () => {
    const api = await fakeApi([noContent]);
    await expect(api.send('123', 'tok', '{"type":4}')).resolves.toBe(true);
    expect(api.received).toEqual([
      {
        method: 'POST',
        url: '/api/v10/interactions/123/tok/callback',
        contentType: 'application/json',
        body: '{"type":4}',
      },
    ]);
  });

  it('GIVEN the interaction expired or was answered THEN it resolves false without a retry', async () => {
    const api = await fakeApi([refusal(404, 10062), refusal(400, 40060)]);
    await expect(api.send('1', 'a', '{}')).resolves.toBe(false);
    await expect(api.send('2', 'b', '{}')).resolves.toBe(false);
    expect(api.received).toHaveLength(2);
  });

  it('GIVEN a rate limit once THEN the callback is sent again and succeeds', async () => {
    const api = await fakeApi([refusal(429, 0, { 'retry-after': '0.001' }), noContent]);
    await expect(api.send('1', 'a', '{"x":1}')).resolves.toBe(true);
    expect(api.received.map((request) => request.body)).toEqual(['{"x":1}', '{"x":1}']);
  });

  it('GIVEN a server error twice THEN it rejects with the status and code', async () => {
    const api = await fakeApi([refusal(500, 0), refusal(502, 7)]);
    const failure = await api.send('1', 'a', '{}').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InteractionCallbackError);
    expect(failure).toMatchObject({ status: 502, code: 7 });
  });

  it('GIVEN a refusal that is not retryable THEN it rejects at once', async () => {
    const api = await fakeApi([refusal(403, 50001)]);
    await expect(api.send('1', 'a', '{}')).rejects.toMatchObject({ status: 403, code: 50001 });
    expect(api.received).toHaveLength(1);
  });

  it('GIVEN nobody listens THEN it rejects with the connection error', async () => {
    const agent = new Agent();
    agents.push(agent);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const send = interactionCallbacks(agent, `http://127.0.0.1:${port}/api`);
    await expect(send('1', 'a', '{}')).rejects.toThrow(/ECONNREFUSED/);
  });
});
