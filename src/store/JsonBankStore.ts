import { copyFile, readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BankStore, GuildBankRecord, StoredBankProblem, StoredTopic } from './BankStore.ts';
import { MemoryBankStore } from './MemoryBankStore.ts';
import { writeFileDurably } from './writeFileDurably.ts';

/** The small file beside a server's topic files: who uploaded each, and the shipped-bank setting. */
export const GUILD_METADATA_FILE = 'bank.json';

const GUILD_ID = /^\d{1,20}$/;
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const metadataSchema = z.object({
  version: z.literal(1),
  shippedEnabled: z.boolean(),
  topics: z.record(z.string(), z.object({ uploadedBy: z.string(), uploadedAt: z.iso.datetime() })),
});
type Metadata = z.infer<typeof metadataSchema>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Servers' banks as files: `<dir>/<guild id>/<topic id>.yaml`, one per topic, plus `bank.json`
 * per server; each written atomically, one write at a time per server. The state is read once at
 * load and kept in memory. A file that cannot be read is reported (see problems()) and left as it
 * is; a bank.json that cannot be read is copied aside before anything replaces it.
 */
export class JsonBankStore implements BankStore {
  readonly dir: string;
  readonly #state = new MemoryBankStore();
  readonly #problems: StoredBankProblem[] = [];
  readonly #queues = new Map<string, Promise<unknown>>();
  #loaded = false;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  async load(): Promise<void> {
    if (this.#loaded) throw new Error(`The bank folder ${this.dir} is already loaded.`);
    // Created with the first upload: a bot whose servers upload nothing leaves no folder behind.
    const entries = await readdir(this.dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      if (entry.isDirectory() && GUILD_ID.test(entry.name)) await this.#loadGuild(entry.name);
    }
    this.#loaded = true;
  }

  guildIds(): Promise<string[]> {
    return this.#state.guildIds();
  }

  guildBank(guildId: string): Promise<GuildBankRecord> {
    return this.#state.guildBank(guildId);
  }

