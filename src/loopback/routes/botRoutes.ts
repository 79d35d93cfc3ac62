import { apiErrors } from '../apiError.ts';
import { userPayload } from '../apiPayloads.ts';
import { ok, type RouteDefinition } from '../http/route.ts';

/** Gateway discovery and the bot's own user and application. */
export const botRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/gateway',
    auth: 'none',
    handle: (core) => ok({ url: core.gatewayUrl }),
  },
  {
    method: 'GET',
    template: '/gateway/bot',
    auth: 'bot',
    handle: (core) =>
      ok({
        url: core.gatewayUrl,
        shards: core.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      }),
  },
  {
    method: 'GET',
    template: '/users/@me',
    auth: 'bot',
    handle: (core) => ok({ ...userPayload(core.world.bot), verified: true, mfa_enabled: false, flags: 0 }),
  },
  {
    method: 'GET',
    template: '/users/:userId',
    auth: 'bot',
    handle(core, { params }) {
      const user = core.world.users.get(params.userId ?? '');
      if (!user) throw apiErrors.notFound();
      return ok(userPayload(user));
    },
  },
  {
    method: 'GET',
    template: '/applications/@me',
    auth: 'bot',
    handle: (core) =>
      ok({
        id: core.applicationId,
        name: core.world.bot.username,
        icon: null,
        description: '',
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        bot: userPayload(core.world.bot),
        owner: userPayload(core.world.bot),
        team: null,
      }),
  },
];
