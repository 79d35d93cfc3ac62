/** Route keys (`METHOD /template`) for faults and rate-limit rules, so tests need not spell them. */
export const loopbackRoutes = {
  gatewayBot: 'GET /gateway/bot',
  currentUser: 'GET /users/@me',
  putGlobalCommands: 'PUT /applications/:applicationId/commands',
  putGuildCommands: 'PUT /applications/:applicationId/guilds/:guildId/commands',
  interactionCallback: 'POST /interactions/:interactionId/:token/callback',
  followUp: 'POST /webhooks/:applicationId/:token',
  getWebhookMessage: 'GET /webhooks/:applicationId/:token/messages/:messageId',
  editWebhookMessage: 'PATCH /webhooks/:applicationId/:token/messages/:messageId',
  deleteWebhookMessage: 'DELETE /webhooks/:applicationId/:token/messages/:messageId',
  getChannel: 'GET /channels/:channelId',
  listMessages: 'GET /channels/:channelId/messages',
  getMessage: 'GET /channels/:channelId/messages/:messageId',
  createMessage: 'POST /channels/:channelId/messages',
  editMessage: 'PATCH /channels/:channelId/messages/:messageId',
  deleteMessage: 'DELETE /channels/:channelId/messages/:messageId',
} as const;

export type LoopbackRouteKey = (typeof loopbackRoutes)[keyof typeof loopbackRoutes];
