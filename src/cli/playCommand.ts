import { createInterface } from 'node:readline';
import { REVIEW_COUNT } from '../app/reviewSessions.ts';
import { checkDifficulty, ROUND_LIMITS } from '../app/roundLimits.ts';
import type { RoundObserver } from '../app/roundObserver.ts';
import { createStudyApp } from '../app/studyApp.ts';
import { ManualScheduler } from '../core/manualScheduler.ts';
import { CHOICE_LETTERS, correctAnswerText, type Question } from '../core/question.ts';
import type { QuestionOutcome } from '../core/quizRound.ts';
import { seededRandom } from '../core/random.ts';
import { ANSWER_REFUSAL_TEXT } from '../core/roundErrors.ts';
import { roundReport } from '../core/roundReport.ts';
import { realScheduler } from '../core/scheduler.ts';
import { UserError } from '../core/userError.ts';
import { createLogger } from '../logger.ts';
import { createReviewStore, type ReviewStoreConfig } from '../store/createReviewStore.ts';
import { reviewFileBeside } from '../store/JsonReviewStore.ts';
import { MemoryScoreStore } from '../store/MemoryScoreStore.ts';
import { ScoreDatabaseError } from '../store/postgres/ScoreDatabaseError.ts';
import { ReviewFileError } from '../store/ReviewFileError.ts';
import { questionsDir } from './bankLocation.ts';
import { type CliCommand, type CliIo, line } from './cliIo.ts';
import { withDotenv } from './loadEnv.ts';
import { loadValidBank } from './loadValidBank.ts';
import { integerOption, parseOptions } from './parseOptions.ts';
import { answerHint, parseTypedAnswer } from './parseTypedAnswer.ts';
import { reviewInTerminal } from './reviewInTerminal.ts';
import { wrapText } from './wrapText.ts';

export const PLAY_USAGE =
  'studyquiz play [--topic T] [--count N] [--difficulty easy|medium|hard] [--bank PATH] [--seed S]\n' +
  '       studyquiz play --review --guild ID --member ID [--topic T] [--count N] [--bank PATH] [--seed S]';

const PLAYER = { id: 'terminal-player', name: 'You' };
/** The terminal is one place with one member, who may do anything a starter may. */
const PLACE = { guildId: 'terminal', channelId: 'terminal' };
const ACTOR = { userId: PLAYER.id, canModerate: true };

/** A round in the terminal, with the same engine as on Discord; answers come one per line on stdin. */
export const playCommand: CliCommand = async (args, io) => {
  const { values } = parseOptions(
    args,
    {
      topic: { type: 'string' },
      count: { type: 'string' },
      difficulty: { type: 'string' },
      bank: { type: 'string' },
      seed: { type: 'string' },
      review: { type: 'boolean' },
      guild: { type: 'string' },
      member: { type: 'string' },
    },
    PLAY_USAGE,
  );
  if (values.review) return playReview(values, io);
  if (values.guild !== undefined || values.member !== undefined)
    throw new UserError(`--guild and --member go with --review.\nUsage: ${PLAY_USAGE}`);
  const { count: countLimit } = ROUND_LIMITS;
  const count = integerOption(values.count, 'count', countLimit.min, countLimit.max) ?? 5;
  const seed = integerOption(values.seed, 'seed', 0, 2 ** 32 - 1) ?? Math.floor(Math.random() * 2 ** 32);
  const difficulty = values.difficulty === undefined ? undefined : checkDifficulty(values.difficulty);
  const bank = await loadValidBank(questionsDir(withDotenv(io.env), values.bank));
  // The terminal waits for each answer: no deadline passes, as the clock only moves when told.
  const app = createStudyApp({
    bank: () => bank,
    store: new MemoryScoreStore(),
    scheduler: new ManualScheduler(Date.now()),
    random: seededRandom(seed),
    logger: createLogger({ level: 'silent', secrets: [] }),
    defaults: { count, seconds: ROUND_LIMITS.seconds.max, scoring: 'accuracy', revealSeconds: 0 },
    observers: [terminalObserver(io)],
  });
  const started = app.rounds.start({ ...PLACE, starter: ACTOR, topic: values.topic, difficulty });
  if (!started.ok) throw new Error('the terminal already has a round');
  const { round } = started;
  const input = createInterface({ input: io.stdin, terminal: false });
  const lines = input[Symbol.asyncIterator]();
  try {
    app.rounds.begin(round);
    while (round.phase === 'asking') {
      const question = round.currentQuestion as Question;
      io.stdout.write('> ');
      const next = await lines.next();
      if (next.done) {
        line(io);
        line(io, 'No more answers on standard input: stopping the round.');
        app.rounds.stop(PLACE.channelId, ACTOR);
        break;
      }
      if (question.type !== 'open') {
        const submission = parseTypedAnswer(question, next.value);
        if (!submission) {
          line(io, answerHint(question));
          continue;
        }
        const origin = {
          ...PLACE,
          roundId: round.id,
          questionIndex: round.questionIndex,
          postId: undefined,
          userId: PLAYER.id,
        };
        const result = app.rounds.answer(origin, PLAYER.name, submission);
        if (!result.ok) line(io, ANSWER_REFUSAL_TEXT[result.reason]);
      }
      app.rounds.skip(PLACE.channelId, ACTOR); // close the question: the reveal
      if (round.isLive) app.rounds.skip(PLACE.channelId, ACTOR); // and move on
    }
  } finally {
    input.close();
  }
  return 0;
};

