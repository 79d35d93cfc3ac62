import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, apiErrors } from '../apiError.ts';
import type { LoopbackCore } from '../loopbackCore.ts';
import { loopbackRoutes } from '../loopbackRoutes.ts';
import type { RequestRecord } from '../requestRecord.ts';
import { allRoutes } from '../routes/allRoutes.ts';
import { readBody } from './readBody.ts';
import { Router } from './router.ts';

const prefix = '/api/v10';
const interactionCallbackKey = loopbackRoutes.interactionCallback;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.writableEnded || res.destroyed) return;
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The HTTP side: records, applies faults and rate limits, runs the route, answers like Discord. */
export function createRestHandler(core: LoopbackCore) {
  const router = new Router(allRoutes);
  let seq = 0;

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const queryString = q < 0 ? '' : url.slice(q + 1);
    let path: string;
    try {
      path = decodeURIComponent(rawPath.startsWith(prefix) ? rawPath.slice(prefix.length) : rawPath);
    } catch {
      path = rawPath;
    }
    const record: RequestRecord = {
      seq: ++seq,
      method,
      path,
      query: queryString,
      routeKey: null,
      params: {},
      body: undefined,
      status: 0,
      errorCode: null,
      at: core.clock(),
    };
    core.requests.push(record);
    let headers: Record<string, string> = {};

    const answer = (status: number, body: unknown) => {
      record.status = status;
      send(res, status, body, headers);
      core.feed.notify({ kind: 'request' });
    };
    const fail = (error: ApiError) => {
      record.errorCode = error.body.code;
      answer(error.status, error.body);
    };

    try {
      record.body = await readBody(req);
      const match = rawPath.startsWith(prefix)
        ? router.match(method, path)
        : ({ found: false, methodMismatch: false } as const);
      if (!match.found) {
        core.unknownRoutes.push(record);
        fail(match.methodMismatch ? apiErrors.methodNotAllowed() : apiErrors.notFound());
        return;
      }
      record.routeKey = match.key;
      record.params = match.params;
      const { definition } = match;
      const authorized = req.headers.authorization === `Bot ${core.token}`;
      if (definition.auth === 'bot' && !authorized) {
        fail(apiErrors.unauthorized());
        return;
      }

      const fault = core.faults.take({ method, path, routeKey: match.key });
      if (fault?.kind === 'hang') {
        core.faults.hold(res);
        return;
      }
      if (fault?.kind === 'status') {
        fail(new ApiError(fault.status, fault.code, fault.message));
        return;
      }
      if (fault?.kind === 'rateLimit') {
        headers = {
          'Retry-After': (fault.retryAfterMs / 1000).toFixed(3),
          'X-RateLimit-Scope': fault.global ? 'global' : 'user',
        };
        if (fault.global) headers['X-RateLimit-Global'] = 'true';
        core.rateLimited.push(record);
        answer(429, {
          message: 'You are being rate limited.',
          retry_after: fault.retryAfterMs / 1000,
          global: fault.global,
        });
        return;
      }

      // Interaction callbacks are not rate limited like other routes; webhook tokens do not count globally.
      if (match.key !== interactionCallbackKey) {
        const verdict = core.limiter.check(match.key, match.params, definition.auth === 'bot');
        headers = verdict.headers;
        if (verdict.limited) {
          core.rateLimited.push(record);
          answer(429, {
            message: 'You are being rate limited.',
            retry_after: verdict.retryAfterMs / 1000,
            global: verdict.global,
          });
          return;
        }
      }

      const result = definition.handle(core, {
        params: match.params,
        query: new URLSearchParams(queryString),
        body: record.body,
        record,
      });
      answer(result.status, result.body);
    } catch (error) {
      if (error instanceof ApiError) {
        fail(error);
        return;
      }
      record.status = 500;
      send(
        res,
        500,
        { code: 0, message: `500: loopback route failed: ${(error as Error).message}` },
        headers,
      );
      core.feed.notify({ kind: 'request' });
      core.internalErrors.push(error as Error);
    }
  };
}
