import type { APIApplicationCommand } from 'discord-api-types/v10';
import { apiErrors } from '../apiError.ts';
import { validateCommand } from '../commandRegistry.ts';
import { noContent, ok, type RouteDefinition, type RouteRequest } from '../http/route.ts';
import type { LoopbackCore } from '../loopbackCore.ts';
import { isJsonObject, type Json } from '../messageOps.ts';

function scopeOf(core: LoopbackCore, { params }: RouteRequest): string | null {
  if (params.applicationId !== core.applicationId) throw apiErrors.missingAccess();
  const guildId = params.guildId ?? null;
  if (guildId !== null && !core.world.guilds.get(guildId)?.members.has(core.world.bot.id))
    throw apiErrors.missingAccess();
  return guildId;
}

function existing(core: LoopbackCore, request: RouteRequest): APIApplicationCommand {
  const command = core.commands.scope(scopeOf(core, request)).get(request.params.commandId ?? '');
  if (!command) throw apiErrors.unknownCommand();
  return command;
}

function routesFor(base: string): RouteDefinition[] {
  return [
    {
      method: 'GET',
      template: base,
      auth: 'bot',
      handle: (core, request) => ok([...core.commands.scope(scopeOf(core, request)).values()]),
    },
    {
      method: 'PUT',
      template: base,
      auth: 'bot',
      handle(core, request) {
        const scope = scopeOf(core, request);
        const list = Array.isArray(request.body) ? (request.body as unknown[]) : null;
        if (!list)
          throw apiErrors.invalidFormBody([
            { path: [], code: 'LIST_TYPE_CONVERT', message: 'Must be an array.' },
          ]);
        const issues = list.flatMap((body, i) => validateCommand(body, [i]));
        if (list.length > 100)
          issues.push({ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
        if (issues.length > 0) throw apiErrors.invalidFormBody(issues);
        return ok(core.commands.overwrite(scope, list as Json[]));
      },
    },
    {
      method: 'POST',
      template: base,
      auth: 'bot',
      handle(core, request) {
        const scope = scopeOf(core, request);
        const issues = validateCommand(request.body);
        if (issues.length > 0) throw apiErrors.invalidFormBody(issues);
        return { status: 201, body: core.commands.upsert(scope, request.body as Json) };
      },
    },
    {
      method: 'GET',
      template: `${base}/:commandId`,
      auth: 'bot',
      handle: (core, request) => ok(existing(core, request)),
    },
    {
      method: 'PATCH',
      template: `${base}/:commandId`,
      auth: 'bot',
      handle(core, request) {
        const merged = { ...existing(core, request), ...(isJsonObject(request.body) ? request.body : {}) };
        const issues = validateCommand(merged);
        if (issues.length > 0) throw apiErrors.invalidFormBody(issues);
        return ok(core.commands.upsert(scopeOf(core, request), merged));
      },
    },
    {
      method: 'DELETE',
      template: `${base}/:commandId`,
      auth: 'bot',
      handle(core, request) {
        const command = existing(core, request);
        core.commands.scope(scopeOf(core, request)).delete(command.id);
        return noContent();
      },
    },
  ];
}

export const commandRoutes: RouteDefinition[] = [
  ...routesFor('/applications/:applicationId/commands'),
  ...routesFor('/applications/:applicationId/guilds/:guildId/commands'),
];
