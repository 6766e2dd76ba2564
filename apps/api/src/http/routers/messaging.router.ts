import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from '@faxbot/audit';
import type { Scope } from '../../auth/scopes';
import { ApiError } from '../../errors/api-error';
import type { ActiveMessaging } from '../../messaging/active-messaging';
import { toConversationDto, toMessageDto } from '../../messaging/message.dto';
import { idempotencyKeyOf, isPlausibleId, pageCursor, pageLimit, parseReply, parseSendMessage } from '../../messaging/message-request';
import { apiErrorFromPlugin, failureFields } from '../../messaging/messaging-failure';
import { principalOf } from '../auth/require-scope.middleware';

/** Services the messaging routes use. */
export interface MessagingRouterDeps {
  /** The active messaging instance right now, or null (see MessagingGateway). */
  active: () => ActiveMessaging | null;
  logger: Logger;
  publicApiUrl: string;
  requireScope: (scope: Scope) => RequestHandler;
}

function single(request: Request, name: string): unknown {
  const value = request.query[name];
  if (value !== undefined && typeof value !== 'string') throw new ApiError('BAD_REQUEST', `Query parameter ${name} must be given once`);
  return value;
}

/**
 * Messages through the active messaging plugin: `POST /messages`, `GET /messages/{id}`,
 * `GET /conversations` and `POST /conversations/{id}/messages`. The plugin keeps the messages;
 * these routes validate, dispatch and audit (ids and outcome, never a number or a text). With no
 * messaging plugin running, every route answers 404 `Messaging not enabled` after its auth check.
 */
export function createMessagingRouter(deps: MessagingRouterDeps): Router {
  const router = Router();
  const json = express.json({ limit: '64kb' });
  const keyIdOf = (response: Response): string => principalOf(response).keyId;

  const route =
    (work: (request: Request, response: Response, messaging: ActiveMessaging) => Promise<void>, notSupported?: string): RequestHandler =>
    async (request, response, next) => {
      const messaging = deps.active();
      if (messaging === null) return next(new ApiError('NOT_FOUND', 'Messaging not enabled'));
      try {
        await work(request, response, messaging);
      } catch (error) {
        if (!(error instanceof ApiError)) deps.logger.warn({ instance: messaging.instanceId, path: request.route?.path, ...failureFields(error) }, 'messaging plugin call failed');
        next(apiErrorFromPlugin(error, notSupported));
      }
    };

  const audit = (event: string, response: Response, fields: Record<string, unknown>): void => {
    deps.logger.info({ event, keyId: keyIdOf(response), ...fields }, 'messaging audit');
  };

  router.post('/messages', deps.requireScope('messages:send'), json, route(async (request, response, messaging) => {
    const input = parseSendMessage(request.body);
    const idempotencyKey = idempotencyKeyOf(request.header('idempotency-key'), keyIdOf(response));
    const message = await messaging.sendMessage({ to: input.to, text: input.text, idempotencyKey });
    audit('message.sent', response, { messageId: message.id, conversationId: message.conversationId, instance: messaging.instanceId, status: message.status });
    response.status(202).json(toMessageDto(message, messaging.instanceId));
  }));

  router.get('/messages/:id', deps.requireScope('messages:read'), route(async (request, response, messaging) => {
    const id = String(request.params['id']);
    const message = isPlausibleId(id) ? await messaging.getMessage(id) : null;
    if (message === null) throw new ApiError('NOT_FOUND', 'Message not found');
    audit('message.viewed', response, { messageId: message.id, instance: messaging.instanceId });
    response.json(toMessageDto(message, messaging.instanceId));
  }));

  router.get('/conversations', deps.requireScope('messages:read'), route(async (request, response, messaging) => {
    const limit = pageLimit(single(request, 'limit'));
    const cursor = pageCursor(single(request, 'cursor'));
    if (messaging.listConversations === undefined) throw new ApiError('NOT_FOUND', 'Conversations not enabled');
    const page = await messaging.listConversations({ limit, ...(cursor === undefined ? {} : { cursor }) });
    if (page.nextCursor !== undefined) {
      response.set('X-Next-Cursor', page.nextCursor);
      const search = new URLSearchParams({ limit: String(limit), cursor: page.nextCursor });
      response.set('Link', `<${deps.publicApiUrl}/conversations?${search.toString()}>; rel="next"`);
    }
    audit('conversations.listed', response, { count: page.items.length, instance: messaging.instanceId });
    response.json(page.items.map((conversation) => toConversationDto(conversation, messaging.instanceId)));
  }, 'Invalid cursor'));

  router.post('/conversations/:id/messages', deps.requireScope('messages:send'), json, route(async (request, response, messaging) => {
    const id = String(request.params['id']);
    const input = parseReply(request.body);
    if (messaging.replyToConversation === undefined) throw new ApiError('NOT_FOUND', 'Conversations not enabled');
    const idempotencyKey = idempotencyKeyOf(request.header('idempotency-key'), keyIdOf(response));
    const message = isPlausibleId(id) ? await messaging.replyToConversation({ conversationId: id, text: input.text, idempotencyKey }) : null;
    if (message === null) throw new ApiError('NOT_FOUND', 'Conversation not found');
    audit('message.sent', response, { messageId: message.id, conversationId: message.conversationId, instance: messaging.instanceId, status: message.status, reply: true });
    response.status(202).json(toMessageDto(message, messaging.instanceId));
  }));

  return router;
}
