import { describe, expect, it } from 'vitest';
import { drawQuestions } from '../../src/core/drawQuestions.ts';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import { seededRandom } from '../../src/core/random.ts';
import { RoundRegistry, type StartRequest } from '../../src/core/roundRegistry.ts';
import { multipleChoice, trueFalse } from '../support/makeQuestions.ts';
import { RecordingListener } from '../support/recordingListener.ts';

const POOL = [
  multipleChoice('mc-1'),
  multipleChoice('mc-2', { difficulty: 'hard' }),
  trueFalse('tf-1', true, { topic: 'other' }),
  trueFalse('tf-2', false, { topic: 'other', difficulty: 'hard' }),
  multipleChoice('mc-3'),
];

function setup() {
  const scheduler = new ManualScheduler();
  const listener = new RecordingListener();
  const registry = new RoundRegistry({ questions: () => POOL, scheduler, random: seededRandom(7), listener });
  return { scheduler, listener, registry };
}

function request(channelId: string, overrides: Partial<StartRequest> = {}): StartRequest {
  return {
    guildId: 'g1',
    channelId,
    starterId: 'ann',
    count: 2,
    settings: { secondsPerQuestion: 10, revealSeconds: 2, scoring: 'accuracy' },
    ...overrides,
  };
}

describe('drawing questions', () => {
  it('GIVEN the same seed THEN the same questions come out in the same order', () => {
    const draw = () => drawQuestions(POOL, {}, 5, seededRandom(42)).map((q) => q.id);
    expect(draw()).toEqual(draw());
  });

  it('GIVEN a count above the pool THEN every matching question comes out once', () => {
    const ids = drawQuestions(POOL, {}, 50, seededRandom(1)).map((q) => q.id);
    expect(ids).toHaveLength(POOL.length);
    expect(new Set(ids).size).toBe(POOL.length);
  });

  it('GIVEN a topic and difficulty THEN only matching questions are drawn', () => {
    expect(
      drawQuestions(POOL, { topic: 'other', difficulty: 'hard' }, 5, seededRandom(1)).map((q) => q.id),
    ).toEqual(['tf-2']);
  });

  it('GIVEN different seeds THEN the order differs', () => {
    const orders = new Set(
      [1, 2, 3, 4].map((seed) =>
        drawQuestions(POOL, {}, 5, seededRandom(seed))
          .map((q) => q.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('the round registry', () => {
  it('GIVEN a live round in a channel THEN a second start there is refused and points at the running round', () => {
    const { registry } = setup();
    const first = registry.start(request('c1'));
    expect(first.ok).toBe(true);
    const second = registry.start(request('c1', { starterId: 'bob' }));
    expect(second).toMatchObject({ ok: false, reason: 'round-in-progress' });
    if (first.ok && !second.ok && second.reason === 'round-in-progress')
      expect(second.round).toBe(first.round);
  });

  it('GIVEN rounds in two channels THEN they run independently', () => {
    const { registry, scheduler } = setup();
    const one = registry.start(request('c1', { count: 1 }));
    const two = registry.start(request('c2', { count: 2 }));
    if (!one.ok || !two.ok) throw new Error('both rounds should start');
    one.round.start();
    two.round.start();
    expect(one.round.id).not.toBe(two.round.id);
    one.round.submit('ann', 'Ann', 0, { kind: 'choice', index: 0 });
    scheduler.advance(10_000);
    expect(one.round.phase).toBe('finished');
    expect(two.round.phase).toBe('revealing');
    expect(two.round.outcomes[0]?.answers).toEqual([]);
    expect(registry.liveCount).toBe(1);
  });

  it('GIVEN a round ends THEN the channel is free again and its id is known to have ended', () => {
    const { registry } = setup();
    const started = registry.start(request('c1', { count: 1 }));
    if (!started.ok) throw new Error('should start');
    started.round.start();
    started.round.stop('stopped-by-member');
    expect(registry.inChannel('c1')).toBeUndefined();
    expect(registry.byId(started.round.id)).toBeUndefined();
    expect(registry.hasEnded(started.round.id)).toBe(true);
    expect(registry.start(request('c1')).ok).toBe(true);
  });

  it('GIVEN no question matches THEN the start is refused as no-questions', () => {
    const { registry } = setup();
    expect(registry.start(request('c1', { topic: 'nothing-here' }))).toEqual({
      ok: false,
      reason: 'no-questions',
    });
    expect(registry.liveCount).toBe(0);
  });

  it('GIVEN several live rounds THEN stopAll ends every one', () => {
    const { registry, listener } = setup();
    for (const channel of ['c1', 'c2', 'c3']) {
      const started = registry.start(request(channel));
      if (started.ok) started.round.start();
    }
    registry.stopAll('shutdown');
    expect(registry.liveCount).toBe(0);
    expect(listener.events.filter((e) => e.type === 'ended')).toHaveLength(3);
  });
});
