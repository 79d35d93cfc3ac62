import type { IncomingMessage } from 'node:http';
import { ApiError } from '../apiError.ts';

const invalidJson = () => new ApiError(400, 50109, 'The request body contains invalid JSON.');

/** A file part of a multipart body (`files[n]`), as sent. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Where a multipart body's files are put on its parsed `payload_json`: invisible to validation. */
export const UPLOADED_FILES: unique symbol = Symbol('uploaded files');

/** JSON bodies, or `payload_json` of a multipart body with its files under UPLOADED_FILES. */
export async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const bytes = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return readMultipart(bytes, type);
  const text = bytes.toString('utf8');
  if (text.length === 0) return undefined;
  return parseJson(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidJson();
  }
}

function readMultipart(bytes: Buffer, type: string): unknown {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  const delimiter = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}`);
  let payload: unknown = {};
  const files: UploadedFile[] = [];
  let start = bytes.indexOf(delimiter);
  while (start >= 0) {
    const next = bytes.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    // Each part: CRLF, headers, blank line, content, CRLF before the next delimiter.
    const part = bytes.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('latin1');
      const content = part.subarray(split + 4);
      const field = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
      if (field === 'payload_json') payload = parseJson(content.toString('utf8'));
      else {
        files.push({
          field,
          filename: /filename="([^"]*)"/.exec(headers)?.[1] ?? '',
          contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream',
          data: Buffer.from(content),
        });
      }
    }
    start = next;
  }
  if (payload && typeof payload === 'object')
    Object.defineProperty(payload, UPLOADED_FILES, { value: files });
  return payload;
}

/** The files uploaded with a body, when it was multipart. */
export function uploadedFiles(body: object): UploadedFile[] {
  return (body as { [UPLOADED_FILES]?: UploadedFile[] })[UPLOADED_FILES] ?? [];
}

/** Hands a multipart body's files on to the part of it that becomes a message (a callback's `data`). */
export function carryFiles<T extends object>(from: object, to: T): T {
  const files = uploadedFiles(from);
  if (files.length > 0) Object.defineProperty(to, UPLOADED_FILES, { value: files });
  return to;
}
