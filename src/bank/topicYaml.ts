import { dump } from 'js-yaml';
import type { Question } from '../core/question.ts';
import type { Concept } from './glossary.ts';
import type { Topic } from './topicFile.ts';

export interface TopicContent {
  topic: Topic;
  questions: Question[];
  /** The topic's own glossary: concepts its questions name besides the shipped ones. */
  concepts: Concept[];
}

/** The topic in the bank's own YAML format, fields in the order the schema documents them. */
export function topicYaml(content: TopicContent): string {
  const { topic } = content;
  const document = {
    topic: topic.id,
    title: topic.title,
    ...(topic.description === undefined ? {} : { description: topic.description }),
    ...(content.concepts.length === 0 ? {} : { glossary: content.concepts.map(conceptFields) }),
    questions: content.questions.map(questionFields),
  };
  // js-yaml writes three times faster than `yaml`, which is only needed to read with positions.
  return dump(document, { lineWidth: -1, noRefs: true });
}

function questionFields(question: Question): Record<string, unknown> {
  const common = {
    id: question.id,
    type: question.type,
    difficulty: question.difficulty,
    concepts: [...question.concepts],
    ...(question.tags.length === 0 ? {} : { tags: [...question.tags] }),
    prompt: question.prompt,
  };
  const answer = (() => {
    switch (question.type) {
      case 'multiple-choice':
        return { choices: [...question.choices], answer: question.answer };
      case 'true-false':
        return { answer: question.answer };
      case 'short-answer':
        return {
          answers: [...question.answers],
          ...(question.reject?.length ? { reject: [...question.reject] } : {}),
        };
      case 'open':
        return { modelAnswer: question.modelAnswer };
    }
  })();
  return { ...common, ...answer, explanation: question.explanation, source: question.source };
}

function conceptFields(concept: Concept): Record<string, unknown> {
  return {
    id: concept.id,
    title: concept.title,
    ...(concept.aliases.length === 0 ? {} : { aliases: [...concept.aliases] }),
    summary: concept.summary,
    explanation: concept.explanation,
    ...(concept.related.length === 0 ? {} : { related: [...concept.related] }),
    ...(concept.sources.length === 0 ? {} : { sources: [...concept.sources] }),
  };
}
