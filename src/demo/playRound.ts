import type { Bank } from '../bank/loadBank.ts';
import type { Question } from '../core/question.ts';
import type { Random } from '../core/random.ts';
import type { RunningBot } from '../discord/startBot.ts';
import type { CommandInvocation, Loopback, MemberDriver, StoredMessage } from '../loopback/index.ts';
import type { DemoMember } from './demoCast.ts';
import { type PlannedAnswer, planAnswer } from './planAnswer.ts';
import { buttonText } from './renderMessage.ts';
import type { Timeline } from './timeline.ts';
import type { Transcript } from './transcript.ts';

export interface Player extends DemoMember {
  index: number;
  driver: MemberDriver;
}

export interface Scene {
  loopback: Loopback;
  bot: RunningBot;
  bank: Bank;
  channelId: string;
  players: readonly Player[];
  transcript: Transcript;
  timeline: Timeline;
  random: Random;
  questions: number;
  seconds: number;
  revealSeconds: number;
  topic: string | undefined;
  /** Throws once the demo was interrupted, so the script stops between steps. */
  checkAborted(): void;
}

export interface RoundTally {
  asked: number;
  answers: number;
}

const WRONG_GUESS_MAX_LENGTH = 32;

/** The script: a member starts a round, everyone plays it, someone looks a concept up, someone asks for the leaderboard. */
export async function playRound(scene: Scene): Promise<RoundTally> {
  const { loopback, channelId, players, seconds } = scene;
  const driver = loopback.driver;
  const waitMs = (seconds + scene.revealSeconds + 20) * 1000;
  const wait = async (at: number) => {
    await scene.timeline.until(at);
    scene.checkAborted();
  };
  const starter = players[0] as Player;
  await runCommand(scene, starter, 'quiz', {
    subcommand: 'start',
    options: {
      ...(scene.topic ? { topic: scene.topic } : {}),
      count: scene.questions,
      seconds,
      scoring: 'speed',
    },
  });
  const round = scene.bot.context.app.rounds.inChannel(channelId);
  if (!round) throw new Error('the bot did not start a round');

  const wrongGuesses = scene.bank.glossary.concepts
    .map((concept) => concept.title)
    .filter((title) => title.length <= WRONG_GUESS_MAX_LENGTH);
  const tally: RoundTally = { asked: 0, answers: 0 };
  for (let index = 0; index < round.questions.length; index++) {
    const message = await driver.waitForMessage(
      channelId,
      (m) => !m.ephemeral && (m.embeds[0]?.title ?? '').startsWith(`Question ${index + 1} of `),
      { timeoutMs: waitMs, description: `question ${index + 1}` },
    );
    const question = round.questions[index] as Question;
    const deadline = round.deadline;
    const plans = plansFor(scene, question, wrongGuesses);
    for (const plan of plans) {
      await wait(deadline - seconds * 1000 + plan.delayMs);
      await act(scene, plan, message);
      if (plan.action.kind !== 'model-answer') tally.answers++;
    }
    await wait(deadline);
    await driver.waitForEdit(message, isRevealed, { timeoutMs: waitMs, description: 'the reveal' });
    tally.asked++;
    if (index === 0 && round.questions.length > 1) await lookUpConcept(scene);
    if (index + 1 < round.questions.length) await wait(deadline + scene.revealSeconds * 1000);
  }
  await driver.waitForMessage(channelId, (m) => /^Round /.test(m.embeds[0]?.title ?? ''), {
    timeoutMs: waitMs,
    description: 'the summary',
  });
  if (round.questions.length === 1) await lookUpConcept(scene);
  await runCommand(scene, players[Math.min(2, players.length - 1)] as Player, 'leaderboard', {});
  return tally;
}

