import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';

const VALID = { DISCORD_TOKEN: 'a-token-of-some-length', DISCORD_APPLICATION_ID: '123456789012345678' };

describe('configuration', () => {
  it('GIVEN only the required keys THEN every default is filled in', () => {
    expect(parseConfig(VALID)).toMatchObject({
      STORE: 'json',
      SCORES_FILE: './data/scores.json',
      BANKS_DIR: './data/banks',
      LOG_LEVEL: 'info',
      QUIZ_DEFAULT_COUNT: 10,
      QUIZ_DEFAULT_SECONDS: 20,
      QUIZ_DEFAULT_SCORING: 'accuracy',
      QUIZ_REVEAL_SECONDS: 5,
    });
  });

  it('GIVEN blank values as in .env.example THEN they count as unset', () => {
    const config = parseConfig({ ...VALID, DISCORD_GUILD_ID: '', DISCORD_API_URL: ' ', STORE: '' });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.DISCORD_API_URL).toBeUndefined();
    expect(config.STORE).toBe('json');
  });

  it('GIVEN bad values THEN every bad variable is named with what would be valid, and the token is not echoed', () => {
    const attempt = () =>
      parseConfig({
        DISCORD_TOKEN: 'secret-value-123',
        DISCORD_APPLICATION_ID: 'my-app',
        STORE: 'redis',
        QUIZ_DEFAULT_SECONDS: '500',
        DISCORD_API_URL: 'ftp://example',
      });
    expect(attempt).toThrow(/DISCORD_APPLICATION_ID must be the application id/);
    expect(attempt).toThrow(/STORE .*"json"|STORE .*json/);
    expect(attempt).toThrow(/QUIZ_DEFAULT_SECONDS .*120/);
    expect(attempt).toThrow(/DISCORD_API_URL must be an http\(s\) URL/);
    expect(attempt).toThrow(/see \.env\.example/);
    expect(attempt).not.toThrow(/secret-value-123/);
  });
});

describe('configuration of the PostgreSQL store', () => {
  const PASSWORD = 'hunter2-database-secret';

  it('GIVEN STORE=postgres and a postgres URL THEN both are kept', () => {
    const url = `postgres://quiz:${PASSWORD}@db.example:5432/studyquiz`;
    expect(parseConfig({ ...VALID, STORE: 'postgres', DATABASE_URL: url })).toMatchObject({
      STORE: 'postgres',
      DATABASE_URL: url,
    });
  });

  it('GIVEN STORE=postgres without DATABASE_URL THEN DATABASE_URL is named with an example, along with other problems', () => {
    const attempt = () => parseConfig({ DISCORD_APPLICATION_ID: '123456789012345678', STORE: 'postgres' });
    expect(attempt).toThrow(/DISCORD_TOKEN is missing/);
    expect(attempt).toThrow(
      /DATABASE_URL is missing: STORE=postgres needs .*postgres:\/\/user:password@host:5432/,
    );
    expect(() => parseConfig({ ...VALID, STORE: 'postgres', DATABASE_URL: ' ' })).toThrow(
      /DATABASE_URL is missing/,
    );
  });

  it('GIVEN a DATABASE_URL that is not a postgres URL THEN it is refused without being echoed', () => {
    const attempt = () =>
      parseConfig({
        ...VALID,
        STORE: 'postgres',
        DATABASE_URL: `mysql://quiz:${PASSWORD}@db.example/studyquiz`,
      });
    expect(attempt).toThrow(/DATABASE_URL must be a URL such as postgres:\/\//);
    expect(attempt).not.toThrow(new RegExp(PASSWORD));
  });

  it('GIVEN DATABASE_URL with another store THEN it is not needed and does no harm', () => {
    expect(parseConfig({ ...VALID, STORE: 'json', DATABASE_URL: 'postgres://localhost/x' }).STORE).toBe(
      'json',
    );
    expect(parseConfig({ ...VALID }).DATABASE_URL).toBeUndefined();
  });
});

describe('logging', () => {
  function capture() {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, destination };
  }

  it('GIVEN the token inside a message, an error or a field THEN it never reaches the log', () => {
    const { lines, destination } = capture();
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secretsecretsecret';
    const logger = createLogger({ level: 'info', secrets: [token], destination });
    logger.info({ token, nested: { token } }, `logging in with ${token}`);
    logger.error(
      { err: new Error(`401 for Bot ${token}`), headers: { authorization: `Bot ${token}` } },
      'failed',
    );
    const output = lines.join('');
    expect(output).not.toContain(token);
    expect(output).not.toContain('secretsecretsecret');
    expect(output).toContain('[redacted]');
    expect(output).toContain('logging in with [redacted]');
  });

  it('GIVEN structured fields THEN they are written as JSON fields', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', secrets: [], destination }).info(
      { guildId: 'g1', roundId: 'r1' },
      'round started',
    );
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      guildId: 'g1',
      roundId: 'r1',
      msg: 'round started',
      level: 30,
    });
  });
});
