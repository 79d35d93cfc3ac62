/** Why an answer or a command was refused: the Discord layer turns each into a polite sentence. */
export type AnswerRefusal =
  | 'already-answered'
  | 'question-closed'
  | 'round-over'
  | 'unknown-round'
  | 'invalid-answer'
  | 'not-scored'
  | 'not-this-round';

export const ANSWER_REFUSAL_TEXT: Record<AnswerRefusal, string> = {
  'already-answered': 'Your answer for this question is already locked in — one answer per question.',
  'question-closed': 'This question has closed; wait for the next one.',
  'round-over': 'This round is over. Start a new one with /quiz start.',
  'unknown-round': 'This round is no longer running (it may have ended or the bot restarted).',
  'invalid-answer': 'That answer does not fit this question.',
  'not-scored': 'This is a discussion question: there is nothing to lock in.',
  'not-this-round': 'This button does not belong to a question here. Answer on the question’s own message.',
};
