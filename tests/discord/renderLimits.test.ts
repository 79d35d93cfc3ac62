import { describe, expect, it } from 'vitest';
import { type Concept, Glossary } from '../../src/bank/glossary.ts';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import { QuizRound } from '../../src/core/quizRound.ts';
import { renderConcept } from '../../src/discord/render/conceptEmbed.ts';
import { EMBED_TOTAL_LIMIT, embedLength } from '../../src/discord/render/fitEmbed.ts';
import { renderReveal } from '../../src/discord/render/questionMessage.ts';
import { renderRoundSummary } from '../../src/discord/render/roundSummary.ts';
import { multipleChoice } from '../support/makeQuestions.ts';
import { RecordingListener } from '../support/recordingListener.ts';

function crowdRound(players: number) {
  const scheduler = new ManualScheduler();
  const listener = new RecordingListener();
  const round = new QuizRound({
    place: { roundId: 'r1', guildId: 'g', channelId: 'c', starterId: 's' },
    questions: [multipleChoice('q1', { choices: ['Right', 'W'.repeat(80), 'Wrong'] })],
    settings: { secondsPerQuestion: 20, revealSeconds: 5, scoring: 'speed' },
    scheduler,
    listener,
  });
  round.start();
  for (let i = 0; i < players; i++) {
    round.submit(`u${i}`, `A rather long display name ${i} *with* _markdown_`, 0, {
      kind: 'choice',
      index: 0,
    });
  }
  scheduler.advance(20_000);
  return { round, outcome: listener.outcomes()[0], standings: listener.ended()?.standings ?? [] };
}

describe('messages stay within Discord limits with a crowd', () => {
  it('GIVEN 2,000 correct answers THEN the reveal lists as many as fit and counts the rest', () => {
    const { round, outcome } = crowdRound(2000);
    if (!outcome) throw new Error('no outcome');
    const embed = renderReveal(round, outcome, 'Topic', new Map()).embeds[0];
    const winners = embed?.fields?.find((f) => f.name.startsWith('Got it right'));
    expect(winners?.name).toBe('Got it right: 2000 of 2000 answers');
    expect(winners?.value.length).toBeLessThanOrEqual(1024);
    expect(winners?.value).toMatch(/…and \d+ more$/);
    expect(winners?.value).toContain('\\*with\\* \\_markdown\\_');
    const total = JSON.stringify(embed).length;
    expect(total).toBeLessThan(6000);
  });

  it('GIVEN 2,000 players THEN the summary fits one embed description', () => {
    const { round, standings } = crowdRound(2000);
    const embed = renderRoundSummary(round, 'completed', standings, 'Topic').embeds[0];
    expect(embed?.description?.length).toBeLessThanOrEqual(4096);
    expect(embed?.description).toMatch(/…and \d+ more players$/);
    expect(embed?.description?.startsWith('🥇')).toBe(true);
  });
});

describe('a glossary entry at every limit of the bank format', () => {
  it('GIVEN the longest legal concept THEN its embed stays within 6,000 characters in total', () => {
    const long = (n: number) => 'word '.repeat(Math.ceil(n / 5)).slice(0, n);
    const neighbours: Concept[] = Array.from({ length: 40 }, (_, i) => ({
      id: `n${i}`,
      title: `${long(95)}${i}`,
      aliases: [],
      summary: 's',
      explanation: 'e',
      related: [],
      sources: [],
    }));
    const concept: Concept = {
      id: 'c',
      title: long(100),
      aliases: Array.from({ length: 40 }, (_, i) => `${long(90)}${i}`),
      summary: long(200),
      explanation: long(3000),
      related: neighbours.map((n) => n.id),
      sources: Array.from({ length: 40 }, (_, i) => `${long(290)}${i}`),
    };
    const embed = renderConcept(concept, new Glossary([concept, ...neighbours])).embeds[0];
    expect(embed && embedLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
    expect(embed?.description?.startsWith('*word')).toBe(true);
  });
});
