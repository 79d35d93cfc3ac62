import { describe, expect, it } from 'vitest';
import { harnessPerTest, sendable } from './harness.ts';

const harnesses = harnessPerTest();

describe('files sent with a message', () => {
  it('GIVEN a message sent with two files THEN the loopback keeps each file’s name, type and bytes', async () => {
    const harness = await harnesses.start();
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x2d, 0x2d]);
    await sendable(harness).send({
      content: 'with files',
      files: [
        { attachment: binary, name: 'chart.png' },
        { attachment: Buffer.from('plain text\r\n--not a boundary'), name: 'notes.txt' },
      ],
    });
    const [message] = harness.loopback.driver.messages(harness.channelId);
    expect(message?.content).toBe('with files');
    // discord.js names the type from the bytes: it knows a PNG, not plain text.
    expect(message?.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['chart.png', 'image/png'],
      ['notes.txt', 'application/octet-stream'],
    ]);
    expect(message?.attachments[0]?.data).toEqual(binary);
    expect(message?.attachments[1]?.data.toString()).toBe('plain text\r\n--not a boundary');
  });
});
