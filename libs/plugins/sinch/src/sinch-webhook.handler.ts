import type { PluginLogger, ReceivedFax, WebhookRequest, WebhookResult } from '@faxbot/plugin-sdk';
import type { SinchApiClient } from './sinch-api.client';
import type { SinchConfig } from './sinch-config';
import type { SinchFax } from './sinch-fax';
import { sinchStatus } from './sinch-status';
import { parseSinchCallback, SinchCallbackParseError, type SinchCallbackBody } from './parse-sinch-callback';
import { verifySinchCallback } from './verify-sinch-callback';

/** Sub-paths Sinch calls: per-fax status callbacks and the Service's incoming-fax URL. */
const PATHS = new Set(['status', 'inbound']);

function answer(status: number, body: Record<string, unknown>, headers?: Record<string, string>): WebhookResult {
  return { response: headers === undefined ? { status, body } : { status, body, headers } };
}

function contentTypeOf(request: WebhookRequest): string {
  const value = request.headers['content-type'];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/**
 * Handles Sinch callbacks (`FAX_COMPLETED` on `status`, `INCOMING_FAX` on `inbound`; the host
 * routes the original `/sinch-inbound` to `inbound` too). In order:
 *
 * 1. verify the configured callback credentials (401 when they do not match or none are set);
 * 2. read the fax id from the body (400 when there is none);
 * 3. fetch that fax from the API (403 when the project does not know it) and report what the
 *    **API** says — status, pages, numbers, and for inbound faxes the document from
 *    `file.pdf` — so a body altered by someone holding the credentials changes nothing.
 *
 * The API's `direction` decides whether a callback is a status update or a received fax, so a
 * callback sent to the other path is still understood. Duplicates get the same answer (the host
 * dedupes). An API outage throws a retryable error: the host answers 503 and Sinch retries.
 */
export class SinchWebhookHandler {
  constructor(
    private readonly config: SinchConfig,
    private readonly client: SinchApiClient,
    private readonly logger: PluginLogger,
  ) {}

  async handle(request: WebhookRequest): Promise<WebhookResult> {
    if (!PATHS.has(request.path)) return answer(404, { detail: 'Unknown Sinch webhook path (use status or inbound)' });
    if (request.method !== 'POST' && request.method !== 'PUT') return answer(405, { detail: 'Sinch callbacks are POST requests' });
    const verdict = verifySinchCallback(request, this.config);
    if (!verdict.ok) {
      this.logger.warn('sinch callback refused', { path: request.path, reason: verdict.detail === 'Invalid signature' || verdict.detail === 'Invalid basic auth' ? verdict.detail : 'no callback credentials configured' });
      return answer(401, { detail: verdict.detail }, verdict.headers);
    }
    let body: SinchCallbackBody;
    try {
      body = await parseSinchCallback(request.rawBody, contentTypeOf(request));
    } catch (error) {
      if (!(error instanceof SinchCallbackParseError)) throw error;
      this.logger.warn('sinch callback unreadable', { path: request.path, reason: error.message });
      return answer(400, { detail: `Malformed Sinch callback: ${error.message}` });
    }
    const fax = await this.client.getFax(body.faxId);
    if (fax === null) {
      this.logger.warn('sinch callback for a fax the API does not know', { path: request.path, event: body.event });
      return answer(403, { detail: 'Unknown fax' });
    }
    const direction = fax.direction ?? (request.path === 'inbound' ? 'INBOUND' : 'OUTBOUND');
    return direction === 'INBOUND' ? this.received(request, body, fax) : this.statusUpdate(request, body, fax);
  }

  private statusUpdate(request: WebhookRequest, body: SinchCallbackBody, fax: SinchFax): WebhookResult {
    const { known: _known, ...status } = sinchStatus(fax);
    this.logger.info('sinch status callback', { path: request.path, event: body.event, providerSid: fax.id, sinchStatus: fax.status ?? null, status: status.status });
    return { response: { status: 200, body: { status: 'ok' } }, updates: [{ providerSid: fax.id, ...status }] };
  }

  private async received(request: WebhookRequest, body: SinchCallbackBody, fax: SinchFax): Promise<WebhookResult> {
    if (fax.status !== 'COMPLETED') {
      // Nothing to store (a reception that failed or is still running); Sinch need not retry.
      this.logger.info('sinch inbound callback without a completed fax', { path: request.path, providerSid: fax.id, sinchStatus: fax.status ?? null });
      return answer(200, { status: 'ignored' });
    }
    // The API's copy is the truth; a callback's own file is used only when Sinch keeps none
    // (storage disabled), and then the callback's credentials are what vouches for it.
    const stored = await this.client.getFaxFile(fax.id);
    const bytes = stored ?? body.file;
    if (bytes === null || bytes.length === 0) {
      this.logger.error('sinch inbound fax has no document', { providerSid: fax.id });
      return answer(200, { status: 'ignored' });
    }
    const received: ReceivedFax = {
      providerSid: fax.id,
      from: fax.from ?? null,
      to: fax.to ?? '',
      pages: fax.numberOfPages ?? null,
      receivedAt: timeOf(fax.completedTime ?? fax.createTime),
      document: { type: isTiff(bytes) ? 'tiff' : 'pdf', bytes },
    };
    this.logger.info('sinch fax received', { path: request.path, providerSid: fax.id, pages: received.pages, bytes: bytes.length, documentFrom: stored === null ? 'callback' : 'api' });
    return { response: { status: 200, body: { status: 'ok' } }, received: [received] };
  }
}

function timeOf(text: string | undefined): Date {
  const time = text === undefined ? NaN : Date.parse(text);
  return new Date(Number.isNaN(time) ? Date.now() : time);
}

function isTiff(bytes: Buffer): boolean {
  const magic = bytes.subarray(0, 4).toString('latin1');
  return magic === 'II*\u0000' || magic === 'MM\u0000*';
}
