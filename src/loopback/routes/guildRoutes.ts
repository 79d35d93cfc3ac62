import { apiErrors } from '../apiError.ts';
import { channelPayload, guildCreatePayload, memberPayload, rolePayload } from '../apiPayloads.ts';
import { ok, type RouteDefinition } from '../http/route.ts';
import type { LoopbackCore } from '../loopbackCore.ts';
import type { Guild } from '../world.ts';

function botGuild(core: LoopbackCore, guildId: string): Guild {
  const guild = core.world.guilds.get(guildId);
  if (!guild?.members.has(core.world.bot.id)) throw apiErrors.unknownGuild();
  return guild;
}

export const guildRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/guilds/:guildId',
    auth: 'bot',
    handle(core, { params }) {
      const {
        members: _members,
        channels: _channels,
        ...guild
      } = guildCreatePayload(botGuild(core, params.guildId ?? ''), core.world.bot.id, false);
      return ok(guild);
    },
  },
  {
    method: 'GET',
    template: '/guilds/:guildId/channels',
    auth: 'bot',
    handle: (core, { params }) => ok(botGuild(core, params.guildId ?? '').channels.map(channelPayload)),
  },
  {
    method: 'GET',
    template: '/guilds/:guildId/roles',
    auth: 'bot',
    handle: (core, { params }) =>
      ok([...botGuild(core, params.guildId ?? '').roles.values()].map(rolePayload)),
  },
  {
    method: 'GET',
    template: '/guilds/:guildId/members/:userId',
    auth: 'bot',
    handle(core, { params }) {
      const member = botGuild(core, params.guildId ?? '').members.get(params.userId ?? '');
      if (!member) throw apiErrors.unknownMember();
      return ok(memberPayload(member));
    },
  },
];
