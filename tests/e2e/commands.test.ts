import { describe, expect, it } from 'vitest';
import { COMMAND_DATA } from '../../commands/index.ts';
import { deployCommandsCommand } from '../../src/cli/deployCommandsCommand.ts';
import { startLoopback } from '../../src/loopback/index.ts';
import { captureIo } from '../support/captureIo.ts';
import { botWorldPerTest, embedOf } from './botHarness.ts';

const worlds = botWorldPerTest();

describe('studyquiz deploy-commands', () => {
  it('GIVEN no DISCORD_GUILD_ID THEN exactly the command list is registered globally', async () => {
    const loopback = await startLoopback();
    try {
      const { io, stdout } = captureIo('', {
        DISCORD_TOKEN: loopback.token,
        DISCORD_APPLICATION_ID: loopback.applicationId,
        DISCORD_API_URL: loopback.apiUrl,
      });
      expect(await deployCommandsCommand([], io)).toBe(0);
      expect(stdout()).toMatch(
        /Registered 6 commands globally .*: \/quiz, \/explain, \/leaderboard, \/stats, \/review, \/bank/,
      );
      const registered = [...loopback.commands.global.values()];
      expect(registered.map((c) => c.name).sort()).toEqual(COMMAND_DATA.map((c) => c.name).sort());
      const quiz = registered.find((c) => c.name === 'quiz');
      const start = quiz?.options?.find((o) => o.name === 'start') as
        | { options?: { name: string }[] }
        | undefined;
      expect(start?.options?.map((o) => o.name)).toEqual([
        'topic',
        'count',
        'seconds',
        'scoring',
        'difficulty',
      ]);
      loopback.driver.assertClean();
    } finally {
      await loopback.close();
    }
  });

  it('GIVEN DISCORD_GUILD_ID THEN the commands go to that server only', async () => {
    const loopback = await startLoopback();
    try {
      const guild = loopback.world.createGuild({ name: 'Study Group' });
      const { io } = captureIo('', {
        DISCORD_TOKEN: loopback.token,
        DISCORD_APPLICATION_ID: loopback.applicationId,
        DISCORD_API_URL: loopback.apiUrl,
        DISCORD_GUILD_ID: guild.id,
      });
      expect(await deployCommandsCommand([], io)).toBe(0);
      expect(loopback.commands.global.size).toBe(0);
      expect([...(loopback.commands.guilds.get(guild.id)?.keys() ?? [])]).toHaveLength(6);
    } finally {
      await loopback.close();
    }
  });

  it('GIVEN a missing token THEN it names the variable and points at .env.example', async () => {
    const { io } = captureIo('', { DISCORD_APPLICATION_ID: '123456789012345678' });
    await expect(deployCommandsCommand([], io)).rejects.toThrow(
      /DISCORD_TOKEN is missing[\s\S]*\.env\.example/,
    );
  });
});

describe('/explain', () => {
  it('GIVEN a member types part of a name THEN autocomplete offers ranked concepts', async () => {
    const w = await worlds.start();
    const choices = await w
      .member('Ann')
      .autocomplete(
        'explain',
        { options: { concept: 'spiral' }, focused: 'concept' },
        { channelId: w.channelId },
      )
      .choices();
    expect(choices).toEqual([{ name: 'Security dilemma', value: 'security-dilemma' }]);
    const all = await w
      .member('Ann')
      .autocomplete('explain', { options: { concept: '' }, focused: 'concept' }, { channelId: w.channelId })
      .choices();
    expect(all?.length).toBeGreaterThan(1);
    expect(all?.length).toBeLessThanOrEqual(25);
  });

  it('GIVEN security-dilemma THEN the entry is posted with summary, explanation, related concepts and sources', async () => {
    const w = await worlds.start();
    const reply = await w
      .member('Ann')
      .runCommand('explain', { options: { concept: 'security-dilemma' } }, { channelId: w.channelId })
      .reply();
    expect(reply.ephemeral).toBe(false);
    const embed = embedOf(reply);
    expect(embed.title).toBe('Security dilemma');
    expect(embed.description).toMatch(/^\*Steps one state takes to feel safer/);
    expect(embed.fields?.map((f) => f.name)).toEqual(['Also known as', 'Related', 'Sources']);
    expect(embed.fields?.[1]?.value).toBe('Anarchy · Offense–defense balance');
    const related = await w.member('Bob').click(reply, 'explain:anarchy').reply();
    expect(related.ephemeral).toBe(true);
    expect(embedOf(related).title).toBe('Anarchy');
  });

  it('GIVEN an unknown concept THEN only the asker is told, with the closest matches', async () => {
    const w = await worlds.start();
    const reply = await w
      .member('Ann')
      .runCommand('explain', { options: { concept: 'securty dilema' } }, { channelId: w.channelId })
      .reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(
      /No concept matches "securty dilema"\. Closest: `security-dilemma` \(Security dilemma\)/,
    );
  });
});

describe('/quiz start options', () => {
  it('GIVEN a member types a topic THEN autocomplete offers the bank topics with their sizes', async () => {
    const w = await worlds.start();
    const choices = await w
      .member('Ann')
      .autocomplete(
        'quiz',
        { subcommand: 'start', options: { topic: 'sam' }, focused: 'topic' },
        { channelId: w.channelId },
      )
      .choices();
    expect(choices).toEqual([{ name: 'Sample topic (8 questions)', value: 'sample' }]);
  });

  it('GIVEN a topic that does not exist THEN the start is refused privately with the list of topics', async () => {
    const w = await worlds.start();
    const reply = await w
      .member('Ann')
      .runCommand(
        'quiz',
        { subcommand: 'start', options: { topic: '<script>@everyone' } },
        { channelId: w.channelId },
      )
      .reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/There is no topic ".*"\. Pick one from the list: `sample`\./);
    expect(w.bot.context.app.rounds.liveCount).toBe(0);
  });
});
