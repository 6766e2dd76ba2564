import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { WebhookRequest } from '@faxbot/plugin-sdk';
import { ApiError } from '../errors/api-error';
import { readRawBody } from './raw-body.reader';
import { jsonAnswer, type WebhookAnswer } from './webhook-answer';
import type { WebhookReceiver } from './webhook.receiver';

/** Methods providers use for callbacks; the manifest's `webhooks[].methods` use the same words. */
const METHODS = ['GET', 'POST', 'PUT'];

/** Settings of the webhook route. */
export interface WebhookRouterDeps {
  receiver: WebhookReceiver;
  publicApiUrl: string;
  maxBodyBytes: number;
}

function write(response: Response, answer: WebhookAnswer): void {
  response.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  response.end(answer.body);
}

function subPath(request: Request): string {
  const segments = request.params['path'] as unknown;
  return Array.isArray(segments) ? segments.join('/') : '';
}

function headersOf(request: Request): WebhookRequest['headers'] {
  // Node already lower-cases header names; copy into a plain object the plugin may keep.
  return { ...request.headers };
}

/**
 * `/webhooks/{instanceId}` and `/webhooks/{instanceId}/{path...}`: provider callbacks, with no API
 * key (plugins verify the provider's signature). Must be mounted before any body parser: it reads
 * the raw bytes itself, within `maxBodyBytes`, and hands them to the instance's `handleWebhook`.
 */
export function createWebhookRouter(deps: WebhookRouterDeps): Router {
  const router = Router();
  const handle: RequestHandler = async (request, response) => {
    const started = Date.now();
    const instanceId = String(request.params['instanceId']);
    const path = subPath(request);
    let bytes = 0;
    let updates = 0;
    try {
      if (!METHODS.includes(request.method)) {
        write(response, jsonAnswer(405, { detail: 'Method Not Allowed' }, { allow: METHODS.join(', ') }));
        return;
      }
      const admitted = deps.receiver.admit(instanceId);
      if (!admitted.ok) {
        write(response, admitted.answer);
        return;
      }
      let rawBody: Buffer;
      try {
        rawBody = await readRawBody(request, deps.maxBodyBytes);
      } catch (error) {
        const detail = error instanceof ApiError ? error.detail : 'Request body was interrupted';
        const status = error instanceof ApiError && error.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400;
        // The rest of the body is not read: close the connection instead of draining it.
        write(response, jsonAnswer(status, { detail }, { connection: 'close' }));
        return;
      }
      bytes = rawBody.length;
      const delivered = await deps.receiver.deliver(admitted.target, {
        method: request.method,
        path,
        url: `${deps.publicApiUrl}${request.originalUrl}`,
        headers: headersOf(request),
        query: { ...(request.query as WebhookRequest['query']) },
        rawBody,
      });
      updates = delivered.updates;
      write(response, delivered.answer);
    } catch {
      if (!response.headersSent) write(response, jsonAnswer(500, { detail: 'Webhook handling failed' }));
      else response.destroy();
    } finally {
      deps.receiver.audit({ instanceId, method: request.method, path, status: response.statusCode, bytes, ms: Date.now() - started, updates });
    }
  };
  router.all('/webhooks/:instanceId', handle);
  router.all('/webhooks/:instanceId/*path', handle);
  return router;
}
