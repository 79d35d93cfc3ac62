import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { assignedShard, SHARD_VARIABLE, shardChildEnv } from '../../src/cli/shards/shardChild.ts';
import { checkShardIds, parseShardIds } from '../../src/cli/shards/shardIds.ts';
import { shardRequest } from '../../src/cli/shards/shardRequest.ts';
import { createLogger } from '../../src/logger.ts';
import { captureIo } from '../support/captureIo.ts';

describe('shard ids', () => {
  it('GIVEN ranges and lists THEN they give the sorted ids', () => {
    expect(parseShardIds('0-3', '--shard-ids')).toEqual([0, 1, 2, 3]);
    expect(parseShardIds('5, 0,2', '--shard-ids')).toEqual([0, 2, 5]);
    expect(parseShardIds('0-1,4-5', '--shard-ids')).toEqual([0, 1, 4, 5]);
    expect(parseShardIds('7', '--shard-ids')).toEqual([7]);
  });

  it('GIVEN a malformed list THEN the message names the source, the bad part and the forms that work', () => {
    expect(() => parseShardIds('0-a', 'STUDYQUIZ_SHARD_IDS')).toThrow(
      'STUDYQUIZ_SHARD_IDS must list shard ids as ranges or lists such as 0-3 or 0,2,5 (ids start at 0); "0-a" is neither.',
    );
    expect(() => parseShardIds('1,,2', '--shard-ids')).toThrow(/"1,,2" is neither/);
    expect(() => parseShardIds('-1', '--shard-ids')).toThrow(/"-1" is neither/);
    expect(() => parseShardIds('3-1', '--shard-ids')).toThrow(
      '--shard-ids has the range "3-1" backwards: write 1-3.',
    );
    expect(() => parseShardIds('0-2,2', '--shard-ids')).toThrow('--shard-ids names shard 2 twice ("0-2,2")');
    expect(() => parseShardIds('0-9999999', '--shard-ids')).toThrow(/go up to 99999, not 9999999/);
  });

  it('GIVEN an id at or past the shard count THEN it is refused with the range that is valid', () => {
    expect(() => checkShardIds([0, 8], 8, '--shard-ids')).toThrow(
      '--shard-ids names shard 8, but the bot has 8 shards (ids 0 to 7). Lower the ids or raise the shard count.',
    );
    expect(() => checkShardIds([0, 7], 8, '--shard-ids')).not.toThrow();
  });
});

describe('what start is asked to run', () => {
  it('GIVEN nothing about shards THEN it runs one process, as always', () => {
    expect(shardRequest({}, {})).toBeUndefined();
  });

  it('GIVEN --shards N or auto THEN every shard runs here', () => {
    expect(shardRequest({ shards: '2' }, {})).toMatchObject({ count: 2, ids: undefined });
    expect(shardRequest({}, { shards: 'auto' })).toMatchObject({ count: 'auto', ids: undefined });
  });

  it('GIVEN a count and ids THEN only those run here; a flag wins over its variable', () => {
    expect(shardRequest({ shardCount: '8', shardIds: '0-3' }, {})).toEqual({
      count: 8,
      ids: [0, 1, 2, 3],
      idsSource: '--shard-ids',
    });
    expect(shardRequest({ shardIds: '4-7' }, { shardCount: '8', shardIds: '0-3' })).toMatchObject({
      count: 8,
      ids: [4, 5, 6, 7],
    });
    expect(shardRequest({}, { shardCount: '8', shardIds: '1' })).toMatchObject({
      idsSource: 'STUDYQUIZ_SHARD_IDS',
    });
  });

  it('GIVEN a bad or contradictory request THEN the message says what to give', () => {
    expect(() => shardRequest({ shards: 'two' }, {})).toThrow(
      '--shards must be auto or a whole number of shards from 1 to 100000, not "two".',
    );
    expect(() => shardRequest({}, { shards: '0' })).toThrow(
      /STUDYQUIZ_SHARDS must be auto or a whole number/,
    );
    expect(() => shardRequest({ shardCount: '1.5' }, {})).toThrow(/--shard-count must be a whole number/);
    expect(() => shardRequest({ shards: '2', shardCount: '8' }, {})).toThrow(
      /--shards 2 and --shard-count 8 disagree: give one of them/,
    );
    expect(() => shardRequest({ shardIds: '0-3' }, {})).toThrow(
      "--shard-ids needs the bot's total number of shards across machines: add --shard-count N (or STUDYQUIZ_SHARD_COUNT).",
    );
  });
});

describe('a shard process', () => {
  it("GIVEN the user's SHARDS and SHARD_COUNT THEN a shard's environment keeps neither and names its own shard", () => {
    const env = shardChildEnv({ SHARDS: '2', SHARD_COUNT: '9', STORE: 'postgres' }, { id: 1, count: 2 });
    expect(env).not.toHaveProperty('SHARDS');
    expect(env).not.toHaveProperty('SHARD_COUNT');
    expect(env).toMatchObject({ STORE: 'postgres', SHARDING_MANAGER: 'true', [SHARD_VARIABLE]: '1/2' });
  });

  it('GIVEN the shard variable without a manager (no IPC channel) THEN the process is not a shard', () => {
    expect(assignedShard({ [SHARD_VARIABLE]: '1/2' }, false)).toBeUndefined();
    expect(assignedShard({ [SHARD_VARIABLE]: '1/2' }, true)).toEqual({ id: 1, count: 2 });
    expect(assignedShard({ [SHARD_VARIABLE]: '2/2' }, true)).toBeUndefined();
    expect(assignedShard({}, true)).toBeUndefined();
  });
});

describe('start with shards and a store that cannot be shared', () => {
  const env = { DISCORD_TOKEN: 'never-used-token', DISCORD_APPLICATION_ID: '123456789012345678' };

  it.each([
    ['json', /STORE=json cannot run 2 shards: .*a score file cannot be shared safely by several processes/],
    ['memory', /STORE=memory cannot run 2 shards: .*memory scores live inside one process/],
  ])(
    'GIVEN STORE=%s and --shards 2 THEN it is refused before anything starts, pointing at PostgreSQL',
    async (store, why) => {
      const cli = captureIo('', { ...env, STORE: store });
      expect(await runCli(['start', '--shards', '2'], cli.io)).toBe(1);
      expect(cli.stderr()).toMatch(why);
      expect(cli.stderr()).toMatch(/Use STORE=postgres with DATABASE_URL=postgres:\/\//);
    },
  );

  it('GIVEN STUDYQUIZ_SHARD_COUNT=8 with a score file THEN it is refused too (machines would not share it)', async () => {
    const cli = captureIo('', { ...env, STUDYQUIZ_SHARD_COUNT: '8', STUDYQUIZ_SHARD_IDS: '0-3' });
    expect(await runCli(['start'], cli.io)).toBe(1);
    expect(cli.stderr()).toMatch(/STORE=json cannot run 8 shards/);
  });
});

describe('logging with shards', () => {
  it('GIVEN a base shard THEN every line carries it', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', secrets: [], destination, base: { shard: 1 } });
    logger.info('one');
    logger.child({ guildId: '1' }).warn('two');
    expect(lines.map((line) => JSON.parse(line).shard)).toEqual([1, 1]);
  });
});
