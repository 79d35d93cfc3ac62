import { PermissionFlagsBits } from 'discord-api-types/v10';
import { apiErrors } from '../apiError.ts';
import type { LoopbackCore } from '../loopbackCore.ts';
import type { StoredMessage } from '../storedMessage.ts';
import type { Channel } from '../world.ts';

/** A live channel the bot can see, or Discord's 10003 / 50001. */
export function visibleChannel(core: LoopbackCore, channelId: string): Channel {
  const channel = core.world.findChannel(channelId);
  if (!channel || channel.deleted) throw apiErrors.unknownChannel();
  const permissions = core.world.permissionsIn(channel.id, core.world.bot.id);
  if ((permissions & PermissionFlagsBits.ViewChannel) === 0n) throw apiErrors.missingAccess();
  return channel;
}

/** Throws 50013 unless the bot has every permission in `needed` in the channel. */
export function requireBotPermissions(core: LoopbackCore, channel: Channel, needed: bigint): void {
  const permissions = core.world.permissionsIn(channel.id, core.world.bot.id);
  if ((permissions & needed) !== needed) throw apiErrors.missingPermissions();
}

/** A non-deleted, non-ephemeral message of the channel, or 10008. */
export function channelMessage(core: LoopbackCore, channel: Channel, messageId: string): StoredMessage {
  const message = core.world.message(messageId);
  if (!message || message.deleted || message.ephemeral || message.channelId !== channel.id) {
    throw apiErrors.unknownMessage();
  }
  return message;
}
