import { FaxbotError, type PluginLogger, type SendOptions, type SendResult } from '@faxbot/plugin-sdk';
import type { PhaxioApiClient } from './phaxio-api.client';
import { isOutageStatus, PhaxioCallError } from './phaxio-call-failure';
import type { PhaxioConfig } from './phaxio-config';
import { faxbotErrorFor } from './phaxio-error-map';
import type { PhaxioFax } from './phaxio-fax';
import { buildSendForm, IDEMPOTENCY_TAG } from './phaxio-send-form';
import { statusOfPhaxioFax } from './phaxio-status';
import { maskNumber, toE164 } from './phone-number';
import type { SendAttemptJournal } from './send-attempt.journal';

/** What a send needs from the running plugin. */
export interface SendContext {
  config: PhaxioConfig;
  client: PhaxioApiClient;
  journal: SendAttemptJournal;
  logger: PluginLogger;
  callbackUrl: string;
}

/** The earliest fax Phaxio lists under this idempotency key, or null. */
async function earlierFax(context: SendContext, key: string, signal: AbortSignal | undefined): Promise<PhaxioFax | null> {
  const faxes = await context.client.findFaxesByTag(IDEMPOTENCY_TAG, key, signal);
  if (faxes.length === 0) return null;
  return [...faxes].sort((a, b) => Date.parse(a.createdAt ?? '') - Date.parse(b.createdAt ?? '') || Number(a.id) - Number(b.id))[0] ?? null;
}

function resultOf(fax: PhaxioFax): SendResult {
  return { providerSid: fax.id, ...statusOfPhaxioFax(fax) };
}

function asFaxbotError(error: unknown, attemptedBefore = false): unknown {
  return error instanceof PhaxioCallError ? faxbotErrorFor(error, { attemptedBefore }) : error;
}

/**
 * Decides what a failed `POST /faxes` means. After a 5xx/429 answer Phaxio may still have queued
 * the fax, so it is looked up by key: found, it is the result; certainly absent, the error is
 * retryable; unknown (the lookup failed too), the host must retry with the same key.
 */
async function afterFailedSend(
  context: SendContext,
  key: string,
  error: unknown,
  logFields: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<SendResult> {
  let mapped = asFaxbotError(error);
  if (error instanceof PhaxioCallError && error.failure.kind === 'http' && isOutageStatus(error.failure.status)) {
    const status = error.failure.status;
    try {
      const kept = await earlierFax(context, key, signal);
      if (kept !== null) {
        context.logger.warn('phaxio answered the send with an error but kept the fax', { ...logFields, providerSid: kept.id, httpStatus: status });
        return resultOf(kept);
      }
    } catch (lookupError) {
      mapped = new FaxbotError('PROVIDER_TIMEOUT', `phaxio: sending failed (HTTP ${status}) and whether Phaxio kept the fax could not be checked; retry with the same idempotency key`, {
        cause: lookupError,
      });
    }
  }
  context.logger.warn('phaxio send failed', { ...logFields, code: FaxbotError.is(mapped) ? mapped.code : 'UNKNOWN', retryable: FaxbotError.is(mapped) && mapped.retryable });
  throw mapped;
}

/**
 * Sends one fax, at most once per idempotency key: Phaxio is first asked for a fax tagged with the
 * key (the host repeats a key when an earlier outcome is unknown) and that fax is returned if
 * there is one. A 5xx/429 answer to the send is double-checked the same way before it is reported
 * retryable, since Phaxio may have kept the fax anyway.
 */
export async function sendPhaxioFax(context: SendContext, options: SendOptions): Promise<SendResult> {
  const to = toE164(options.to);
  const key = options.idempotencyKey;
  const logFields = { jobId: options.jobId, destination: maskNumber(to) };
  const attemptedBefore = await context.journal.wasAttempted(key);

  let earlier: PhaxioFax | null;
  try {
    earlier = await earlierFax(context, key, options.signal);
  } catch (error) {
    throw asFaxbotError(error, attemptedBefore);
  }
  if (earlier !== null) {
    context.logger.info('phaxio send repeated; returning the fax already submitted under this key', { ...logFields, providerSid: earlier.id });
    return resultOf(earlier);
  }

  const form = await buildSendForm({ to, document: options.document, jobId: options.jobId, idempotencyKey: key, callbackUrl: context.callbackUrl, config: context.config });
  try {
    await context.journal.markAttempted(key);
  } catch (error) {
    throw new FaxbotError('INTERNAL', 'phaxio: cannot record the send attempt in the instance data directory', { cause: error, retryable: true });
  }

  let providerSid: string;
  try {
    providerSid = await context.client.createFax(form, options.signal);
  } catch (error) {
    return afterFailedSend(context, key, error, logFields, options.signal);
  }
  context.logger.info('phaxio fax submitted', { ...logFields, providerSid, delivery: context.config.documentDelivery });
  return { providerSid, status: 'in_progress' };
}