  saveTopic(guildId: string, topic: StoredTopic): Promise<void> {
    return this.#queued(guildId, async () => {
      await writeFileDurably(this.#topicFile(guildId, topic.topicId), topic.yaml);
      const next = this.#state.snapshot(guildId);
      next.topics = [...next.topics.filter((t) => t.topicId !== topic.topicId), topic];
      await this.#writeMetadata(guildId, next);
      await this.#state.saveTopic(guildId, topic);
    });
  }

  removeTopic(guildId: string, topicId: string): Promise<boolean> {
    if (!TOPIC_ID.test(topicId)) return Promise.resolve(false);
    return this.#queued(guildId, async () => {
      const current = this.#state.snapshot(guildId);
      if (!current.topics.some((t) => t.topicId === topicId)) return false;
      await unlink(this.#topicFile(guildId, topicId)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await this.#writeMetadata(guildId, {
        ...current,
        topics: current.topics.filter((t) => t.topicId !== topicId),
      });
      return this.#state.removeTopic(guildId, topicId);
    });
  }

  setShippedEnabled(guildId: string, enabled: boolean): Promise<void> {
    return this.#queued(guildId, async () => {
      await this.#writeMetadata(guildId, { ...this.#state.snapshot(guildId), shippedEnabled: enabled });
      await this.#state.setShippedEnabled(guildId, enabled);
    });
  }

  problems(): readonly StoredBankProblem[] {
    return this.#problems;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#queues.values()]);
  }

  async #loadGuild(guildId: string): Promise<void> {
    const folder = path.join(this.dir, guildId);
    const metadata = await this.#readMetadata(guildId);
    if (metadata) await this.#state.setShippedEnabled(guildId, metadata.shippedEnabled);
    const listed = new Set(Object.keys(metadata?.topics ?? {}));
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (!entry.isFile() || !entry.name.endsWith('.yaml')) continue;
      const topicId = entry.name.slice(0, -'.yaml'.length);
      const file = path.join(folder, entry.name);
      if (!TOPIC_ID.test(topicId)) {
        this.#problem(
          guildId,
          topicId,
          `${file} is not named after a topic id (lowercase words and hyphens)`,
        );
        continue;
      }
      listed.delete(topicId);
      let yaml: string;
      try {
        yaml = utf8.decode(await readFile(file));
      } catch (error) {
        const reason = error instanceof TypeError ? 'is not UTF-8 text' : `cannot be read (${codeOf(error)})`;
        this.#problem(guildId, topicId, `${file} ${reason}`);
        continue;
      }
      const about = metadata?.topics[topicId];
      await this.#state.saveTopic(guildId, {
        topicId,
        yaml,
        uploadedBy: about?.uploadedBy ?? 'unknown',
        uploadedAt: about ? Date.parse(about.uploadedAt) : (await stat(file)).mtimeMs,
      });
    }
    for (const topicId of listed) {
      this.#problem(guildId, topicId, `is listed in ${GUILD_METADATA_FILE} but ${topicId}.yaml is missing`);
    }
  }

  async #readMetadata(guildId: string): Promise<Metadata | undefined> {
    const file = path.join(this.dir, guildId, GUILD_METADATA_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      this.#problem(guildId, null, `${file} cannot be read (${codeOf(error)})`);
      return undefined;
    }
    const parsed = parseMetadata(text);
    if (parsed) return parsed;
    // It is replaced at this server's next change: keep what it held.
    const kept = `${file}.broken`;
    await copyFile(file, kept);
    this.#problem(
      guildId,
      null,
      `${file} is not valid (kept as ${kept}): uploaders are unknown and the shipped bank is shown until a moderator changes the bank`,
    );
    return undefined;
  }

  async #writeMetadata(guildId: string, record: GuildBankRecord): Promise<void> {
    const metadata: Metadata = {
      version: 1,
      shippedEnabled: record.shippedEnabled,
      topics: Object.fromEntries(
        [...record.topics]
          .sort((a, b) => a.topicId.localeCompare(b.topicId))
          .map((t) => [
            t.topicId,
            { uploadedBy: t.uploadedBy, uploadedAt: new Date(t.uploadedAt).toISOString() },
          ]),
      ),
    };
    await writeFileDurably(
      path.join(this.dir, checkGuildId(guildId), GUILD_METADATA_FILE),
      `${JSON.stringify(metadata, null, 2)}\n`,
    );
  }

  #topicFile(guildId: string, topicId: string): string {
    return path.join(this.dir, checkGuildId(guildId), `${checkTopicId(topicId)}.yaml`);
  }

  #queued<T>(guildId: string, work: () => Promise<T>): Promise<T> {
    if (!this.#loaded) return Promise.reject(new Error('Load the bank folder before changing it.'));
    if (!GUILD_ID.test(guildId))
      return Promise.reject(new Error(`Not a server id: ${JSON.stringify(guildId)}`));
    const previous = this.#queues.get(guildId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.#queues.set(guildId, settled);
    void settled.then(() => {
      if (this.#queues.get(guildId) === settled) this.#queues.delete(guildId);
    });
    return next;
  }

  #problem(guildId: string, topicId: string | null, problem: string): void {
    this.#problems.push({ guildId, topicId, problem });
  }
}

/** Ids become file names: only ids of the expected shape ever reach the file system. */
function checkGuildId(guildId: string): string {
  if (!GUILD_ID.test(guildId)) throw new Error(`Not a server id: ${JSON.stringify(guildId)}`);
  return guildId;
}

function checkTopicId(topicId: string): string {
  if (!TOPIC_ID.test(topicId)) throw new Error(`Not a topic id: ${JSON.stringify(topicId)}`);
  return topicId;
}

function parseMetadata(text: string): Metadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
