import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIAttachment } from 'discord-api-types/v10';

/** A file a member attaches to a command option. */
export interface AttachmentUpload {
  filename: string;
  content: string | Uint8Array;
  contentType?: string;
  /** The size Discord reports; defaults to the real one (set it lower to test a download that lies). */
  size?: number;
  /**
   * 'hang': send the headers and the first bytes, then hold the rest until the loopback closes;
   * 'chunked': send no Content-Length, so only counting the bytes tells the size.
   */
  serve?: 'normal' | 'hang' | 'chunked';
}

interface Stored {
  upload: AttachmentUpload;
  bytes: Buffer;
  requested: Promise<void>;
  markRequested: () => void;
}

const PREFIX = '/attachments/';

/** Attachments of command options, served at their URL on the loopback's own host, as Discord's CDN does. */
export class AttachmentStore {
  readonly #stored = new Map<string, Stored>();
  readonly #held = new Set<ServerResponse>();
  /** Every attachment request, by URL path, in order. */
  readonly requests: string[] = [];

  /** Stores the file and returns what Discord puts in `data.resolved.attachments`. */
  add(id: string, origin: string, channelId: string, upload: AttachmentUpload): APIAttachment {
    const bytes = Buffer.from(upload.content);
    let markRequested = () => {};
    const requested = new Promise<void>((resolve) => {
      markRequested = resolve;
    });
    this.#stored.set(id, { upload, bytes, requested, markRequested });
    const url = `${origin}${PREFIX}${channelId}/${id}/${encodeURIComponent(upload.filename)}`;
    return {
      id,
      filename: upload.filename,
      size: upload.size ?? bytes.length,
      url,
      proxy_url: url,
      ...(upload.contentType ? { content_type: upload.contentType } : {}),
    };
  }

  /** Resolves once the attachment has been asked for, so a test can act while a download is held. */
  requested(id: string): Promise<void> {
    const stored = this.#stored.get(id);
    if (!stored) throw new Error(`No attachment ${id}`);
    return stored.requested;
  }

  /** Serves `/attachments/…`; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!path.startsWith(PREFIX)) return false;
    this.requests.push(path);
    const id = path.slice(PREFIX.length).split('/')[1] ?? '';
    const stored = this.#stored.get(id);
    if (!stored || req.method !== 'GET') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not Found');
      return true;
    }
    stored.markRequested();
    const { upload, bytes } = stored;
    res.writeHead(200, {
      'Content-Type': upload.contentType ?? 'application/octet-stream',
      ...(upload.serve === 'chunked' ? {} : { 'Content-Length': bytes.length }),
    });
    if (upload.serve === 'hang') {
      res.write(bytes.subarray(0, Math.min(16, bytes.length)));
      this.#held.add(res);
      return true;
    }
    if (upload.serve === 'chunked') {
      for (let offset = 0; offset < bytes.length; offset += 1024)
        res.write(bytes.subarray(offset, offset + 1024));
      res.end();
      return true;
    }
    res.end(bytes);
    return true;
  }

  releaseHeld(): void {
    for (const res of this.#held) res.destroy();
    this.#held.clear();
  }
}
