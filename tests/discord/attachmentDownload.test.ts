import { type Attachment, type Client, Events, MessageFlags } from 'discord.js';
import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import { downloadAttachment } from '../../src/discord/attachmentDownload.ts';
import type { AttachmentUpload } from '../../src/loopback/index.ts';
import { type Harness, quizCommands, startHarness } from '../loopback/harness.ts';

const uploadCommand = {
  name: 'upload',
  description: 'Upload a file',
  options: [
    { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'File', required: true },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

let harness: Harness;
const received: Attachment[] = [];

beforeAll(async () => {
  harness = await startHarness({
    setup(client: Client) {
      client.on(Events.InteractionCreate, (interaction) => {
        if (!interaction.isChatInputCommand() || interaction.commandName !== 'upload') return;
        received.push(interaction.options.getAttachment('file', true));
        void interaction.reply({ content: 'Got it', flags: MessageFlags.Ephemeral });
      });
    },
  });
  await harness.client.application?.commands.set([...quizCommands, uploadCommand]);
});

afterAll(async () => {
  await harness.close();
});

/** A member attaches the file; the bot sees it as discord.js reads the resolved attachments. */
async function attach(upload: AttachmentUpload): Promise<Attachment> {
  const { loopback, guildId, channelId } = harness;
  const before = received.length;
  const member = loopback.driver.join(guildId, { username: `member${before}` });
  await member.runCommand('upload', { options: { file: { attachment: upload } } }, { channelId }).reply();
  await loopback.driver.waitFor(() => received.length > before);
  return received[before] as Attachment;
}

const limits = () => ({ maxBytes: 1000, timeoutMs: 5000, apiUrl: harness.loopback.apiUrl });

describe('attachments on the loopback Discord', () => {
  it('GIVEN a member attaches a file THEN the bot gets Discord’s attachment fields and the bytes at its URL', async () => {
    const attachment = await attach({
      filename: 'Chem 101.tsv',
      content: 'atom\tsmallest unit',
      contentType: 'text/tab-separated-values',
    });
    expect(attachment).toMatchObject({
      name: 'Chem 101.tsv',
      size: 18,
      contentType: 'text/tab-separated-values',
    });
    expect(attachment.url).toBe(attachment.proxyURL);
    expect(new URL(attachment.url).host).toBe(new URL(harness.loopback.apiUrl).host);
    expect(await downloadAttachment(attachment, limits())).toEqual({ ok: true, text: 'atom\tsmallest unit' });
    harness.loopback.driver.assertClean();
  });
});

describe('downloading an attachment safely', () => {
  it('GIVEN a URL off Discord’s attachment hosts THEN nothing is fetched', async () => {
    const attachment = await attach({ filename: 'bank.yaml', content: 'topic: x' });
    const port = Number(new URL(harness.loopback.apiUrl).port);
    for (const url of [
      'https://evil.example/attachments/1/2/bank.yaml',
      `http://127.0.0.1:${port + 1}/attachments/1/2/bank.yaml`,
      `http://cdn.discordapp.com/attachments/1/2/bank.yaml`,
      'https://cdn.discordapp.com.evil.example/bank.yaml',
      'not a url',
    ]) {
      const result = await downloadAttachment({ ...attachment, name: 'bank.yaml', size: 8, url }, limits());
      expect(result).toMatchObject({
        ok: false,
        reason: 'host',
        message: /not on Discord’s attachment servers/,
      });
    }
    const cdn = await downloadAttachment(
      { name: 'bank.yaml', size: 8, url: 'https://cdn.discordapp.com/attachments/1/2/bank.yaml' },
      { ...limits(), maxBytes: 1 },
    );
    // Allowed host: it goes on to the size check, so no network is needed to see it is accepted.
    expect(cdn).toMatchObject({ reason: 'too-large' });
  });

  it('GIVEN a declared size over the limit THEN it is refused before downloading', async () => {
    const attachment = await attach({ filename: 'huge.csv', content: 'a,b', size: 5 * 1024 * 1024 });
    const requests = harness.loopback.driver.attachments.requests.length;
    const result = await downloadAttachment(attachment, { ...limits(), maxBytes: 1024 * 1024 });
    expect(result).toEqual({
      ok: false,
      reason: 'too-large',
      message: '**huge.csv** is over the 1 MB limit: split it into smaller files and upload each one.',
    });
    expect(harness.loopback.driver.attachments.requests).toHaveLength(requests);
  });

  it('GIVEN more bytes than declared THEN the download stops at the limit', async () => {
    const attachment = await attach({
      filename: 'liar.tsv',
      content: 'x'.repeat(5000),
      size: 10,
      serve: 'chunked',
    });
    expect(attachment.size).toBe(10);
    expect(await downloadAttachment(attachment, limits())).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('GIVEN a Content-Length over the limit THEN it stops before reading the body', async () => {
    const attachment = await attach({ filename: 'liar.csv', content: 'x'.repeat(5000), size: 10 });
    expect(await downloadAttachment(attachment, limits())).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('GIVEN a download that stalls THEN it gives up at the time limit', async () => {
    const attachment = await attach({ filename: 'slow.gift', content: 'Q{T}'.repeat(100), serve: 'hang' });
    const scheduler = new ManualScheduler();
    const download = downloadAttachment(attachment, { ...limits(), timeoutMs: 5000, scheduler });
    await harness.loopback.driver.attachments.requested(attachment.id);
    scheduler.advance(4999);
    scheduler.advance(1);
    expect(await download).toEqual({
      ok: false,
      reason: 'timeout',
      message: '**slow.gift** took longer than 5 seconds to download: try again in a moment.',
    });
    expect(scheduler.pendingTimers).toBe(0);
  });

  it('GIVEN a file name with Markdown THEN it is quoted as typed in the refusal', async () => {
    const result = await downloadAttachment(
      {
        name: '[click](https://evil.example)_@everyone.csv',
        size: 5_000_000,
        url: 'https://cdn.discordapp.com/a/b/c.csv',
      },
      limits(),
    );
    expect(result).toMatchObject({
      message:
        '**\\[click\\]\\(https\\://evil.example\\)\\_\\@everyone.csv** is over the 1000 bytes limit: split it into smaller files and upload each one.',
    });
  });

  it('GIVEN bytes that are not UTF-8 text THEN it says to save the file as UTF-8 text', async () => {
    const latin1 = await attach({
      filename: 'latin1.csv',
      content: new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
    });
    expect(await downloadAttachment(latin1, limits())).toMatchObject({
      ok: false,
      reason: 'not-text',
      message:
        '**latin1.csv** is not UTF-8 text: upload a text file (YAML, TSV, CSV or GIFT) saved as UTF-8.',
    });
    const binary = await attach({ filename: 'deck.apkg', content: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]) });
    expect(await downloadAttachment(binary, limits())).toMatchObject({
      reason: 'not-text',
      message: /is a binary file, not text/,
    });
  });
});
