import { closest } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { YamlPath } from './yamlSource.ts';

export interface DescribedIssue {
  path: YamlPath;
  /** Set when the problem is a key that should not be there, so it can be located precisely. */
  unknownKey?: string;
  field: string;
  message: string;
}

/** Turns zod's issues into sentences that say what is wrong and what would be valid. */
export function describeZodIssues(
  error: z.ZodError,
  input: unknown,
  knownKeys: (path: YamlPath) => readonly string[],
): DescribedIssue[] {
  const described: DescribedIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const valid = knownKeys(path);
        const guess = valid.length > 0 ? closest(key, [...valid]) : undefined;
        described.push({
          path,
          unknownKey: key,
          field: fieldName([...path, key]),
          message: `is not a known field${guess ? `; did you mean \`${guess}\`?` : ''} Valid fields: ${valid.join(', ')}`,
        });
      }
      continue;
    }
    described.push({ path, field: fieldName(path), message: sentenceFor(issue, valueAt(input, path)) });
  }
  return described;
}

function sentenceFor(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `is missing: add it (expected ${article(issue.expected)})`;
      if (issue.expected === 'boolean')
        return `must be true or false (a YAML boolean, without quotes), not ${describeValue(value)}`;
      return `must be ${article(issue.expected)}, not ${describeValue(value)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${describeValue(value)}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) {
        const options = (issue.options as unknown[]).map((v) => JSON.stringify(v)).join(', ');
        return value === undefined
          ? `is missing: add it (one of ${options})`
          : `must be one of ${options}, not ${describeValue(value)}`;
      }
      return issue.message;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === 'object') return 'a mapping';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

export function fieldName(path: YamlPath): string {
  return path.reduce<string>(
    (name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    '',
  );
}

function valueAt(input: unknown, path: YamlPath): unknown {
  let current = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}
