import {
  type APIInteraction,
  type Client,
  ComponentType,
  Events,
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord.js';
import type { Agent } from 'undici';
import type { AnswerOrigin } from '../app/quizRounds.ts';
import type { StudyApp } from '../app/studyApp.ts';
import type { Submission } from '../core/question.ts';
import { ANSWER_REFUSAL_TEXT } from '../core/roundErrors.ts';
import type { Logger } from '../logger.ts';
import { buildCustomId, type CustomId, parseCustomId } from './customIds.ts';
import { describeError } from './discordErrors.ts';
import { interactionCallbacks } from './interactionCallbacks.ts';
import { ANSWER_INPUT_ID, answerModal, lockedInText } from './render/answerReplies.ts';

/**
 * The dispatch name a claimed packet is given. discord.js emits `raw` with the very packet it
 * handles next, and has no handler for this name, so it builds no interaction for a click the
 * fast path answers. tests/discord/fastAnswerPath.test.ts fails if an upgrade changes that.
 */
export const CLAIMED_DISPATCH = 'STUDYQUIZ_ANSWERED';

const APOLOGY = 'Sorry — something went wrong on our side. It has been logged; please try again.';

/**
 * Synthetic clicks answered before the bot says it is ready, and how many callbacks are sent
 * at once then: the first round's clicks find the answer path compiled and the pool's
 * connections open, instead of paying for both in the middle of a burst.
 */
const WARM_UP_CLICKS = 300;
const WARM_UP_CALLBACKS = 8;

type AnswerKind = 'answer-choice' | 'answer-boolean' | 'answer-open-modal' | 'answer-text';
type AnswerId = Extract<CustomId, { kind: AnswerKind }>;

interface RawPacket {
  t: string | null;
  d: unknown;
}

/**
 * Answer clicks and typed answers, straight from the gateway frame: read the few fields an
 * answer needs, lock it in through the application, send the one interaction callback. No
 * discord.js structures are built for them (a Message, a GuildMember and a User per click were
 * most of a click's cost). Every other interaction goes through discord.js and the router.
 */
export function installFastAnswerPath(options: {
  client: Client;
  app: StudyApp;
  logger: Logger;
  /** The bot's kept-alive connection pool, and the API base (the loopback's in tests). */
  agent: Agent;
  apiUrl: string | undefined;
}): FastAnswerPath {
  const { client, app, logger } = options;
  const send = interactionCallbacks(options.agent, options.apiUrl);
  client.on(Events.Raw, (packet: RawPacket) => {
    if (packet.t !== GatewayDispatchEvents.InteractionCreate) return;
    const interaction = packet.d as APIInteraction;
    const id = answerIdOf(interaction);
    if (!id) return;
    packet.t = CLAIMED_DISPATCH;
    void answer(send, app, logger, interaction, id);
  });
  return { warmUp: () => warmUp(send, app, logger) };
}

export interface FastAnswerPath {
  /** Runs the answer path on clicks for a round that does not exist; never throws. */
  warmUp(): Promise<void>;
}

async function warmUp(send: SendCallback, app: StudyApp, logger: Logger): Promise<void> {
  const click = warmUpClick();
  let body = '';
  for (let i = 0; i < WARM_UP_CLICKS; i++) {
    const id = answerIdOf(click);
    if (id) body = respond(app, click, id);
  }
  // Discord answers a callback for an interaction it never sent with 10062, which send()
  // reads as "gone": one request per connection, on the route every acknowledgement takes.
  const sent = await Promise.allSettled(
    Array.from({ length: WARM_UP_CALLBACKS }, (_, i) => send('0', `warm-up-${i}`, body)),
  );
  const failed = sent.filter((outcome) => outcome.status === 'rejected').length;
  logger.debug({ clicks: WARM_UP_CLICKS, callbacks: WARM_UP_CALLBACKS, failed }, 'answer path warmed up');
}

/** An answer click as the gateway delivers one, for a round no one can have started yet. */
function warmUpClick(): APIInteraction {
  const user = { id: '0', username: 'warm-up', global_name: null, discriminator: '0', avatar: null };
  return {
    id: '0',
    application_id: '0',
    type: InteractionType.MessageComponent,
    token: 'warm-up',
    version: 1,
    guild_id: '0',
    channel_id: '0',
    member: { user, roles: [], joined_at: '', deaf: false, mute: false, flags: 0, permissions: '0' },
    message: { id: '0' },
    data: {
      component_type: ComponentType.Button,
      custom_id: buildCustomId({ kind: 'answer-choice', roundId: 'warmup', question: 0, choice: 0 }),
    },
  } as unknown as APIInteraction;
}

type SendCallback = (interactionId: string, token: string, body: string) => Promise<boolean>;

function answerIdOf(interaction: APIInteraction): AnswerId | undefined {
  let customId: string;
  if (interaction.type === InteractionType.MessageComponent) {
    if (interaction.data.component_type !== ComponentType.Button) return undefined;
    customId = interaction.data.custom_id;
  } else if (interaction.type === InteractionType.ModalSubmit) {
    customId = interaction.data.custom_id;
  } else return undefined;
  const id = parseCustomId(customId);
  if (!id) return undefined;
  const modal = interaction.type === InteractionType.ModalSubmit;
  switch (id.kind) {
    case 'answer-choice':
    case 'answer-boolean':
    case 'answer-open-modal':
      return modal ? undefined : id;
    case 'answer-text':
      return modal ? id : undefined;
    default:
      return undefined;
  }
}

async function answer(
  send: SendCallback,
  app: StudyApp,
  logger: Logger,
  interaction: APIInteraction,
  id: AnswerId,
): Promise<void> {
  let body: string;
  try {
    body = respond(app, interaction, id);
  } catch (error) {
    logger.error({ ...fieldsOf(interaction), ...describeError(error) }, 'interaction failed');
    body = privateReply(APOLOGY);
  }
  try {
    await send(interaction.id, interaction.token, body);
  } catch (error) {
    logger.warn({ ...fieldsOf(interaction), ...describeError(error) }, 'could not acknowledge an answer');
  }
}

/** The callback body for one answer interaction. */
function respond(app: StudyApp, interaction: APIInteraction, id: AnswerId): string {
  const user = interaction.member?.user ?? interaction.user;
  const origin: AnswerOrigin = {
    roundId: id.roundId,
    questionIndex: id.question,
    guildId: interaction.guild_id ?? null,
    channelId: interaction.channel?.id ?? interaction.channel_id ?? null,
    postId: interaction.message?.id,
    userId: user?.id ?? '',
  };
  if (id.kind === 'answer-open-modal') {
    const box = app.rounds.answerBox(origin);
    if (!box.ok) return privateReply(ANSWER_REFUSAL_TEXT[box.reason]);
    return JSON.stringify({
      type: InteractionResponseType.Modal,
      data: answerModal(id.roundId, id.question, box.question),
    });
  }
  const submission: Submission =
    id.kind === 'answer-choice'
      ? { kind: 'choice', index: id.choice }
      : id.kind === 'answer-boolean'
        ? { kind: 'boolean', value: id.value }
        : { kind: 'text', text: typedAnswer(interaction) };
  const name = interaction.member?.nick ?? user?.global_name ?? user?.username ?? 'someone';
  const result = app.rounds.answer(origin, name, submission);
  return privateReply(
    result.ok
      ? lockedInText(submission, result.answerText, result.acceptedAs)
      : ANSWER_REFUSAL_TEXT[result.reason],
  );
}

/** An ephemeral message without pings, as the JSON Discord takes. */
function privateReply(content: string): string {
  return `{"type":${InteractionResponseType.ChannelMessageWithSource},"data":{"content":${JSON.stringify(content)},"flags":${MessageFlags.Ephemeral},"allowed_mentions":{"parse":[]}}}`;
}

/** The text typed in the answer box: a text input in a row, or in a label (components v2). */
function typedAnswer(interaction: APIInteraction): string {
  if (interaction.type !== InteractionType.ModalSubmit) return '';
  const stack: unknown[] = [...interaction.data.components];
  while (stack.length > 0) {
    const component = stack.pop() as {
      custom_id?: string;
      value?: unknown;
      components?: unknown[];
      component?: unknown;
    };
    if (component.custom_id === ANSWER_INPUT_ID && typeof component.value === 'string')
      return component.value;
    if (component.components) stack.push(...component.components);
    if (component.component) stack.push(component.component);
  }
  return '';
}

function fieldsOf(interaction: APIInteraction): Record<string, unknown> {
  return {
    guildId: interaction.guild_id,
    channelId: interaction.channel?.id,
    userId: (interaction.member?.user ?? interaction.user)?.id,
    customId: interaction.data && 'custom_id' in interaction.data ? interaction.data.custom_id : undefined,
  };
}
