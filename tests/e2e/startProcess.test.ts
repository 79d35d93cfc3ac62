import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { deployCommandsCommand } from '../../src/cli/deployCommandsCommand.ts';
import { type Loopback, startLoopback } from '../../src/loopback/index.ts';
import { captureIo } from '../support/captureIo.ts';
import { freePort, startPostgres, type TestPostgres } from '../support/startPostgres.ts';
import { embedOf, isQuestionMessage, SAMPLE_BANK } from './botHarness.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/studyquiz.js');

let loopback: Loopback | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  await loopback?.close();
  loopback = undefined;
  child = undefined;
});

function run(env: NodeJS.ProcessEnv) {
  const spawned = spawn(process.execPath, [BIN, 'start'], {
    env: { PATH: process.env.PATH, ...env },
    cwd: path.resolve(import.meta.dirname, '../fixtures'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  spawned.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  spawned.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(spawned, 'exit').then(([code]) => code as number | null);
  return { process: spawned, output: () => output, exited };
}

describe('studyquiz start', () => {
  it('GIVEN no configuration THEN it stops at once and names each missing variable', async () => {
    const started = run({});
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/DISCORD_TOKEN is missing\n {2}DISCORD_APPLICATION_ID is missing/);
    expect(started.output()).toMatch(/see \.env\.example/);
  });

  it('GIVEN a token Discord refuses THEN it exits 1 and says to copy the token again, without printing it', async () => {
    loopback = await startLoopback();
    const wrongToken = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Wrong.tokentokentokentoken';
    const started = run({
      DISCORD_TOKEN: wrongToken,
      DISCORD_APPLICATION_ID: loopback.applicationId,
      DISCORD_API_URL: loopback.apiUrl,
      STORE: 'memory',
      QUESTIONS_DIR: SAMPLE_BANK,
    });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/Discord refused DISCORD_TOKEN\. Copy the bot token again/);
    expect(started.output()).not.toContain(wrongToken);
  });

  it('GIVEN an invalid bank THEN it stops before logging in, with the same report as validate', async () => {
    const started = run({
      DISCORD_TOKEN: 'not-used-because-the-bank-fails-first',
      DISCORD_APPLICATION_ID: '123456789012345678',
      QUESTIONS_DIR: path.resolve(import.meta.dirname, '../fixtures/broken-banks/broken-glossary'),
    });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/has 3 problems:\n.*glossary\.yaml:6:15 field `related\[0\]`/);
    expect(started.output()).toMatch(/run `studyquiz validate` to check/);
  });

  it('GIVEN a score folder that cannot be written THEN it stops before logging in and says what to fix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-start-'));
    try {
      writeFileSync(path.join(dir, 'not-a-folder'), '');
      const scores = path.join(dir, 'not-a-folder', 'scores.json');
      const started = run({
        DISCORD_TOKEN: 'not-used-because-the-score-file-fails-first',
        DISCORD_APPLICATION_ID: '123456789012345678',
        QUESTIONS_DIR: SAMPLE_BANK,
        SCORES_FILE: scores,
      });
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain(`Cannot load the score file ${scores}`);
      expect(started.output()).toMatch(/cannot be written \(E\w+\), so no score could be saved/);
      expect(started.output()).toMatch(/or set SCORES_FILE to a file in a folder that is/);
      expect(started.output()).not.toMatch(/bot ready/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN a review file it cannot read THEN it stops before logging in, names the file, and leaves it untouched', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-start-'));
    try {
      const reviews = path.join(dir, 'reviews.json');
      writeFileSync(reviews, '{"format": "studyquiz-reviews", "version": 1, "guilds": [');
      const started = run({
        DISCORD_TOKEN: 'not-used-because-the-review-file-fails-first',
        DISCORD_APPLICATION_ID: '123456789012345678',
        QUESTIONS_DIR: SAMPLE_BANK,
        SCORES_FILE: path.join(dir, 'scores.json'),
      });
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain(`Cannot load the review file ${reviews}: it is not valid JSON`);
      expect(started.output()).toMatch(/move it aside/);
      expect(started.output()).not.toMatch(/bot ready/);
      expect(readFileSync(reviews, 'utf8')).toBe('{"format": "studyquiz-reviews", "version": 1, "guilds": [');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN SIGTERM during a round THEN the round is closed with a message and the process exits 0, never logging the token', async () => {
    loopback = await startLoopback();
    const guild = loopback.world.createGuild({ name: 'Study Group', channels: ['quiz'] });
    const channelId = guild.channels[0]?.id ?? '';
    const env = {
      DISCORD_TOKEN: loopback.token,
      DISCORD_APPLICATION_ID: loopback.applicationId,
      DISCORD_API_URL: loopback.apiUrl,
      STORE: 'memory',
      QUESTIONS_DIR: SAMPLE_BANK,
      LOG_LEVEL: 'debug',
    };
    expect(await deployCommandsCommand([], captureIo('', env).io)).toBe(0);
    const started = run(env);
    child = started.process;
    await loopback.driver.gateway.waitUntilOnline({ timeoutMs: 20_000 });
    const ann = loopback.driver.as(loopback.world.addMember(guild.id, { username: 'ann', nick: 'Ann' }));
    await ann.runCommand('quiz', { subcommand: 'start', options: { count: 2 } }, { channelId }).reply();
    await loopback.driver.waitForMessage(channelId, (m) => isQuestionMessage(m, 1));

    started.process.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    const summary = loopback.driver
      .messages(channelId)
      .find((m) => /^Round stopped/.test(embedOf(m).title ?? ''));
    expect(embedOf(summary ?? loopback.driver.messages(channelId)[0] ?? ({} as never)).title).toMatch(
      /^Round stopped: the bot is restarting/,
    );
    const logs = started.output();
    expect(logs).toMatch(/"msg":"bot ready"/);
    expect(logs).toMatch(/"msg":"bot stopped"/);
    expect(logs).not.toContain(loopback.token);
  });
});