/** `play --review`: the member's cards in the store `start` uses (the same environment keys). */
async function playReview(
  values: {
    topic?: string;
    count?: string;
    bank?: string;
    seed?: string;
    guild?: string;
    member?: string;
    difficulty?: string;
  },
  io: CliIo,
): Promise<number> {
  if (values.difficulty !== undefined) throw new UserError('--difficulty does not go with --review.');
  if (values.guild === undefined || values.member === undefined) {
    throw new UserError(
      `--review needs --guild and --member: the server and member ids whose cards to review (Discord: Copy Server ID, Copy User ID).\nUsage: ${PLAY_USAGE}`,
    );
  }
  const count =
    integerOption(values.count, 'count', REVIEW_COUNT.min, REVIEW_COUNT.max) ?? REVIEW_COUNT.default;
  const seed = integerOption(values.seed, 'seed', 0, 2 ** 32 - 1) ?? Math.floor(Math.random() * 2 ** 32);
  const env = withDotenv(io.env);
  const bank = await loadValidBank(questionsDir(env, values.bank));
  const reviewStore = createReviewStore(reviewStoreFromEnv(env));
  try {
    await reviewStore.load();
  } catch (error) {
    if (error instanceof ReviewFileError || error instanceof ScoreDatabaseError)
      throw new UserError(error.message);
    throw error;
  }
  const app = createStudyApp({
    bank: () => bank,
    store: new MemoryScoreStore(),
    reviewStore,
    scheduler: realScheduler,
    random: seededRandom(seed),
    logger: createLogger({ level: 'silent', secrets: [] }),
    defaults: { count, seconds: ROUND_LIMITS.seconds.max, scoring: 'accuracy', revealSeconds: 0 },
    observers: [],
  });
  try {
    await reviewInTerminal(app, io, {
      guildId: values.guild,
      userId: values.member,
      topic: values.topic,
      count,
    });
  } finally {
    await reviewStore.close();
  }
  return 0;
}

/** STORE, SCORES_FILE and DATABASE_URL as `start` reads them; no Discord token needed here. */
function reviewStoreFromEnv(env: NodeJS.ProcessEnv): ReviewStoreConfig {
  const store = env.STORE?.trim() || 'json';
  if (store === 'memory') return { kind: 'memory' };
  if (store === 'postgres') {
    const url = env.DATABASE_URL?.trim();
    if (!url) throw new UserError('STORE=postgres needs DATABASE_URL (see .env.example).');
    return { kind: 'postgres', connectionString: url };
  }
  if (store !== 'json') throw new UserError(`STORE must be json, memory or postgres, not "${store}".`);
  return { kind: 'json', file: reviewFileBeside(env.SCORES_FILE?.trim() || './data/scores.json') };
}

function terminalObserver(io: CliIo): RoundObserver {
  return {
    questionOpened(round, index) {
      const question = round.questions[index] as Question;
      line(io);
      line(
        io,
        `Question ${index + 1} of ${round.questions.length} · ${question.topic} · ${question.difficulty}`,
      );
      line(io, wrapText(question.prompt));
      if (question.type === 'multiple-choice') {
        question.choices.forEach((choice, i) => {
          // A hanging indent, so a long choice reads as one item under its letter.
          const wrapped = wrapText(choice, 80, '     ').trimStart();
          line(io, `  ${CHOICE_LETTERS[i]}) ${wrapped}`);
        });
      }
      line(io, answerHint(question));
    },
    answerLocked() {},
    questionClosed(_round, outcome) {
      line(io, revealText(outcome));
    },
    roundEnded(round, reason, standings) {
      const scored = round.outcomes.filter((outcome) => outcome.question.type !== 'open').length;
      const you = standings.find((standing) => standing.userId === PLAYER.id);
      line(io);
      line(io, reason === 'completed' ? 'Round over.' : 'Round stopped.');
      line(io, `Score: ${you?.correct ?? 0}/${scored} correct, ${you?.points ?? 0} points.`);
      for (const text of reportLines(round.outcomes)) line(io, text);
    },
  };
}

/** The round report, as the round summary shows it on Discord. */
function reportLines(outcomes: readonly QuestionOutcome[]): string[] {
  const report = roundReport(outcomes);
  const lines: string[] = [];
  const { hardest } = report;
  if (hardest) {
    const prompt = hardest.prompt.replace(/\s+/g, ' ').trim();
    lines.push(
      `Hardest question: ${hardest.number}. ${prompt.length > 80 ? `${prompt.slice(0, 79)}…` : prompt}`,
    );
    const wrong = hardest.commonWrong;
    if (wrong) lines.push(`  wrong answer picked: ${CHOICE_LETTERS[wrong.choice]}) ${wrong.text}`);
  }
  if (report.missedConcepts.length > 0) {
    const ids = report.missedConcepts.map((c) => c.conceptId).join(', ');
    lines.push(`Concepts to work on: ${ids} (studyquiz explain <concept>)`);
  }
  return lines;
}

function revealText(outcome: QuestionOutcome): string {
  const { question } = outcome;
  if (question.type === 'open') {
    return `Model answer:\n${wrapText(correctAnswerText(question), 80, '  ')}\n${wrapText(question.explanation)}`;
  }
  const answer = outcome.answers[0];
  const verdict = !answer
    ? `No answer. The answer: ${correctAnswerText(question)}`
    : answer.correct
      ? `✓ Correct! +${answer.points}`
      : `✗ Not quite. The answer: ${correctAnswerText(question)}`;
  return `${verdict}\n${wrapText(question.explanation)}`;
}
