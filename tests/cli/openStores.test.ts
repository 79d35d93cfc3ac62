import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/loadBank.ts';
import { openStores } from '../../src/cli/openStores.ts';
import { parseConfig } from '../../src/config.ts';
import { UserError } from '../../src/core/userError.ts';
import { createLogger } from '../../src/logger.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-open-stores-'));
  dirs.push(dir);
  return dir;
}

async function open(env: Record<string, string>) {
  const config = parseConfig({
    DISCORD_TOKEN: 'a-token-of-some-length',
    DISCORD_APPLICATION_ID: '123456789012345678',
    STORE: 'json',
    ...env,
  });
  const { bank } = await loadBank([path.join('tests', 'fixtures', 'sample-bank')]);
  return openStores(config, createLogger({ level: 'silent', secrets: [] }), bank);
}

describe('start opens its stores', () => {
  it('GIVEN a bank folder that is a file THEN the refusal names BANKS_DIR and what to do', async () => {
    const dir = folder();
    const notAFolder = path.join(dir, 'banks');
    writeFileSync(notAFolder, 'not a folder');
    const failure = await open({ SCORES_FILE: path.join(dir, 'scores.json'), BANKS_DIR: notAFolder }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UserError);
    expect(String(failure)).toContain(`Cannot use the bank folder ${notAFolder}`);
    expect(String(failure)).toContain('Set BANKS_DIR');
  });

  it('GIVEN a corrupt score file THEN the refusal is about the score file, not the bank folder', async () => {
    const dir = folder();
    const scores = path.join(dir, 'scores.json');
    writeFileSync(scores, '{ not json');
    const failure = await open({ SCORES_FILE: scores, BANKS_DIR: path.join(dir, 'banks') }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UserError);
    expect(String(failure)).toContain(scores);
    expect(String(failure)).not.toContain('bank folder');
  });

  it('GIVEN good folders THEN every store opens and closes', async () => {
    const dir = folder();
    const stores = await open({
      SCORES_FILE: path.join(dir, 'scores.json'),
      BANKS_DIR: path.join(dir, 'banks'),
    });
    expect(stores.banks.problems).toEqual([]);
    await stores.close();
  });
});