function plansFor(scene: Scene, question: Question, wrongGuesses: readonly string[]): PlannedAnswer[] {
  const windowMs = scene.seconds * 1000;
  const plans = scene.players.flatMap(
    (player) => planAnswer(player, question, windowMs, scene.random, wrongGuesses) ?? [],
  );
  // A discussion question: one curious member peeks at the model answer.
  if (question.type === 'open') return plans.slice(Math.floor(scene.random() * plans.length)).slice(0, 1);
  return plans.sort((a, b) => a.delayMs - b.delayMs);
}

async function act(scene: Scene, plan: PlannedAnswer, message: StoredMessage): Promise<void> {
  const player = scene.players.find((p) => p.name === plan.member.name) as Player;
  const buttons = buttonsOf(message);
  const who = scene.transcript.style.member(player.index, player.name);
  const press = (index: number) => {
    const button = buttons[index];
    if (!button) throw new Error(`question message has no button ${index + 1}`);
    return button;
  };
  const { action } = plan;
  switch (action.kind) {
    case 'choice':
    case 'boolean':
    case 'model-answer': {
      const button = press(
        action.kind === 'choice' ? action.index : action.kind === 'boolean' && !action.value ? 1 : 0,
      );
      scene.transcript.entry(`${who} clicked ${buttonText(button.label)}`);
      await player.driver.click(message, button.customId).acknowledged();
      return;
    }
    case 'text': {
      const button = press(0);
      scene.transcript.entry(
        `${who} clicked ${buttonText(button.label)}, typed “${action.text}” and sent it`,
      );
      const opened = player.driver.click(message, button.customId);
      const sent = await player.driver.submitModal(opened, { answer: action.text });
      await sent.acknowledged();
      return;
    }
  }
}

/** Someone wonders about a concept: they type, see suggestions, and run /explain. */
async function lookUpConcept(scene: Scene): Promise<void> {
  const concept = scene.bank.glossary.get('security-dilemma') ?? scene.bank.glossary.concepts[0];
  if (!concept) return;
  const player = scene.players[Math.min(1, scene.players.length - 1)] as Player;
  const { style } = scene.transcript;
  // A word and a letter: enough for the autocomplete to put the concept first.
  const space = concept.title.indexOf(' ');
  const typed = concept.title.toLowerCase().slice(0, space > 0 ? space + 2 : 5);
  scene.transcript.entry(`${style.member(player.index, player.name)} types /explain concept: ${typed}…`);
  const choices = await player.driver
    .autocomplete(
      'explain',
      { options: { concept: typed }, focused: 'concept' },
      { channelId: scene.channelId },
    )
    .choices();
  scene.transcript.entry(
    style.dim(
      `  Discord suggests: ${(choices ?? [])
        .slice(0, 4)
        .map((choice) => choice.name)
        .join(' · ')}`,
    ),
  );
  await runCommand(scene, player, 'explain', { options: { concept: concept.id } });
}

async function runCommand(
  scene: Scene,
  player: Player,
  name: string,
  invocation: CommandInvocation,
): Promise<void> {
  const { style } = scene.transcript;
  const typed = [
    `/${name}`,
    ...(invocation.subcommand ? [invocation.subcommand] : []),
    ...Object.entries(invocation.options ?? {}).map(([option, value]) => `${option}: ${String(value)}`),
  ].join(' ');
  scene.transcript.entry(`${style.member(player.index, player.name)} used ${style.bold(typed)}`);
  await player.driver.runCommand(name, invocation, { channelId: scene.channelId }).reply();
}

function buttonsOf(message: StoredMessage): { customId: string; label: string }[] {
  return (message.components as { components?: { custom_id?: string; label?: string }[] }[]).flatMap((row) =>
    (row.components ?? []).flatMap((c) =>
      c.custom_id ? [{ customId: c.custom_id, label: c.label ?? '' }] : [],
    ),
  );
}

function isRevealed(message: StoredMessage): boolean {
  return (message.embeds[0]?.fields ?? []).some((field) => field.value.startsWith('✅'));
}
