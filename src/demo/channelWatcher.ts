import { allVersions, type Loopback, type StoredMessage } from '../loopback/index.ts';
import type { MarkdownContext } from './renderMarkdown.ts';
import { renderEdit, renderMessage } from './renderMessage.ts';
import { visibleLength } from './terminalStyle.ts';
import type { Transcript } from './transcript.ts';

const LOADING = 1 << 7;
const WATCH_LIMIT_MS = 60 * 60_000;

export interface ChannelWatcher {
  /** Prints whatever is new right away. */
  flush(): void;
  stop(): Promise<void>;
}

/**
 * Prints every message of a channel as it appears and every edit as an edit, ephemeral ones
 * marked as private. It rides on the loopback's change feed, which re-checks it on each change.
 */
export function watchChannel(options: {
  loopback: Loopback;
  channelId: string;
  transcript: Transcript;
  context: MarkdownContext;
}): ChannelWatcher {
  const { loopback, channelId, transcript, context } = options;
  const { style } = transcript;
  const printedVersions = new Map<string, number>();
  const botId = loopback.world.bot.id;
  let stopped = false;

  const author = (message: StoredMessage) =>
    message.authorId === botId ? style.bold(loopback.world.bot.username) : context.nameOf(message.authorId);

  const scan = () => {
    for (const message of loopback.world.channel(channelId).messages) {
      if (message.deleted || (message.flags & LOADING) !== 0) continue;
      const versions = allVersions(message);
      const printed = printedVersions.get(message.id) ?? 0;
      if (printed === versions.length) continue;
      printedVersions.set(message.id, versions.length);
      const latest = versions[versions.length - 1];
      if (!latest) continue;
      if (printed === 0) {
        printMessage(message, latest);
        continue;
      }
      for (let i = printed; i < versions.length; i++) {
        const before = versions[i - 1];
        const after = versions[i];
        if (before && after) printEdit(message, before, after);
      }
    }
  };

  const printMessage = (message: StoredMessage, view: Parameters<typeof renderMessage>[0]) => {
    const lines = renderMessage(view, context);
    const who = message.ephemeral
      ? `${author(message)} ${style.dim(`(only ${context.nameOf(message.visibleTo ?? '')} sees this)`)}`
      : author(message);
    // A one-line message reads best on the same line as its author.
    // Questions and the summary open a new part of the round: set them apart.
    if (message.origin === 'channel') transcript.note();
    const [only] = lines;
    if (lines.length === 1 && only && only.bar === undefined) transcript.entry(`${who}  ${only.text}`);
    else transcript.entry(who, lines);
  };

  const printEdit = (
    message: StoredMessage,
    before: Parameters<typeof renderEdit>[0],
    after: Parameters<typeof renderEdit>[1],
  ) => {
    const lines = renderEdit(before, after, context);
    if (lines.length === 0) return;
    const what = (after.embeds[0]?.title ?? 'its message').split(' · ')[0];
    const head = `${style.dim('✎')} ${author(message)} edited ${what}`;
    // Count updates change one field: they fit on one line.
    const [only] = lines;
    if (lines.length === 1 && only && visibleLength(only.text) < 60)
      transcript.entry(`${head}: ${only.text}`);
    else transcript.entry(`${head}:`, lines);
  };

  const watching = loopback.driver
    .waitFor(
      () => {
        scan();
        return stopped || undefined;
      },
      { timeoutMs: WATCH_LIMIT_MS, description: `the demo's view of channel ${channelId}` },
    )
    .catch(() => undefined);

  return {
    flush: scan,
    async stop() {
      stopped = true;
      scan();
      await watching;
    },
  };
}