describe('studyquiz start with servers’ banks', () => {
  it('GIVEN a stored topic that no longer validates THEN start logs its server and topic, and runs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-start-'));
    try {
      loopback = await startLoopback();
      const guildId = '100000000000000007';
      mkdirSync(path.join(dir, 'banks', guildId), { recursive: true });
      writeFileSync(
        path.join(dir, 'banks', guildId, 'broken.yaml'),
        'topic: broken\ntitle: Broken\nquestions: 3\n',
      );
      const started = run({
        DISCORD_TOKEN: loopback.token,
        DISCORD_APPLICATION_ID: loopback.applicationId,
        DISCORD_API_URL: loopback.apiUrl,
        QUESTIONS_DIR: SAMPLE_BANK,
        SCORES_FILE: path.join(dir, 'scores.json'),
        BANKS_DIR: path.join(dir, 'banks'),
      });
      child = started.process;
      await vi.waitFor(() => expect(started.output()).toMatch(/"msg":"bot ready"/), { timeout: 20_000 });
      const logged = started
        .output()
        .split('\n')
        .find((line) => line.includes("a server's stored topic cannot be used"));
      expect(JSON.parse(logged ?? '{}')).toMatchObject({
        guildId,
        topic: 'broken',
        problem: expect.stringMatching(/^no longer validates.*broken\.yaml:3/),
      });
      started.process.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('studyquiz start with STORE=postgres', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(() => postgres.remove());

  const withDatabase = (url: string) => ({
    DISCORD_TOKEN: 'not-used-because-the-database-fails-first',
    DISCORD_APPLICATION_ID: '123456789012345678',
    QUESTIONS_DIR: SAMPLE_BANK,
    STORE: 'postgres',
    DATABASE_URL: url,
  });

  it('GIVEN a DATABASE_URL where nothing listens THEN it exits 1 naming the server and what to check, never the password', async () => {
    const port = await freePort();
    const password = 'closed-port-db-password';
    const started = run(withDatabase(`postgres://quiz:${password}@127.0.0.1:${port}/studyquiz`));
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain(
      `Cannot use the score database studyquiz on 127.0.0.1:${port} as user quiz`,
    );
    expect(started.output()).toMatch(/Check that PostgreSQL is running there/);
    expect(started.output()).not.toContain(password);
    expect(started.output()).not.toMatch(/bot ready/);
  });

  it('GIVEN a wrong password THEN it exits 1 saying the password was refused, without printing it', async () => {
    const wrongPassword = 'wrong-db-password-123';
    const started = run(withDatabase(postgres.url().replace(postgres.password, wrongPassword)));
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain(`on 127.0.0.1:${postgres.port} as user ${postgres.user}`);
    expect(started.output()).toMatch(/the server refused the password for user/);
    expect(started.output()).not.toContain(wrongPassword);
    expect(started.output()).not.toContain(postgres.password);
  });

  it('GIVEN a reachable database THEN start migrates it, runs, and stops with exit 0, never logging the password', async () => {
    loopback = await startLoopback();
    const url = await postgres.createDatabase();
    const started = run({
      ...withDatabase(url),
      DISCORD_TOKEN: loopback.token,
      DISCORD_APPLICATION_ID: loopback.applicationId,
      DISCORD_API_URL: loopback.apiUrl,
      LOG_LEVEL: 'debug',
    });
    child = started.process;
    await loopback.driver.gateway.waitUntilOnline({ timeoutMs: 20_000 });
    // Signals are taken over once the bot is ready; one sooner would just kill the process.
    await vi.waitFor(() => expect(started.output()).toMatch(/"msg":"bot ready"/), { timeout: 20_000 });
    started.process.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(started.output()).toMatch(/"store":"postgres"/);
    expect(started.output()).not.toContain(postgres.password);
    const applied = await postgres.withClient(url, (client) =>
      client.query('SELECT name FROM schema_migrations'),
    );
    expect(applied.rows.map((row) => row.name)).toContain('001_scores.sql');
  });
});
