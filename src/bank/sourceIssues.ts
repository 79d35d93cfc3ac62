import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { BankIssue } from './bankIssue.ts';
import { describeZodIssues, fieldName } from './describeZodIssue.ts';
import type { YamlPath, YamlSource } from './yamlSource.ts';

/** A value read from a bank file, with where it came from for later cross-file checks. */
export interface Located<T> {
  value: T;
  source: YamlSource;
  path: YamlPath;
}

export function issueAt(
  source: YamlSource,
  at: YamlPath,
  questionId: string | null,
  field: string | null,
  message: string,
): BankIssue {
  return { file: source.file, ...source.locate(at), questionId, field, message };
}

export function reportZod(
  source: YamlSource,
  base: YamlPath,
  id: string | null,
  error: z.ZodError,
  input: unknown,
  knownKeys: () => readonly string[],
  issues: BankIssue[],
  fieldFromFileRoot = false,
): void {
  for (const described of describeZodIssues(error, input, knownKeys)) {
    const fullPath = [...base, ...described.path];
    const position = described.unknownKey
      ? source.locateKey(fullPath, described.unknownKey)
      : source.locate(fullPath);
    const field = fieldFromFileRoot
      ? fieldName([
          ...base,
          ...(described.unknownKey ? [...described.path, described.unknownKey] : described.path),
        ])
      : described.field;
    issues.push({
      file: source.file,
      ...position,
      questionId: id,
      field: field || null,
      message: described.message,
    });
  }
}

/** Reports every repeat of an id; `taken` holds ids used elsewhere (another server topic, the shipped bank). */
export function checkUnique<T>(
  items: readonly Located<T>[],
  keyOf: (value: T) => string,
  field: string,
  label: string,
  issues: BankIssue[],
  taken?: { ids: ReadonlySet<string>; where: string },
): void {
  const first = new Map<string, Located<T>>();
  const at = (item: Located<T>) => [...item.path, ...(field === 'topic' ? [] : [field])];
  for (const item of items) {
    const key = keyOf(item.value);
    const questionId = label === 'question id' ? key : null;
    if (taken?.ids.has(key)) {
      issues.push(
        issueAt(
          item.source,
          at(item),
          questionId,
          field,
          `${label} "${key}" is already used ${taken.where}: ids must be unique across the bank; choose another`,
        ),
      );
      continue;
    }
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, item);
      continue;
    }
    const position = earlier.source.locate(at(earlier));
    issues.push(
      issueAt(
        item.source,
        at(item),
        questionId,
        field,
        `${label} "${key}" is already used at ${earlier.source.file}:${position.line}:${position.column}: ids must be unique across the bank`,
      ),
    );
  }
}

export function checkReferences(
  item: Located<{ id: string }>,
  field: string,
  references: readonly string[],
  known: ReadonlySet<string>,
  glossaryName: string,
  issues: BankIssue[],
): void {
  references.forEach((reference, index) => {
    if (known.has(reference)) return;
    const guess = closeEnough(reference, known);
    issues.push(
      issueAt(
        item.source,
        [...item.path, field, index],
        field === 'concepts' ? item.value.id : null,
        `${field}[${index}]`,
        `names concept "${reference}", which is not in ${glossaryName}: ${guess ? `did you mean "${guess}"? ` : ''}fix the id or add the concept there`,
      ),
    );
  });
}

/** A suggestion only when it is plausibly a typo of the reference. */
function closeEnough(reference: string, known: ReadonlySet<string>): string | undefined {
  if (known.size === 0) return undefined;
  const guess = closest(reference, [...known]);
  return distance(reference, guess) <= Math.max(2, Math.floor(reference.length / 4)) ? guess : undefined;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'an empty document';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
