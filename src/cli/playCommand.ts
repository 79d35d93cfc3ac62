import { createInterface } from 'node:readline';
import { drawQuestions } from '../core/drawQuestions.ts';
import { ManualScheduler } from '../core/manualScheduler.ts';
import {
  CHOICE_LETTERS,
  correctAnswerText,
  DIFFICULTIES,
  type Difficulty,
  type Question,
} from '../core/question.ts';
import { type QuestionOutcome, QuizRound, type RoundListener } from '../core/quizRound.ts';
import { seededRandom } from '../core/random.ts';
import { ANSWER_REFUSAL_TEXT } from '../core/roundErrors.ts';
import { UserError } from '../core/userError.ts';
import { questionsDir } from './bankLocation.ts';
import { type CliCommand, type CliIo, line } from './cliIo.ts';
import { withDotenv } from './loadEnv.ts';
import { loadValidBank } from './loadValidBank.ts';
import { integerOption, parseOptions } from './parseOptions.ts';
import { answerHint, parseTypedAnswer } from './parseTypedAnswer.ts';
import { wrapText } from './wrapText.ts';

export const PLAY_USAGE =
  'studyquiz play [--topic T] [--count N] [--difficulty easy|medium|hard] [--bank PATH] [--seed S]';

const PLAYER = { id: 'terminal-player', name: 'You' };

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
    },
    PLAY_USAGE,
  );
  const count = integerOption(values.count, 'count', 1, 50) ?? 5;
  const seed = integerOption(values.seed, 'seed', 0, 2 ** 32 - 1) ?? Math.floor(Math.random() * 2 ** 32);
  const difficulty = parseDifficulty(values.difficulty);
  const bank = await loadValidBank(questionsDir(withDotenv(io.env), values.bank));
  if (values.topic !== undefined && !bank.topics.some((topic) => topic.id === values.topic)) {
    throw new UserError(
      `There is no topic "${values.topic}". Topics: ${bank.topics.map((topic) => topic.id).join(', ')}`,
    );
  }
  const questions = drawQuestions(
    bank.questions,
    { topic: values.topic, difficulty },
    count,
    seededRandom(seed),
  );
  if (questions.length === 0) throw new UserError('No question matches that topic and difficulty.');

  const round = new QuizRound({
    place: { roundId: `terminal-${seed}`, guildId: 'terminal', channelId: 'terminal', starterId: PLAYER.id },
    questions,
    settings: { secondsPerQuestion: 24 * 60 * 60, revealSeconds: 0, scoring: 'accuracy' },
    scheduler: new ManualScheduler(Date.now()),
    listener: terminalListener(io),
  });
  const input = createInterface({ input: io.stdin, terminal: false });
  const lines = input[Symbol.asyncIterator]();
  try {
    round.start();
    while (round.phase === 'asking') {
      const question = round.currentQuestion as Question;
      io.stdout.write('> ');
      const next = await lines.next();
      if (next.done) {
        line(io);
        line(io, 'No more answers on standard input: stopping the round.');
        round.stop();
        break;
      }
      if (question.type !== 'open') {
        const submission = parseTypedAnswer(question, next.value);
        if (!submission) {
          line(io, answerHint(question));
          continue;
        }
        const result = round.submit(PLAYER.id, PLAYER.name, round.questionIndex, submission);
        if (!result.ok) line(io, ANSWER_REFUSAL_TEXT[result.reason]);
      }
      round.skip(); // close the question: the reveal
      round.skip(); // and move on
    }
  } finally {
    input.close();
  }
  return 0;
};

function parseDifficulty(value: string | undefined): Difficulty | undefined {
  if (value === undefined) return undefined;
  if ((DIFFICULTIES as readonly string[]).includes(value)) return value as Difficulty;
  throw new UserError(`--difficulty must be one of ${DIFFICULTIES.join(', ')}, not "${value}"`);
}

function terminalListener(io: CliIo): RoundListener {
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
          line(io, `  ${CHOICE_LETTERS[i]}) ${choice}`);
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
      line(io, reason === 'stopped' ? 'Round stopped.' : 'Round over.');
      line(io, `Score: ${you?.correct ?? 0}/${scored} correct, ${you?.points ?? 0} points.`);
    },
  };
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
