import { z } from 'zod';
import { DIFFICULTIES } from '../core/question.ts';
import { normalizeParagraphs } from './paragraphs.ts';

/** Limits that keep every question displayable in a Discord embed and on buttons. */
export const LIMITS = {
  prompt: 1000,
  explanation: 1000,
  choice: 80,
  shortAnswer: 100,
  modelAnswer: 1000,
  summary: 200,
  conceptExplanation: 3000,
  title: 100,
} as const;

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `is too long: at most ${max} characters` });

/** Text read as paragraphs (explanations, model answers): a blank line is a paragraph break. */
const paragraphs = (max: number) => text(max).transform(normalizeParagraphs);

/** Ids travel in button custom ids and autocomplete values, which Discord caps at 100 characters. */
export const MAX_ID_LENGTH = 60;

const kebabId = z
  .string()
  .regex(KEBAB_CASE, {
    error: 'must be kebab-case: lower-case letters and digits joined by hyphens, e.g. security-dilemma',
  })
  .max(MAX_ID_LENGTH, { error: `is too long: at most ${MAX_ID_LENGTH} characters` });

const questionCommon = {
  id: kebabId.describe('Unique across the whole bank, e.g. sd-spiral-001'),
  prompt: text(LIMITS.prompt).describe('The question as players read it'),
  explanation: paragraphs(LIMITS.explanation).describe(
    'Shown at the reveal: why the answer is right and the others wrong',
  ),
  difficulty: z.enum(DIFFICULTIES),
  concepts: z.array(kebabId).min(1, { error: 'must name at least one glossary concept id' }),
  tags: z.array(kebabId).optional().describe('e.g. [scenario] for questions that apply a concept'),
  source: text(300).describe('Seed file and/or scholarly work the question is based on'),
};

export const multipleChoiceSchema = z.strictObject({
  ...questionCommon,
  type: z.literal('multiple-choice'),
  choices: z
    .array(text(LIMITS.choice))
    .min(2, { error: 'needs 2 to 6 choices' })
    .max(6, { error: 'needs 2 to 6 choices' }),
  answer: text(LIMITS.choice).describe('Exactly one of the choices, verbatim'),
});

export const trueFalseSchema = z.strictObject({
  ...questionCommon,
  type: z.literal('true-false'),
  answer: z.boolean({ error: 'must be true or false (a YAML boolean, without quotes)' }),
});

export const shortAnswerSchema = z.strictObject({
  ...questionCommon,
  type: z.literal('short-answer'),
  answers: z
    .array(text(LIMITS.shortAnswer))
    .min(1, { error: 'needs at least one accepted answer; the first is shown at the reveal' }),
});

export const openSchema = z.strictObject({
  ...questionCommon,
  type: z.literal('open'),
  modelAnswer: paragraphs(LIMITS.modelAnswer).describe(
    'Revealed to members after they have thought about it',
  ),
});

export const questionSchema = z.discriminatedUnion('type', [
  multipleChoiceSchema,
  trueFalseSchema,
  shortAnswerSchema,
  openSchema,
]);

export const topicFileSchema = z
  .strictObject({
    topic: kebabId.describe('Equals the file name without .yaml'),
    title: text(LIMITS.title),
    description: text(300).optional(),
    questions: z.array(z.unknown()).min(1, { error: 'must list at least one question' }),
  })
  .describe('A topic file: one topic and its questions');

export const conceptSchema = z.strictObject({
  id: kebabId,
  title: text(LIMITS.title),
  aliases: z.array(text(LIMITS.title)).optional(),
  summary: text(LIMITS.summary),
  explanation: paragraphs(LIMITS.conceptExplanation),
  related: z.array(kebabId).optional(),
  sources: z.array(text(300)).optional(),
});

export const glossaryFileSchema = z
  .strictObject({
    concepts: z.array(z.unknown()).min(1, { error: 'must list at least one concept' }),
  })
  .describe('The glossary: concepts that questions and /explain refer to');

export type QuestionInput = z.infer<typeof questionSchema>;
export type ConceptInput = z.infer<typeof conceptSchema>;

/** The JSON Schema editors use: one schema for topic files and the glossary. */
export function bankJsonSchema(): object {
  const topicFile = topicFileSchema.extend({ questions: z.array(questionSchema).min(1) });
  const glossaryFile = glossaryFileSchema.extend({ concepts: z.array(conceptSchema).min(1) });
  return {
    ...z.toJSONSchema(z.union([topicFile, glossaryFile]), { io: 'input', target: 'draft-07' }),
    title: 'studyquiz question bank file',
  };
}
