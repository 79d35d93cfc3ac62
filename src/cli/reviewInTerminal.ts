import { createInterface } from 'node:readline';
import type { ReviewQuestion, ReviewReveal } from '../app/reviewSessions.ts';
import type { StudyApp } from '../app/studyApp.ts';
import { CHOICE_LETTERS, correctAnswerText } from '../core/question.ts';
import { UserError } from '../core/userError.ts';
import type { ReviewRating } from '../store/ReviewStore.ts';
import { type CliIo, line } from './cliIo.ts';
import { answerHint, parseTypedAnswer } from './parseTypedAnswer.ts';
import { wrapText } from './wrapText.ts';

const RATING_WORDS: Record<string, ReviewRating> = {
  again: 1,
  hard: 2,
  good: 3,
  easy: 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
};

/**
 * A review session of one member's cards in the terminal, one answer per line on standard
 * input (an open question: Enter for the model answer, then again / hard / good / easy).
 */
export async function reviewInTerminal(
  app: StudyApp,
  io: CliIo,
  who: { guildId: string; userId: string; topic: string | undefined; count: number },
): Promise<void> {
  const started = await app.reviews.start(who);
  if (started.kind === 'nothing') {
    line(
      io,
      started.noTopics
        ? 'Nothing to review yet for this member: play a round, or pick a topic with --topic.'
        : `Nothing is due for review right now.${dueText(started.nextDue)}`,
    );
    return;
  }
  const input = createInterface({ input: io.stdin, terminal: false });
  const lines = input[Symbol.asyncIterator]();
  const read = async (): Promise<string | undefined> => {
    io.stdout.write('> ');
    const next = await lines.next();
    return next.done ? undefined : next.value;
  };
  let step: ReviewQuestion = started;
  try {
    for (;;) {
      showQuestion(io, step);
      const ref = { sessionId: step.sessionId, step: step.step, userId: who.userId };
      let reveal: ReviewReveal | undefined;
      while (!reveal) {
        const typed = await read();
        if (typed === undefined) {
          line(io);
          line(io, 'No more answers on standard input: stopping the review.');
          return;
        }
        if (step.question.type === 'open') {
          line(io, `Model answer:\n${wrapText(correctAnswerText(step.question), 80, '  ')}`);
          line(io, 'How well did you know it? Type again, hard, good or easy.');
          let rating: ReviewRating | undefined;
          while (rating === undefined) {
            const word = await read();
            if (word === undefined) return;
            rating = RATING_WORDS[word.trim().toLowerCase()];
            if (rating === undefined) line(io, 'Type again, hard, good or easy (or 1 to 4).');
          }
          reveal = await app.reviews.rate(ref, rating);
          continue;
        }
        const submission = parseTypedAnswer(step.question, typed);
        if (!submission) {
          line(io, answerHint(step.question));
          continue;
        }
        reveal = await app.reviews.answer(ref, submission);
      }
      line(io, revealText(reveal));
      const next = await app.reviews.next(ref);
      if (next.kind === 'summary') {
        line(io);
        line(
          io,
          `Review done: ${next.reviewed} reviewed, ${next.right} right, ${next.wrong} missed${next.selfRated ? `, ${next.selfRated} rated by you` : ''}.${dueText(next.nextDue)}`,
        );
        return;
      }
      step = next;
    }
  } catch (error) {
    if (error instanceof UserError) line(io, error.message);
    else throw error;
  } finally {
    input.close();
  }
}

function showQuestion(io: CliIo, step: ReviewQuestion): void {
  const { question } = step;
  line(io);
  const card = step.card ? 'due' : 'new';
  line(io, `Review ${step.step + 1} of ${step.total} · ${question.topic} · ${question.difficulty} · ${card}`);
  line(io, wrapText(question.prompt));
  if (question.type === 'multiple-choice') {
    question.choices.forEach((choice, i) => {
      line(io, `  ${CHOICE_LETTERS[i]}) ${wrapText(choice, 80, '     ').trimStart()}`);
    });
  }
  line(io, answerHint(question));
}

function revealText(reveal: ReviewReveal): string {
  const { question } = reveal;
  const verdict =
    reveal.correct === undefined
      ? 'Rated.'
      : reveal.correct
        ? '✓ Correct!'
        : `✗ Not quite. The answer: ${correctAnswerText(question)}`;
  const back = reveal.saved ? `Comes back ${reveal.comesBack}.` : 'The card could not be saved just now.';
  return `${verdict}\n${wrapText(question.explanation)}\n${back}`;
}

function dueText(nextDue: number | undefined): string {
  return nextDue === undefined
    ? ''
    : ` Next card due ${new Date(nextDue).toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
}
