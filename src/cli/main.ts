import { isUserError } from '../core/userError.ts';
import { BENCH_USAGE, benchCommand } from './benchCommand.ts';
import type { CliCommand, CliIo } from './cliIo.ts';
import { DEMO_USAGE, demoCommand } from './demoCommand.ts';
import { DEPLOY_USAGE, deployCommandsCommand } from './deployCommandsCommand.ts';
import { EXPLAIN_USAGE, explainCommand } from './explainCommand.ts';
import { IMPORT_USAGE, importCommand } from './importCommand.ts';
import { PLAY_USAGE, playCommand } from './playCommand.ts';
import { START_USAGE, startCommand } from './startCommand.ts';
import { VALIDATE_USAGE, validateCommand } from './validateCommand.ts';

interface CommandEntry {
  run: CliCommand;
  usage: string;
  summary: string;
}

const COMMANDS: Record<string, CommandEntry> = {
  start: { run: startCommand, usage: START_USAGE, summary: 'run the bot (reads .env; see .env.example)' },
  'deploy-commands': {
    run: deployCommandsCommand,
    usage: DEPLOY_USAGE,
    summary: 'register the slash commands with Discord (to DISCORD_GUILD_ID when set, else globally)',
  },
  validate: {
    run: validateCommand,
    usage: VALIDATE_USAGE,
    summary: 'check question bank files and report every problem (default: the shipped bank)',
  },
  import: {
    run: importCommand,
    usage: IMPORT_USAGE,
    summary:
      'convert a topic (YAML, Quizlet/Anki TSV or CSV, GIFT) to the bank’s YAML and validate it as /bank upload does',
  },
  explain: { run: explainCommand, usage: EXPLAIN_USAGE, summary: 'print a glossary entry' },
  play: { run: playCommand, usage: PLAY_USAGE, summary: 'play a quiz round in the terminal' },
  demo: {
    run: demoCommand,
    usage: DEMO_USAGE,
    summary: 'watch simulated members play a round against the real bot on a loopback Discord (offline)',
  },
  bench: {
    run: benchCommand,
    usage: BENCH_USAGE,
    summary: 'measure speed and memory against goals (bench/RESULTS.md)',
  },
};

export function helpText(): string {
  return [
    'studyquiz — timed quiz rounds for study groups on Discord',
    '',
    'Commands:',
    ...Object.values(COMMANDS).flatMap((command) => [`  ${command.usage}`, `      ${command.summary}`]),
    '',
    'Run `studyquiz <command> --help` for a command’s options.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${helpText()}\n`);
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${helpText()}\n`);
    return 1;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`Usage: ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (isUserError(error)) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
