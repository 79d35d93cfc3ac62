import { UserError } from '../core/userError.ts';
import { MAX_DEMO_MEMBERS } from '../demo/demoCast.ts';
import { type DemoEnvironment, runDemo } from '../demo/runDemo.ts';
import { questionsDir } from './bankLocation.ts';
import type { CliCommand } from './cliIo.ts';
import { loadValidBank } from './loadValidBank.ts';
import { integerOption, parseOptions } from './parseOptions.ts';

export const DEMO_USAGE = 'studyquiz demo [--members N] [--questions N] [--seconds S] [--topic T] [--seed S]';

/** The demo with its environment fixed; tests pass their own clock and temp directory. */
export function createDemoCommand(environment: DemoEnvironment = {}): CliCommand {
  return async (args, io) => {
    const { values } = parseOptions(
      args,
      {
        members: { type: 'string' },
        questions: { type: 'string' },
        seconds: { type: 'string' },
        topic: { type: 'string' },
        seed: { type: 'string' },
      },
      DEMO_USAGE,
    );
    const members = integerOption(values.members, 'members', 1, MAX_DEMO_MEMBERS) ?? 3;
    const questions = integerOption(values.questions, 'questions', 1, 10) ?? 4;
    const seconds = integerOption(values.seconds, 'seconds', 5, 30) ?? 8;
    const seed = integerOption(values.seed, 'seed', 0, 2 ** 32 - 1) ?? Math.floor(Math.random() * 2 ** 32);
    const bank = await loadValidBank(questionsDir(io.env));
    const topic = values.topic;
    if (topic !== undefined && !bank.topics.some((t) => t.id === topic)) {
      throw new UserError(
        `There is no topic "${topic}". Topics: ${bank.topics.map((t) => t.id).join(', ')}\nUsage: ${DEMO_USAGE}`,
      );
    }
    const settings = { bank, members, questions, seconds, topic, seed };
    if (environment.signal) return runDemo(settings, io, environment);
    // Ctrl-C, a kill or a closed pipe (`npm run demo | head`) still close the loopback and remove
    // the temporary scores file.
    const interrupt = new AbortController();
    const stop = () => interrupt.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // Left in place: a write after the pipe closed reports its error later, and must not crash.
    process.stdout.on('error', stop);
    try {
      return await runDemo(settings, io, { ...environment, signal: interrupt.signal });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  };
}

/** Runs a quiz round on the loopback Discord and prints it as a transcript of the channel. */
export const demoCommand: CliCommand = createDemoCommand();
