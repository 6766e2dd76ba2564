import { Router, type RequestHandler } from 'express';
import type { FaxbotEvent, Unsubscribe } from '@faxbot/plugin-sdk';
import type { Logger } from '@faxbot/audit';
import type { Scope } from '../auth/scopes';
import { ApiError } from '../errors/api-error';
import { principalOf } from '../http/auth/require-scope.middleware';
import type { EventBus } from './event-bus';
import { isEventPattern, matchesEventPattern } from './event-pattern';

/** Services the event stream uses. */
export interface EventsRouterDeps {
  bus: EventBus;
  logger: Logger;
  requireScope: (scope: Scope) => RequestHandler;
  /** Interval of the keep-alive comment; 15 000 in production. */
  heartbeatMs: number;
}

// A client that reads slower than events arrive is cut off rather than buffered without bound.
const MAX_BUFFERED_BYTES = 1024 * 1024;

function parsePatterns(raw: unknown): string[] {
  if (raw === undefined) return ['*'];
  if (typeof raw !== 'string') throw new ApiError('BAD_REQUEST', 'types must be a comma-separated list of event names');
  const patterns = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (patterns.length === 0 || patterns.length > 50 || !patterns.every(isEventPattern)) {
    throw new ApiError('BAD_REQUEST', 'types must be a comma-separated list of event names (a name, prefix.* or *)');
  }
  return patterns;
}

function frame(event: FaxbotEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * `GET /events`: the event bus as Server-Sent Events for admins. Authentication and the `types`
 * filter are checked before the stream starts, so refusals are ordinary JSON errors. A client that
 * reconnects with `Last-Event-ID` first gets the kept events it missed.
 */
export function createEventsRouter(deps: EventsRouterDeps): Router {
  const router = Router();
  router.get('/events', deps.requireScope('admin:events:read'), (request, response, next) => {
    let patterns: string[];
    try {
      patterns = parsePatterns(request.query['types']);
    } catch (error) {
      next(error);
      return;
    }
    const keyId = principalOf(response).keyId;
    const wanted = (event: FaxbotEvent): boolean => patterns.some((pattern) => matchesEventPattern(pattern, event.type));
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Tells nginx-style proxies not to buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    response.write(': connected\n\n');

    let open = true;
    let unsubscribe: Unsubscribe = () => undefined;
    const heartbeat = setInterval(() => {
      if (open) response.write(': heartbeat\n\n');
    }, deps.heartbeatMs);
    heartbeat.unref();
    const close = (): void => {
      if (!open) return;
      open = false;
      unsubscribe();
      clearInterval(heartbeat);
      response.end();
      deps.logger.info({ keyId }, 'event stream closed');
    };
    const send = (event: FaxbotEvent): void => {
      if (!open || !wanted(event)) return;
      response.write(frame(event));
      if (response.writableLength > MAX_BUFFERED_BYTES) {
        deps.logger.warn({ keyId, buffered: response.writableLength }, 'event stream client too slow; closing');
        close();
      }
    };

    const lastId = Number(request.header('last-event-id'));
    if (Number.isInteger(lastId) && lastId >= 0) for (const event of deps.bus.since(lastId)) send(event);
    if (!open) return;
    unsubscribe = deps.bus.subscribe('*', send, { name: `sse:${keyId}` });
    // The response's 'close' means the client went away (the request's fires once its body is read).
    response.on('close', close);
    deps.logger.info({ keyId, types: patterns }, 'event stream opened');
  });
  return router;
}
