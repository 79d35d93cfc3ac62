import { quoteText } from '../core/quoteText.ts';
import { realScheduler, type Scheduler } from '../core/scheduler.ts';

/** What discord.js's Attachment carries from the interaction's resolved attachments. */
export interface AttachmentRef {
  name: string;
  size: number;
  url: string;
}

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
  /** DISCORD_API_URL when set: its host serves attachments too (the loopback does). */
  apiUrl?: string | undefined;
  scheduler?: Scheduler;
}

export type DownloadRefusal = 'host' | 'too-large' | 'timeout' | 'not-text' | 'failed';

export type DownloadResult =
  | { ok: true; text: string }
  | { ok: false; reason: DownloadRefusal; message: string };

/** An uploaded bank: far above any study group's file, small enough to parse at once. */
export const BANK_DOWNLOAD_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 10_000 } as const;

/** Where Discord serves attachments from. */
const DISCORD_HOSTS = new Set(['cdn.discordapp.com', 'media.discordapp.net']);

/**
 * Downloads an attachment as UTF-8 text, only from Discord's attachment hosts, within a size and
 * a time limit. The URL must be the one Discord put in the interaction, never one a member typed.
 */
export async function downloadAttachment(
  attachment: AttachmentRef,
  limits: DownloadLimits,
): Promise<DownloadResult> {
  const limit = formatBytes(limits.maxBytes);
  const tooLarge = (): DownloadResult => ({
    ok: false,
    reason: 'too-large',
    message: `**${nameOf(attachment)}** is over the ${limit} limit: split it into smaller files and upload each one.`,
  });
  if (!isAllowedUrl(attachment.url, limits.apiUrl)) {
    return {
      ok: false,
      reason: 'host',
      message: `**${nameOf(attachment)}** is not on Discord’s attachment servers, so it was not downloaded: attach the file itself to the command.`,
    };
  }
  if (attachment.size > limits.maxBytes) return tooLarge();

  const controller = new AbortController();
  let timedOut = false;
  const timer = (limits.scheduler ?? realScheduler).schedule(limits.timeoutMs, () => {
    timedOut = true;
    controller.abort();
  });
  try {
    // Redirects could lead off Discord's hosts, so none are followed.
    const response = await fetch(attachment.url, { signal: controller.signal, redirect: 'error' });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return failed(attachment, `Discord answered ${response.status}`);
    }
    if (Number(response.headers.get('content-length') ?? 0) > limits.maxBytes) {
      controller.abort();
      return tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limits.maxBytes) {
        controller.abort();
        return tooLarge();
      }
      chunks.push(value);
    }
    return decodeText(attachment, Buffer.concat(chunks));
  } catch (error) {
    if (timedOut) {
      return {
        ok: false,
        reason: 'timeout',
        message: `**${nameOf(attachment)}** took longer than ${Math.round(limits.timeoutMs / 1000)} seconds to download: try again in a moment.`,
      };
    }
    return failed(attachment, (error as Error).message);
  } finally {
    timer.cancel();
  }
}

function isAllowedUrl(url: string, apiUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:' && DISCORD_HOSTS.has(parsed.hostname) && parsed.port === '') return true;
  if (apiUrl === undefined) return false;
  const api = new URL(apiUrl);
  return parsed.protocol === api.protocol && parsed.host === api.host;
}

function decodeText(attachment: AttachmentRef, bytes: Buffer): DownloadResult {
  const notText = (why: string): DownloadResult => ({
    ok: false,
    reason: 'not-text',
    message: `**${nameOf(attachment)}** ${why}: upload a text file (YAML, TSV, CSV or GIFT) saved as UTF-8.`,
  });
  if (bytes.includes(0)) return notText('is a binary file, not text');
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return notText('is not UTF-8 text');
  }
}

function failed(attachment: AttachmentRef, why: string): DownloadResult {
  return {
    ok: false,
    reason: 'failed',
    message: `**${nameOf(attachment)}** could not be downloaded (${why}): try uploading it again.`,
  };
}

/** The member's file name, quoted so it cannot format the reply or make a link. */
function nameOf(attachment: AttachmentRef): string {
  return quoteText(attachment.name, 100);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
