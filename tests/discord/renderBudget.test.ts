import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/bank/bankSchema.ts';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import type { Question } from '../../src/core/question.ts';
import { QuizRound } from '../../src/core/quizRound.ts';
import { EMBED_TOTAL_LIMIT, embedLength } from '../../src/discord/render/fitEmbed.ts';
import { renderQuestion, renderReveal } from '../../src/discord/render/questionMessage.ts';
import { renderRoundSummary } from '../../src/discord/render/roundSummary.ts';
import { multipleChoice, openQuestion } from '../support/makeQuestions.ts';
import { RecordingListener } from '../support/recordingListener.ts';

/** Text of exactly `length` characters that ends in a marker, so a cut shows. */
const full = (label: string, length: number) => `${label} ${'x'.repeat(length - label.length - 6)} [end]`;

const LARGEST_CHOICES = ['A', 'B', 'C', 'D', 'E', 'F'].map((l) => full(`choice ${l}`, LIMITS.choice));
const LARGEST_MC = multipleChoice('largest', {
  prompt: full('prompt', LIMITS.prompt),
  choices: LARGEST_CHOICES,
  answer: LARGEST_CHOICES[3] as string,
  explanation: full('explanation', LIMITS.explanation),
});
const LARGEST_OPEN: Question = {
  ...openQuestion('largest-open'),
  prompt: full('prompt', LIMITS.prompt),
  modelAnswer: full('model', LIMITS.modelAnswer),
  explanation: full('explanation', LIMITS.explanation),
};
const LONGEST_TOPIC_TITLE = 't'.repeat(LIMITS.title);

function playedRound(question: Question, players: number) {
  const scheduler = new ManualScheduler();
  const listener = new RecordingListener();
  const round = new QuizRound({
    place: { roundId: 'r1', guildId: 'g', channelId: 'c', starterId: 's' },
    questions: Array.from({ length: 50 }, () => question),
    settings: { secondsPerQuestion: 20, revealSeconds: 5, scoring: 'speed' },
    scheduler,
    listener,
  });
  round.start();
  for (let i = 0; i < players; i++) {
    round.submit(`u${i}`, `${'N'.repeat(32)} ${i}`, 0, { kind: 'choice', index: 3 });
  }
  scheduler.advance(20_000);
  const outcome = listener.outcomes()[0];
  if (!outcome) throw new Error('no outcome');
  return { round, outcome };
}

describe('the validator’s limits and the renderer’s budgets agree', () => {
  it('GIVEN the largest multiple-choice question the schema allows THEN the question shows the prompt and every choice in full', () => {
    const { round } = playedRound(LARGEST_MC, 0);
    const message = renderQuestion(round, 0, LONGEST_TOPIC_TITLE, 9999);
    const embed = message.embeds[0];
    for (const text of [LARGEST_MC.prompt, ...LARGEST_CHOICES]) expect(embed?.description).toContain(text);
    expect(embedLength(embed ?? {})).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
    const labels = message.components.flatMap((row) =>
      row.components.map((b) => ('label' in b ? b.label : '')),
    );
    expect(labels).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('GIVEN it revealed to 2,000 players THEN nothing of the bank is cut; only the list of names is', () => {
    const { round, outcome } = playedRound(LARGEST_MC, 2000);
    const embed = renderReveal(
      round,
      outcome,
      LONGEST_TOPIC_TITLE,
      new Map(),
      'Scores could not be saved just now; the bot will keep trying.',
    ).embeds[0];
    for (const text of [LARGEST_MC.prompt, ...LARGEST_CHOICES]) expect(embed?.description).toContain(text);
    const fields = embed?.fields ?? [];
    expect(fields.find((f) => f.name === 'Why')?.value).toBe(LARGEST_MC.explanation);
    expect(fields.find((f) => f.name === 'Answer')?.value).toContain(LARGEST_CHOICES[3]);
    expect(fields.find((f) => f.name.startsWith('Got it right'))?.value).toMatch(/…and \d+ more$/);
    expect(embedLength(embed ?? {})).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
  });

  it('GIVEN the largest discussion question THEN its reveal shows the model answer and the explanation in full', () => {
    const { round, outcome } = playedRound(LARGEST_OPEN, 0);
    const embed = renderReveal(round, outcome, LONGEST_TOPIC_TITLE, new Map()).embeds[0];
    const fields = embed?.fields ?? [];
    expect(fields.find((f) => f.name === 'Model answer')?.value).toContain(
      LARGEST_OPEN.type === 'open' ? LARGEST_OPEN.modelAnswer : '',
    );
    expect(fields.find((f) => f.name === 'Why')?.value).toBe(LARGEST_OPEN.explanation);
    expect(embed?.description).toBe(LARGEST_OPEN.prompt);
  });

  it('GIVEN the largest report (longest prompt, choice, titles) and 2,000 players THEN the summary shows the report in full and shortens only the names', () => {
    const concepts = ['c-one', 'c-two', 'c-three', 'c-four'].map((id) => `${id}-${'x'.repeat(50)}`);
    const question = { ...LARGEST_MC, concepts };
    const scheduler = new ManualScheduler();
    const listener = new RecordingListener();
    const round = new QuizRound({
      place: { roundId: 'r1', guildId: 'g', channelId: 'c', starterId: 's' },
      questions: Array.from({ length: 50 }, (_, i) => ({ ...question, id: `q${i}` })),
      settings: { secondsPerQuestion: 20, revealSeconds: 5, scoring: 'speed' },
      scheduler,
      listener,
    });
    round.start();
    for (let q = 0; q < 50; q++) {
      for (let i = 0; i < 2000; i++) {
        round.submit(`u${i}`, `${'N'.repeat(32)} ${i}`, q, { kind: 'choice', index: i % 2 === 0 ? 3 : 5 });
      }
      scheduler.advance(25_000);
    }
    const standings = listener.ended()?.standings ?? [];
    const titles = new Map(concepts.map((id) => [id, full(`title ${id.slice(0, 7)}`, LIMITS.title)]));
    const message = renderRoundSummary(round, 'shutdown', standings, LONGEST_TOPIC_TITLE, titles);
    const embed = message.embeds[0] ?? {};
    const fields = embed.fields ?? [];
    const hardest = fields.find((f) => f.name === 'Hardest question')?.value ?? '';
    expect(hardest).toContain('**Question 1** · prompt x');
    expect(hardest).toContain(`**F.** ${LARGEST_CHOICES[5]} (1000 picks)`);
    const missed = fields.find((f) => f.name === 'Concepts missed most')?.value ?? '';
    for (const id of concepts.slice(0, 3))
      expect(missed).toContain(`${titles.get(id)} — 50000 wrong answers`);
    expect(fields.find((f) => f.name === 'Study next')?.value).toBe(
      '50 questions added to your reviews: /review',
    );
    expect(embed.description).toMatch(/…and \d+ more players$/);
    expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
    const labels = message.components.flatMap((row) =>
      row.components.map((b) => ('label' in b ? (b.label ?? '') : '')),
    );
    expect(labels).toHaveLength(3);
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(80);
  });

  it('GIVEN choices that fit a button THEN each button carries its letter and the full choice', () => {
    const { round } = playedRound(multipleChoice('short'), 0);
    const labels = renderQuestion(round, 0, 'Topic', 0).components.flatMap((row) =>
      row.components.map((b) => ('label' in b ? b.label : '')),
    );
    expect(labels).toEqual(['A · Right', 'B · Wrong', 'C · Also wrong']);
  });
});
