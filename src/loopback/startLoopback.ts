import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommandRegistry } from './commandRegistry.ts';
import { createRestHandler } from './http/restHandler.ts';
import { LoopbackCore, type LoopbackOptions } from './loopbackCore.ts';
import { LoopbackDriver } from './loopbackDriver.ts';
import type { World } from './world.ts';

export interface Loopback {
  /** Pass to `new Client({ rest: { api: loopback.apiUrl } })`. */
  apiUrl: string;
  gatewayUrl: string;
  /** The bot token to log in with. */
  token: string;
  applicationId: string;
  world: World;
  driver: LoopbackDriver;
  commands: CommandRegistry;
  close(): Promise<void>;
}

/** Starts a Discord-compatible REST + gateway server on 127.0.0.1 at a free port. */
export async function startLoopback(options: LoopbackOptions = {}): Promise<Loopback> {
  const core = new LoopbackCore(options);
  const handle = createRestHandler(core);
  const server = createServer((req, res) => {
    if (core.attachments.handle(req, res)) return;
    void handle(req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').startsWith('/gateway')) core.gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A burst of interactions opens many connections at once; the default backlog (511) would drop some.
    server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  core.apiUrl = `http://127.0.0.1:${port}/api`;
  core.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
  core.gateway.resumeGatewayUrl = core.gatewayUrl;

  let closed: Promise<void> | undefined;
  return {
    apiUrl: core.apiUrl,
    gatewayUrl: core.gatewayUrl,
    token: core.token,
    applicationId: core.applicationId,
    world: core.world,
    driver: new LoopbackDriver(core),
    commands: core.commands,
    close() {
      closed ??= (async () => {
        core.feed.failAll('The loopback was closed while waiting');
        core.abandonAckWaits('The loopback was closed');
        core.faults.releaseHung();
        core.attachments.releaseHeld();
        await core.gateway.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closed;
    },
  };
}
