import { describe, expect, it } from 'vitest';
import {
  answerQuestion,
  botWorldPerTest,
  buttonIds,
  embedOf,
  embedText,
  isQuestionMessage,
  questionShown,
} from './botHarness.ts';

const worlds = botWorldPerTest();

describe('a full round on the loopback Discord', () => {
  it('GIVEN three members answering all four question types THEN the reveal, the summary and /leaderboard show the right scores', async () => {
    const w = await worlds.start();
    const [ann, bob, cy] = [w.member('Ann'), w.member('Bob'), w.member('Cy')];
    const intro = await ann
      .runCommand(
        'quiz',
        { subcommand: 'start', options: { count: 8, seconds: 20 } },
        { channelId: w.channelId },
      )
      .reply();
    expect(intro.content).toMatch(
      /\*\*Ann\*\* started a quiz from every topic: 8 questions, 20 s each, accuracy scoring/,
    );

    const seenTypes = new Set<string>();
    /** Bob answers all but true/false wrong: the first such question is the group's hardest. */
    const missedByBob: { n: number; question: ReturnType<typeof questionShown> }[] = [];
    for (let n = 1; n <= 8; n++) {
      const message = await w.loopback.driver.waitForMessage(w.channelId, (m) => isQuestionMessage(m, n));
      const question = questionShown(w, message);
      seenTypes.add(question.type);
      if (question.type !== 'open' && question.type !== 'true-false') missedByBob.push({ n, question });
      if (question.type === 'open') {
        const reveal = await ann.click(message, buttonIds(message)[0] as string).reply();
        expect(reveal.ephemeral).toBe(true);
        expect(reveal.content).toContain(question.modelAnswer);
      } else {
        const confirmations = await Promise.all([
          answerQuestion(ann, message, question, true).then((h) => h.reply()),
          answerQuestion(bob, message, question, question.type === 'true-false').then((h) => h.reply()),
        ]);
        for (const confirmation of confirmations) {
          expect(confirmation.ephemeral).toBe(true);
          expect(confirmation.content).toMatch(/^🔒 Locked in: /);
        }
      }
      w.scheduler.advance(20_000);
      const revealed = await w.loopback.driver.waitForEdit(message, (m) => embedText(m).includes('✅'));
      const text = embedText(revealed);
      expect(text).toContain(question.explanation);
      if (question.type !== 'open') {
        expect(text).toMatch(/Ann \*\*\+100\*\*/);
        expect(text.includes('Bob **+100**')).toBe(question.type === 'true-false');
        expect(text).not.toContain('Cy');
      }
      const answerButtons = (
        revealed.components as { components: { disabled?: boolean; custom_id: string }[] }[]
      )
        .flatMap((row) => row.components)
        .filter((c) => c.custom_id.startsWith('quiz:'));
      expect(answerButtons.every((c) => c.disabled)).toBe(true);
      const explainId = buttonIds(revealed).find((id) => id.startsWith('explain:')) as string;
      if (n === 1) {
        const entry = await cy.click(revealed, explainId).reply();
        expect(entry.ephemeral).toBe(true);
        expect(embedOf(entry).title).toBe(
          w.bot.context.app.bank().glossary.get(explainId.slice('explain:'.length))?.title,
        );
      }
      w.scheduler.advance(5_000);
    }
    expect(seenTypes).toEqual(new Set(['multiple-choice', 'true-false', 'short-answer', 'open']));

    const summary = await w.loopback.driver.waitForMessage(w.channelId, (m) =>
      /^Round over/.test(embedOf(m).title ?? ''),
    );
    expect(embedOf(summary).description).toBe(
      ['🥇 **Ann** — 700 pts · 7/7 correct (100%)', '🥈 **Bob** — 200 pts · 2/7 correct (29%)'].join('\n'),
    );

    const hardest = missedByBob[0];
    if (!hardest) throw new Error('the round had no question Bob missed');
    const fields = embedOf(summary).fields ?? [];
    const hardestField = fields.find((f) => f.name === 'Hardest question')?.value ?? '';
    expect(hardestField).toMatch(new RegExp(`^\\*\\*Question ${hardest.n}\\*\\* · `));
    expect(hardestField).toContain('1 of 2 answers right (50%)');
    const hardestQuestion = hardest.question;
    if (hardestQuestion.type === 'multiple-choice') {
      const wrong = hardestQuestion.choices.findIndex((c) => c !== hardestQuestion.answer);
      expect(hardestField).toContain(`Wrong answer picked most: **${'ABCDEF'[wrong]}.**`);
    }
    const distinctMissed = new Set(missedByBob.map((m) => m.question.id)).size;
    expect(fields.find((f) => f.name === 'Study next')?.value).toBe(
      `${distinctMissed} question${distinctMissed === 1 ? '' : 's'} added to your reviews: /review`,
    );
    const summaryExplain = buttonIds(summary).filter((id) => id.startsWith('explain:'));
    expect(summaryExplain.length).toBeGreaterThan(0);
    const fromSummary = await cy.click(summary, summaryExplain[0] as string).reply();
    expect(fromSummary.ephemeral).toBe(true);
    expect(embedOf(fromSummary).title).toBe(
      w.bot.context.app.bank().glossary.get((summaryExplain[0] as string).slice('explain:'.length))?.title,
    );

    const board = await cy.runCommand('leaderboard', {}, { channelId: w.channelId }).reply();
    expect(embedOf(board).description).toBe(
      ['`#1` **Ann** — 700 pts · 7/7 correct (100%)', '`#2` **Bob** — 200 pts · 2/7 correct (29%)'].join(
        '\n',
      ),
    );
    expect(embedOf(board).footer?.text).toMatch(/You have no points here yet/);
    expect(w.bot.context.app.rounds.liveCount).toBe(0);
    expect(w.bot.client.options.intents.toArray()).toEqual(['Guilds']);
  });
});
