import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

const REDACTED = '[redacted]';

/**
 * pino with structured fields; pretty in a terminal, JSON otherwise. Known secret fields are
 * redacted, and the token is scrubbed from any text that carries it (an error message, a URL).
 */
export function createLogger(options: {
  level: string;
  secrets: readonly string[];
  destination?: pino.DestinationStream;
  pretty?: boolean;
  /** Fields on every line, such as `{ shard: 0 }`. */
  base?: Record<string, unknown>;
}): Logger {
  const secrets = options.secrets.filter((secret) => secret.length >= 8);
  const scrub = (text: string) =>
    secrets.reduce((result, secret) => result.split(secret).join(REDACTED), text);
  const settings: LoggerOptions = {
    level: options.level,
    base: options.base,
    redact: {
      paths: [
        'token',
        '*.token',
        'DISCORD_TOKEN',
        '*.DISCORD_TOKEN',
        'headers.authorization',
        '*.headers.authorization',
      ],
      censor: REDACTED,
    },
    hooks: {
      streamWrite: scrub,
    },
  };
  if (options.destination) return pino(settings, options.destination);
  if (options.pretty ?? process.stdout.isTTY) {
    return pino({
      ...settings,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss' } },
    });
  }
  return pino(settings);
}
