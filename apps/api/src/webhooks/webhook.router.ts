import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { WebhookRequest } from '@faxbot/plugin-sdk';
import { ApiError } from '../errors/api-error';
import { readRawBody } from './raw-body.reader';
import { jsonAnswer, type WebhookAnswer } from './webhook-answer';
import type { WebhookDelivery, WebhookReceiver } from './webhook.receiver';

/** Methods providers use for callbacks; the manifest's `webhooks[].methods` use the same words. */
const METHODS = ['GET', 'POST', 'PUT'];

/** An endpoint of the original Faxbot, kept and routed to the default instance of its plugin. */
export interface LegacyWebhookRoute {
  route: string;
  instanceId: string;
  /** The `path` the plugin sees. */
  path: string;
  /** The original answered with the stored inbound fax's id (`{"id","status":"ok"}`). */
  answersWithInboundId?: boolean;
}

/** The original provider callback endpoints (faxbot-anchor §1.4) and where they now go. */
export const LEGACY_WEBHOOK_ROUTES: readonly LegacyWebhookRoute[] = [
  { route: '/phaxio-callback', instanceId: 'phaxio', path: 'status' },
  { route: '/phaxio-inbound', instanceId: 'phaxio', path: 'inbound' },
  { route: '/sinch-inbound', instanceId: 'sinch', path: 'inbound' },
  { route: '/_internal/asterisk/inbound', instanceId: 'sip', path: 'inbound', answersWithInboundId: true },
];

/** The plugin's answer, with the original's `{ id, status }` shape where the original had it. */
function legacyAnswer(legacy: LegacyWebhookRoute, delivered: WebhookDelivery): WebhookAnswer {
  const id = delivered.inboundIds[0];
  if (legacy.answersWithInboundId !== true || id === undefined || delivered.answer.status < 200 || delivered.answer.status > 299) return delivered.answer;
  return jsonAnswer(delivered.answer.status, { id, status: 'ok' });
}

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
 * `/webhooks/{instanceId}` and `/webhooks/{instanceId}/{path...}`, plus the original endpoints in
 * {@link LEGACY_WEBHOOK_ROUTES}: provider callbacks, with no API key (plugins verify the
 * provider's signature or shared secret). Must be mounted before any body parser: it reads
 * the raw bytes itself, within `maxBodyBytes`, and hands them to the instance's `handleWebhook`.
 */
export function createWebhookRouter(deps: WebhookRouterDeps): Router {
  const router = Router();
  const handle = async (request: Request, response: Response, instanceId: string, path: string, legacy?: LegacyWebhookRoute): Promise<void> => {
    const started = Date.now();
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
      write(response, legacy === undefined ? delivered.answer : legacyAnswer(legacy, delivered));
    } catch {
      if (!response.headersSent) write(response, jsonAnswer(500, { detail: 'Webhook handling failed' }));
      else response.destroy();
    } finally {
      deps.receiver.audit({ instanceId, method: request.method, path, status: response.statusCode, bytes, ms: Date.now() - started, updates });
    }
  };
  const route: RequestHandler = (request, response) => handle(request, response, String(request.params['instanceId']), subPath(request));
  router.all('/webhooks/:instanceId', route);
  router.all('/webhooks/:instanceId/*path', route);
  for (const legacy of LEGACY_WEBHOOK_ROUTES) {
    router.all(legacy.route, (request, response) => handle(request, response, legacy.instanceId, legacy.path, legacy));
  }
  return router;
}
