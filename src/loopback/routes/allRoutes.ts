import type { RouteDefinition } from '../http/route.ts';
import { botRoutes } from './botRoutes.ts';
import { channelRoutes } from './channelRoutes.ts';
import { commandRoutes } from './commandRoutes.ts';
import { guildRoutes } from './guildRoutes.ts';
import { interactionCallbackRoute } from './interactionCallbackRoute.ts';
import { webhookRoutes } from './webhookRoutes.ts';

/** Every route the loopback serves; anything else answers 404 and is recorded in `unknownRoutes`. */
export const allRoutes: readonly RouteDefinition[] = [
  ...botRoutes,
  ...commandRoutes,
  interactionCallbackRoute,
  ...webhookRoutes,
  ...channelRoutes,
  ...guildRoutes,
];
