import { FaxbotError, type PluginLogger, type ReceivedFax, type StatusUpdate, type WebhookRequest, type WebhookResult } from '@faxbot/plugin-sdk';
import type { PhaxioApiClient } from './phaxio-api.client';
import { PhaxioCallError } from './phaxio-call-failure';
import type { PhaxioConfig } from './phaxio-config';
import { faxbotErrorFor } from './phaxio-error-map';
import type { PhaxioFax } from './phaxio-fax';
import { isKnownPhaxioStatus, statusOfPhaxioFax } from './phaxio-status';
import { documentOfWebhook, documentTypeOf, faxOfWebhook } from './phaxio-webhook-payload';
import { readPhaxioWebhook, type PhaxioWebhookKind } from './read-phaxio-webhook';

/** What webhook handling needs from the running plugin. */
export interface WebhookContext {
  config: Pick<PhaxioConfig, 'webhookToken' | 'verifySignature' | 'inboundVerifySignature'>;
  client: PhaxioApiClient;
  logger: PluginLogger;
}

const OK = { status: 200, body: { status: 'ok' } } as const;

function refuse(status: number, detail: string): WebhookResult {
  return { response: { status, body: { detail } } };
}

/** Calls Phaxio; a failure becomes a retryable error so the host answers 503 and Phaxio retries later. */
async function fromPhaxio<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof PhaxioCallError)) throw error;
    const mapped = faxbotErrorFor(error);
    throw new FaxbotError(mapped.code, mapped.message, { cause: error, retryable: true });
  }
}

async function statusUpdate(context: WebhookContext, fax: PhaxioFax, verified: boolean, event: string | null): Promise<StatusUpdate> {
  // Unsigned (verification off): the body is only a hint; the status comes from Phaxio itself.
  const trusted = verified ? fax : await fromPhaxio(() => context.client.getFax(fax.id, 'status'));
  if (!isKnownPhaxioStatus(trusted.status)) context.logger.warn('phaxio reported an unknown fax status', { providerSid: trusted.id, word: trusted.status });
  context.logger.info('phaxio status callback', { providerSid: trusted.id, event, status: trusted.status, verified });
  return { providerSid: trusted.id, ...statusOfPhaxioFax(trusted) };
}

async function receivedFax(context: WebhookContext, fax: PhaxioFax, bytes: Buffer | null, verified: boolean): Promise<ReceivedFax | null> {
  // Unsigned (verification off): only a fax Phaxio really received is accepted, with its own document.
  const trusted = verified ? fax : await fromPhaxio(() => context.client.getFax(fax.id, 'file'));
  if (!verified && trusted.direction !== null && trusted.direction !== 'received') return null;
  const document = verified && bytes !== null ? bytes : await fromPhaxio(() => context.client.getFaxFile(trusted.id));
  const type = documentTypeOf(document);
  if (type === null) throw new FaxbotError('DOCUMENT_UNREADABLE', 'phaxio: the received document is neither PDF nor TIFF');
  const at = Date.parse(trusted.completedAt ?? trusted.createdAt ?? '');
  context.logger.info('phaxio inbound fax received', { providerSid: trusted.id, pages: trusted.numPages, sizeBytes: document.length, verified });
  return {
    providerSid: trusted.id,
    from: trusted.fromNumber,
    to: trusted.toNumber ?? '',
    pages: trusted.numPages,
    receivedAt: Number.isNaN(at) ? new Date() : new Date(at),
    document: { type, bytes: document },
  };
}

/**
 * Handles a Phaxio webhook: `status` (the per-fax `callback_url`, also `/phaxio-callback`) gives
 * status `updates`; `inbound` (also `/phaxio-inbound`) gives `received` faxes. Refusals answer
 * 401/403/404/405 with `{ detail }` and carry nothing; genuine requests, duplicates included,
 * answer 200 `{ status: 'ok' }` (the host deduplicates). With verification off, the body is only a
 * hint and the facts are fetched from Phaxio by id.
 */
export async function handlePhaxioWebhook(context: WebhookContext, request: WebhookRequest, forced?: PhaxioWebhookKind): Promise<WebhookResult> {
  const reading = readPhaxioWebhook(request, { webhookToken: context.config.webhookToken, verifySignature: context.config.verifySignature, inboundVerifySignature: context.config.inboundVerifySignature }, forced);
  if (!reading.ok) {
    context.logger.warn('phaxio webhook refused', { path: request.path, status: reading.status, reason: reading.detail });
    return refuse(reading.status, reading.detail);
  }
  const fax = faxOfWebhook(reading.parts);
  if (fax === null) {
    context.logger.warn('phaxio webhook without a readable fax object', { path: request.path });
    return refuse(400, 'Malformed Phaxio webhook: no fax object');
  }
  if (reading.kind === 'status') {
    const event = reading.parts.find((part) => part.name === 'event_type')?.bytes.toString('utf8') ?? null;
    return { response: { ...OK }, updates: [await statusUpdate(context, fax, reading.verified, event)] };
  }
  const received = await receivedFax(context, fax, documentOfWebhook(reading.parts), reading.verified);
  if (received === null) {
    context.logger.warn('phaxio inbound webhook names a fax that was not received', { providerSid: fax.id });
    return refuse(400, 'Not a received fax');
  }
  return { response: { ...OK }, received: [received] };
}
