import { FaxbotError } from '@faxbot/plugin-sdk';
import { describeFailure, isOutageStatus, type PhaxioCallError, type PhaxioOperation } from './phaxio-call-failure';

const WHAT: Record<PhaxioOperation, string> = {
  send: 'sending the fax',
  lookup: 'looking up an earlier send of this attempt',
  status: 'reading the fax status',
  cancel: 'cancelling the fax',
  file: 'downloading the received fax',
};

/** Options of {@link faxbotErrorFor}. */
export interface ErrorMapOptions {
  /** For `lookup`: a send under this idempotency key was already posted once, so its outcome is open. */
  attemptedBefore?: boolean;
}

/**
 * Turns a failed Phaxio request into the `FaxbotError` the host acts on. For sends, `retryable`
 * is true only when Phaxio certainly kept nothing (429/5xx after the caller confirmed no fax
 * exists, or no connection at all); an open outcome (no answer, a dropped connection) is
 * `PROVIDER_TIMEOUT`, not retryable, so the host retries with the same key and the tag lookup
 * finds the fax. Status reads stay retryable except for an unknown fax (404), so a hiccup never
 * fails a fax that may have gone out. Messages carry the HTTP status at most.
 */
export function faxbotErrorFor(error: PhaxioCallError, options: ErrorMapOptions = {}): FaxbotError {
  const { operation, failure } = error;
  const message = `phaxio: ${WHAT[operation]} failed (${describeFailure(failure)})`;
  const cause = error;
  const polling = operation === 'status' || operation === 'file';

  if (failure.kind === 'http') {
    const { status } = failure;
    if (status === 401 || status === 403) {
      return new FaxbotError('PROVIDER_AUTH_FAILED', `phaxio: Phaxio refused the API credentials while ${WHAT[operation]} (HTTP ${status})`, { cause, retryable: polling });
    }
    if (isOutageStatus(status)) {
      if (operation === 'lookup' && options.attemptedBefore === true) return unknownOutcome(message, cause);
      return new FaxbotError('PROVIDER_UNAVAILABLE', message, { cause, retryable: true });
    }
    if (status === 404) return new FaxbotError('PROVIDER_REJECTED', `phaxio: Phaxio does not know this fax or endpoint while ${WHAT[operation]} (HTTP 404)`, { cause });
    if (operation === 'send' && /phone|number|\bto\b/i.test(failure.message ?? '')) {
      return new FaxbotError('NUMBER_INVALID', `phaxio: Phaxio refused the destination number (HTTP ${status})`, { cause });
    }
    return new FaxbotError('PROVIDER_REJECTED', `phaxio: Phaxio refused ${WHAT[operation]} (HTTP ${status})`, { cause, retryable: polling });
  }

  switch (operation) {
    case 'send':
      if (failure.kind === 'refused') return new FaxbotError('PROVIDER_UNAVAILABLE', message, { cause, retryable: true });
      return unknownOutcome(message, cause);
    case 'lookup':
      if (options.attemptedBefore === true) return unknownOutcome(message, cause);
      return new FaxbotError(failure.kind === 'timeout' ? 'PROVIDER_TIMEOUT' : 'PROVIDER_UNAVAILABLE', message, { cause, retryable: true });
    case 'cancel':
      return new FaxbotError(failure.kind === 'timeout' ? 'PROVIDER_TIMEOUT' : 'PROVIDER_UNAVAILABLE', message, { cause, retryable: failure.kind === 'refused' });
    default:
      return new FaxbotError(failure.kind === 'timeout' ? 'PROVIDER_TIMEOUT' : 'PROVIDER_UNAVAILABLE', message, { cause, retryable: true });
  }
}

/** Phaxio may or may not have the fax: retry with the same key (the tag lookup then finds it). */
function unknownOutcome(message: string, cause: unknown): FaxbotError {
  return new FaxbotError('PROVIDER_TIMEOUT', `${message}; the outcome is unknown, retry with the same idempotency key`, { cause, retryable: false });
}
