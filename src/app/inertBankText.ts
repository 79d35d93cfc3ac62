import type { Concept } from '../bank/glossary.ts';
import type { Topic } from '../bank/loadBank.ts';
import type { Question } from '../core/question.ts';
import { quoteText } from '../core/quoteText.ts';

/**
 * A server's upload is member text, shown as written. Text read only as Markdown (prompts,
 * explanations) has every formatting character escaped. Short text that also shows where Markdown
 * is not read (buttons, autocomplete, the modal) would show the backslashes, so there only masked
 * links and mentions are broken, with an invisible space. Neither changes answer judging: the
 * judge reads backslashes and that space as the punctuation it already ignores.
 */
export function inert(text: string): string {
  return quoteText(text, Number.MAX_SAFE_INTEGER);
}

const ZERO_WIDTH_SPACE = '\u200b';

export function unlinked(text: string): string {
  return text.replace(/\]\s*\(/g, `]${ZERO_WIDTH_SPACE}(`).replace(/<(?=[@#:/a])/g, `<${ZERO_WIDTH_SPACE}`);
}

export function inertQuestion(question: Question): Question {
  const base = {
    ...question,
    prompt: inert(question.prompt),
    explanation: inert(question.explanation),
    source: inert(question.source),
  };
  switch (base.type) {
    case 'multiple-choice':
      return { ...base, choices: base.choices.map(unlinked), answer: unlinked(base.answer) };
    case 'short-answer':
      return {
        ...base,
        answers: base.answers.map(unlinked),
        ...(base.reject ? { reject: base.reject.map(unlinked) } : {}),
      };
    case 'open':
      return { ...base, modelAnswer: inert(base.modelAnswer) };
    case 'true-false':
      return base;
  }
}

export function inertConcept(concept: Concept): Concept {
  return {
    ...concept,
    title: unlinked(concept.title),
    aliases: concept.aliases.map(unlinked),
    summary: inert(concept.summary),
    explanation: inert(concept.explanation),
    sources: concept.sources.map(inert),
  };
}

export function inertTopic(topic: Topic): Topic {
  return {
    ...topic,
    title: unlinked(topic.title),
    description: topic.description === undefined ? undefined : inert(topic.description),
  };
}
