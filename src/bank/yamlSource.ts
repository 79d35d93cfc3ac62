import { readFile, stat } from 'node:fs/promises';
import { CORE_SCHEMA, load as quickLoad } from 'js-yaml';
import { type Document, isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { BankIssue } from './bankIssue.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Far above what a hand-written bank uses, far below what a "billion laughs" file needs. */
const MAX_ALIAS_COUNT = 200;

export type YamlPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface YamlSource {
  file: string;
  data: unknown;
  /** Where a value sits in the file; falls back to its nearest ancestor that exists. */
  locate(path: YamlPath): Position;
  /** Where a mapping's key sits, for fields that should not be there. */
  locateKey(path: YamlPath, key: string): Position;
}

export type YamlReadResult = { ok: true; source: YamlSource } | { ok: false; issues: BankIssue[] };

function fileIssue(file: string, message: string, position: Position = { line: 1, column: 1 }): BankIssue {
  return { file, ...position, questionId: null, field: null, message };
}

export async function readYamlSource(file: string): Promise<YamlReadResult> {
  const read = await readTextFile(file);
  return read.ok ? parseYamlText(file, read.text) : read;
}

export type TextReadResult = { ok: true; text: string } | { ok: false; issues: BankIssue[] };

/** A bank file's text: a regular file within the size limit, in UTF-8. */
export async function readTextFile(file: string): Promise<TextReadResult> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, issues: [fileIssue(file, 'is not a regular file')] };
    if (info.size > MAX_FILE_BYTES) {
      const megabytes = (info.size / 1024 / 1024).toFixed(1);
      return {
        ok: false,
        issues: [
          fileIssue(
            file,
            `is ${megabytes} MB; the limit is 10 MB per file: split it into several topic files`,
          ),
        ],
      };
    }
    bytes = await readFile(file);
  } catch (error) {
    return { ok: false, issues: [fileIssue(file, `cannot be read: ${(error as Error).message}`)] };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    return {
      ok: false,
      issues: [
        fileIssue(
          file,
          `is not valid UTF-8 (bad byte at offset ${offset}): save the file with UTF-8 encoding`,
          positionOfByte(bytes, offset),
        ),
      ],
    };
  }
}

/**
 * Anchors, aliases and tags (`&a`, `*a`, `!tag`) at the start of a token. A file without them
 * cannot be a "billion laughs" file, so the quick parser may read it; the rest take the full one.
 */
const ALIAS_OR_TAG = /(?:^|[\s[{,])[&*!][^\s,\]}]/m;

/**
 * Positions cost: the position-keeping parser is ten times slower than a plain one, and a
 * 10,000-question bank would take over a second to load. So a plain parse reads the data, and
 * the full parse runs only for files that need it: a syntax error, an alias, or an issue to locate.
 */
export function parseYamlText(file: string, text: string): YamlReadResult {
  if (!ALIAS_OR_TAG.test(text)) {
    let data: unknown;
    try {
      data = quickLoad(text, { schema: CORE_SCHEMA, filename: file });
    } catch {
      return parseYamlWithPositions(file, text);
    }
    let full: YamlReadResult | undefined;
    const located = (): YamlSource | undefined => {
      full ??= parseYamlWithPositions(file, text);
      return full.ok ? full.source : undefined;
    };
    return {
      ok: true,
      source: {
        file,
        data,
        locate: (path) => located()?.locate(path) ?? { line: 1, column: 1 },
        locateKey: (path, key) => located()?.locateKey(path, key) ?? { line: 1, column: 1 },
      },
    };
  }
  return parseYamlWithPositions(file, text);
}

function parseYamlWithPositions(file: string, text: string): YamlReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) =>
        fileIssue(file, `YAML syntax error: ${firstLine(error.message)}`, at(error.pos[0])),
      ),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return {
      ok: false,
      issues: [
        fileIssue(file, `cannot be expanded: ${(error as Error).message}; remove the YAML aliases (*name)`),
      ],
    };
  }
  return {
    ok: true,
    source: {
      file,
      data,
      locate: (path) => at(nodeOffset(doc, path)),
      locateKey: (path, key) => {
        const parent = doc.getIn(path, true);
        if (isMap(parent)) {
          const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
          if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
        }
        return at(nodeOffset(doc, path));
      },
    },
  };
}

function nodeOffset(doc: Document, path: YamlPath): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return 0;
}

/** The parser's first line, without the position it repeats (the issue carries it). */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Where decoding first goes wrong; enough to point an author at the bad character. */
function firstInvalidUtf8Offset(bytes: Buffer): number {
  let offset = 0;
  while (offset < bytes.length) {
    const lead = bytes[offset] ?? 0;
    const length =
      lead < 0x80
        ? 1
        : (lead & 0xe0) === 0xc0
          ? 2
          : (lead & 0xf0) === 0xe0
            ? 3
            : (lead & 0xf8) === 0xf0
              ? 4
              : 0;
    if (length === 0) return offset;
    for (let k = 1; k < length; k++) {
      if (((bytes[offset + k] ?? 0) & 0xc0) !== 0x80) return offset;
    }
    offset += length;
  }
  return offset;
}

function positionOfByte(bytes: Buffer, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
