import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MemberDriver } from '../../src/loopback/index.ts';
import { JsonScoreStore } from '../../src/store/JsonScoreStore.ts';
import {
  answerQuestion,
  type BotWorld,
  botWorldPerTest,
  embedOf,
  letTimeRunOut,
  questionShown,
  startQuiz,
  waitForQuestion,
  waitForSummary,
} from './botHarness.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const worlds = botWorldPerTest();

/** Plays a one-question round in a channel: each listed member answers, right or wrong. */
async function playOneQuestion(
  w: BotWorld,
  channelId: string,
  starter: MemberDriver,
  answers: [MemberDriver, boolean][],
) {
  await startQuiz(w, starter, { count: 1, topic: 'sample', difficulty: 'easy' }, channelId).reply();
  const message = await waitForQuestion(w, 1, channelId);
  const question = questionShown(w, message);
  for (const [member, correct] of answers)
    await (await answerQuestion(member, message, question, correct)).reply();
  return message;
}

describe('rounds at once', () => {
  it('GIVEN rounds in two channels and two servers THEN each runs on its own and scores stay in their server', async () => {
    const w = await worlds.start();
    const otherGuild = w.loopback.world.createGuild({ name: 'Other School', channels: ['quiz'] });
    const otherChannel = otherGuild.channels[0]?.id ?? '';
    const secondChannel = w.loopback.world.guild(w.guildId).channels[1]?.id ?? '';
    const ann = w.member('Ann');
    const bob = w.member('Bob');
    const annAbroad = w.member('Ann', { guildId: otherGuild.id });
    const cy = w.member('Cy', { guildId: otherGuild.id });

    const one = await playOneQuestion(w, w.channelId, ann, [[ann, true]]);
    const two = await playOneQuestion(w, secondChannel, bob, [
      [bob, true],
      [ann, true],
    ]);
    const three = await playOneQuestion(w, otherChannel, cy, [
      [cy, false],
      [annAbroad, true],
    ]);
    expect(w.bot.context.app.rounds.liveCount).toBe(3);
    w.scheduler.advance(20_000);
    await Promise.all(
      [one, two, three].map((m) =>
        w.loopback.driver.waitForEdit(m, (x) => JSON.stringify(x.embeds).includes('✅')),
      ),
    );
    await Promise.all([w.channelId, secondChannel, otherChannel].map((c) => waitForSummary(w, c)));

    const home = await bob.runCommand('leaderboard', {}, { channelId: w.channelId }).reply();
    expect(embedOf(home).description).toBe(
      ['`#1` **Ann** — 200 pts · 2/2 correct (100%)', '`#2` **Bob** — 100 pts · 1/1 correct (100%)'].join(
        '\n',
      ),
    );
    const away = await cy.runCommand('leaderboard', {}, { channelId: otherChannel }).reply();
    expect(embedOf(away).description).toBe(
      ['`#1` **Ann** — 100 pts · 1/1 correct (100%)', '`#2` **Cy** — 0 pts · 0/1 correct (0%)'].join('\n'),
    );
    expect(embedOf(away).title).toMatch(/Other School/);
  });
});

describe('/leaderboard', () => {
  it('GIVEN more than ten players THEN pages turn for the asker, others get their own copy, and the asker sees their rank off the page', async () => {
    const w = await worlds.start();
    const players = Array.from({ length: 13 }, (_, i) =>
      w.member(`Player ${String(i + 1).padStart(2, '0')}`),
    );
    // Player 13 answers wrong: last place, on page two.
    const message = await playOneQuestion(
      w,
      w.channelId,
      players[0] as MemberDriver,
      players.map((p, i) => [p, i < 12] as [MemberDriver, boolean]),
    );
    await letTimeRunOut(w, message);
    await waitForSummary(w);

    const last = players[12] as MemberDriver;
    const board = await last
      .runCommand('leaderboard', { options: { period: 'all-time' } }, { channelId: w.channelId })
      .reply();
    const embed = embedOf(board);
    expect(embed.description?.split('\n')).toHaveLength(10);
    expect(embed.footer?.text).toBe('Page 1 of 2 · Your rank: #13 with 0 pts');
    const next = board.components
      .flatMap((row) => (row as { components: { custom_id: string; label: string }[] }).components)
      .find((button) => button.label.startsWith('Next'));
    const turned = await last.click(board, next?.custom_id ?? '').reply();
    expect(turned.id).toBe(board.id);
    expect(embedOf(turned).footer?.text).toBe('Page 2 of 2 · Your rank: #13 with 0 pts');
    expect(embedOf(turned).description).toMatch(/`#13` \*\*Player 13\*\* — 0 pts/);

    const someoneElse = await (players[0] as MemberDriver)
      .click(board, next?.custom_id ?? '', { force: true })
      .reply();
    expect(someoneElse.ephemeral).toBe(true);
    expect(embedOf(someoneElse).footer?.text).toMatch(/Your rank: #1 with 100 pts/);
  });

  it('GIVEN this week is asked for THEN only this ISO week counts', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    const message = await playOneQuestion(w, w.channelId, ann, [[ann, true]]);
    await letTimeRunOut(w, message);
    await waitForSummary(w);
    w.scheduler.advance(8 * 24 * 60 * 60 * 1000);
    const week = await ann
      .runCommand('leaderboard', { options: { period: 'week' } }, { channelId: w.channelId })
      .reply();
    expect(embedOf(week).description).toMatch(/Nobody has scored this week yet/);
    const allTime = await ann.runCommand('leaderboard', {}, { channelId: w.channelId }).reply();
    expect(embedOf(allTime).description).toMatch(/\*\*Ann\*\* — 100 pts/);
  });
});

