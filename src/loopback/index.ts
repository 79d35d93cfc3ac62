export type { FormIssue } from './apiError.ts';
export type { AttachmentUpload } from './attachmentStore.ts';
export type { LoopbackChange, WaitOptions } from './changeFeed.ts';
export { type Clock, createTestClock, type TestClock } from './clock.ts';
export type { CommandInvocation, OptionValue } from './commandInvocation.ts';
export type { Faults, FaultTarget, RouteMatcher } from './faults.ts';
export type { GatewayControl } from './gatewayControl.ts';
export type { ShardKey } from './gatewayServer.ts';
export type { InteractionHandle } from './interactionHandle.ts';
export type { InteractionAck, InteractionKind, InteractionRecord } from './interactionRecord.ts';
export type { LoopbackOptions } from './loopbackCore.ts';
export type { LoopbackDriver, MessageFilter } from './loopbackDriver.ts';
export { type LoopbackRouteKey, loopbackRoutes } from './loopbackRoutes.ts';
export type { MemberDriver, Where } from './memberDriver.ts';
export { discordRateLimits, noRateLimits, type RateLimitConfig, type RateLimitRule } from './rateLimiter.ts';
export type { RequestRecord } from './requestRecord.ts';
export { shardOf } from './shardOf.ts';
export { type Loopback, startLoopback } from './startLoopback.ts';
export { allVersions, type MessageVersion, type StoredMessage } from './storedMessage.ts';
export { testClientOptions } from './testClientOptions.ts';
export type {
  AddMemberOptions,
  Channel,
  CreateGuildOptions,
  Guild,
  Member,
  Role,
  User,
  World,
} from './world.ts';
