import type { IncomingMessage } from 'node:http';
import { ApiError } from '../apiError.ts';

const invalidJson = () => new ApiError(400, 50109, 'The request body contains invalid JSON.');

/** JSON bodies, or `payload_json` of a multipart body (attachments themselves are not kept). */
export async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const match = /name="payload_json"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(text);
    if (!match?.[1]) return {};
    try {
      return JSON.parse(match[1]) as unknown;
    } catch {
      throw invalidJson();
    }
  }
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidJson();
  }
}