describe('/stats', () => {
  it('GIVEN a member with answers THEN their stats are shown privately', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    const message = await playOneQuestion(w, w.channelId, ann, [[ann, true]]);
    await letTimeRunOut(w, message);
    await waitForSummary(w);
    const stats = await ann.runCommand('stats', {}, { channelId: w.channelId }).reply();
    expect(stats.ephemeral).toBe(true);
    const fields = Object.fromEntries((embedOf(stats).fields ?? []).map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({
      Points: '100 (rank #1)',
      Answered: '1',
      Accuracy: '100%',
      'Best streak': '1',
    });
    expect(embedOf(stats).image).toEqual({ url: 'attachment://stats.png' });
    expect(stats.attachments.map((a) => [a.filename, a.contentType])).toEqual([['stats.png', 'image/png']]);
    const png = stats.attachments[0]?.data ?? Buffer.alloc(0);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1000, 560]);
    const nobody = await ann
      .runCommand('stats', { options: { member: w.member('Bob').member.user } }, { channelId: w.channelId })
      .reply();
    expect(nobody.content).toMatch(/Bob has not answered any question in this server yet/);
  });
});

describe('a score file that cannot be written for a moment', () => {
  it('GIVEN a failed write THEN the reveal says so, nothing is lost, and the next write saves it all', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-e2e-'));
    dirs.push(dir);
    const file = path.join(dir, 'scores.json');
    // The first question's write fails; the second question's write covers both.
    let failures = 1;
    const store = new JsonScoreStore(file, async (target, data) => {
      if (failures > 0) {
        failures--;
        throw new Error('ENOSPC: no space left on device');
      }
      await writeFile(target, data);
    });
    const w = await worlds.start({ store });
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 2, topic: 'sample', difficulty: 'easy' }).reply();
    const first = await waitForQuestion(w, 1);
    await (await answerQuestion(ann, first, questionShown(w, first), true)).reply();
    const revealed = await letTimeRunOut(w, first);
    expect(embedOf(revealed).footer?.text).toMatch(/Scores could not be saved just now/);
    w.scheduler.advance(5_000);
    const second = await waitForQuestion(w, 2);
    await (await answerQuestion(ann, second, questionShown(w, second), true)).reply();
    const secondReveal = await letTimeRunOut(w, second);
    expect(embedOf(secondReveal).footer?.text).toBe('Answers are closed.');
    await waitForSummary(w);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(JSON.stringify(saved)).toContain('"points":[200]');
    expect(w.logs.join('')).toMatch(/scores could not be saved/);
  });
});

describe('a restart', () => {
  it('GIVEN scores in the JSON file THEN a restarted bot still has them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-e2e-'));
    dirs.push(dir);
    const w = await worlds.start({ storeFile: path.join(dir, 'scores.json') });
    const ann = w.member('Ann');
    const message = await playOneQuestion(w, w.channelId, ann, [[ann, true]]);
    await letTimeRunOut(w, message);
    await waitForSummary(w);
    await w.restart();
    const board = await ann.runCommand('leaderboard', {}, { channelId: w.channelId }).reply();
    expect(embedOf(board).description).toBe('`#1` **Ann** — 100 pts · 1/1 correct (100%)');
  });
});
