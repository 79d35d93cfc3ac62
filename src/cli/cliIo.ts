import type { Readable } from 'node:stream';

/** Where a command reads and writes, so tests can run commands in-process. */
export interface CliIo {
  stdin: Readable;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

export function line(io: CliIo, text = ''): void {
  io.stdout.write(`${text}\n`);
}
