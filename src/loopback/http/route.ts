import type { LoopbackCore } from '../loopbackCore.ts';
import type { RequestRecord } from '../requestRecord.ts';

export interface RouteRequest {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  body: unknown;
  record: RequestRecord;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
}

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below `/api/v10` with `:name` parameters. */
  template: string;
  /** 'bot' needs `Authorization: Bot <token>`; webhook-token routes need none, as on Discord. */
  auth: 'bot' | 'none';
  handle(core: LoopbackCore, request: RouteRequest): RouteResponse;
}

export const ok = (body: unknown): RouteResponse => ({ status: 200, body });
export const noContent = (): RouteResponse => ({ status: 204 });
