import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Replaces `file` atomically: a temporary file is written and fsynced, then renamed over the
 * old one, so a crash leaves either the old or the new content. The directory is fsynced too,
 * so the rename itself survives a power cut.
 */
export async function writeFileDurably(
  file: string,
  data: string,
  options: { tmpfileCreated?: (tmpfile: string) => void } = {},
): Promise<void> {
  const directory = dirname(file);
  await mkdir(directory, { recursive: true });
  await writeFileAtomic(file, data, options);
  await syncDirectory(directory);
}

async function syncDirectory(directory: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a directory; the rename still happened.
  } finally {
    await handle?.close();
  }
}
