import { UserError } from '../../core/userError.ts';

const DISCORD_API = 'https://discord.com/api';

/**
 * `GET /gateway/bot`'s `shards`, asked of `apiUrl` when set (discord.js's own helper would always
 * call Discord). The token goes only in the header, never in a message.
 */
export async function recommendedShardCount(token: string, apiUrl: string | undefined): Promise<number> {
  const base = (apiUrl ?? DISCORD_API).replace(/\/+$/, '');
  const url = `${base}/v10/gateway/bot`;
  const where = `${new URL(base).host} (${apiUrl ? 'DISCORD_API_URL' : 'Discord'})`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bot ${token.replace(/^Bot\s*/i, '')}` } });
  } catch (error) {
    throw new UserError(
      `--shards auto could not ask ${where} for the recommended shard count (${(error as Error).message}). Check the network and DISCORD_API_URL, or give a number: --shards 2.`,
    );
  }
  if (response.status === 401) {
    throw new UserError(
      'Discord refused DISCORD_TOKEN. Copy the bot token again (developer portal → Bot → Reset Token) into .env.',
    );
  }
  const body = (await response.json().catch(() => undefined)) as { shards?: unknown } | undefined;
  if (!response.ok || !Number.isInteger(body?.shards) || (body?.shards as number) < 1) {
    throw new UserError(
      `--shards auto: ${where} answered GET /gateway/bot with HTTP ${response.status} and no shard count. Give a number instead: --shards 2.`,
    );
  }
  return body?.shards as number;
}
