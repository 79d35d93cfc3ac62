import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface GeneratedBankOptions {
  questions: number;
  topics: number;
  concepts: number;
  /** Only multiple-choice questions (the class rounds answer by button); otherwise all four types. */
  multipleChoiceOnly?: boolean;
}

const WORDS = [
  'balance',
  'power',
  'alliance',
  'deterrence',
  'anarchy',
  'security',
  'hegemony',
  'spiral',
  'offence',
  'defence',
  'restraint',
  'bandwagon',
  'buckpassing',
  'credibility',
  'signal',
  'treaty',
];

function word(i: number): string {
  return WORDS[i % WORDS.length] as string;
}

/** A valid bank of the given size, written as YAML the way authors write it (one file per topic). */
export async function generateBank(dir: string, options: GeneratedBankOptions): Promise<void> {
  await mkdir(dir, { recursive: true });
  const conceptId = (i: number) => `concept-${word(i)}-${i}`;
  const glossary = ['concepts:'];
  for (let i = 0; i < options.concepts; i++) {
    glossary.push(
      `  - id: ${conceptId(i)}`,
      `    title: ${capitalise(word(i))} ${word(i * 7 + 3)} ${i}`,
      `    aliases: [${word(i + 5)} ${word(i * 3)} ${i}, ${word(i + 11)}-${i}]`,
      `    summary: What ${word(i)} means for states that live without a government above them (${i}).`,
      '    explanation: >-',
      `      A longer explanation of ${word(i)} and ${word(i + 1)}, with enough words to look like the`,
      `      entries of the shipped glossary, number ${i}.`,
      `    related: [${conceptId((i + 1) % options.concepts)}]`,
      '    sources: ["Jervis 1978"]',
    );
  }
  await writeFile(path.join(dir, 'glossary.yaml'), `${glossary.join('\n')}\n`);

  const perTopic = Math.ceil(options.questions / options.topics);
  let made = 0;
  for (let t = 0; t < options.topics && made < options.questions; t++) {
    const topic = `topic-${t}`;
    const lines = [`topic: ${topic}`, `title: Topic ${t}`, 'questions:'];
    for (let q = 0; q < perTopic && made < options.questions; q++, made++) {
      const kind = options.multipleChoiceOnly ? 0 : made % 4;
      lines.push(
        `  - id: ${topic}-q${q}`,
        `    type: ${['multiple-choice', 'true-false', 'short-answer', 'open'][kind]}`,
        `    difficulty: ${['easy', 'medium', 'hard'][made % 3]}`,
        `    concepts: [${conceptId(made % options.concepts)}]`,
        `    prompt: "Question ${made}: which statement about ${word(made)} and ${word(made + 3)} is right?"`,
      );
      if (kind === 0) {
        lines.push(
          `    choices: ["${word(made)} rises", "${word(made)} falls", "Nothing changes", "It depends on ${word(made + 1)}"]`,
          `    answer: "${word(made)} falls"`,
        );
      } else if (kind === 1) {
        lines.push(`    answer: ${made % 2 === 0}`);
      } else if (kind === 2) {
        lines.push(`    answers: ["${word(made)}", "the ${word(made)}"]`);
      } else {
        lines.push(`    modelAnswer: "A model answer about ${word(made)}."`);
      }
      lines.push(
        `    explanation: "Because ${word(made)} works that way in an anarchic system."`,
        '    source: Waltz 1979',
      );
    }
    await writeFile(path.join(dir, `${topic}.yaml`), `${lines.join('\n')}\n`);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
