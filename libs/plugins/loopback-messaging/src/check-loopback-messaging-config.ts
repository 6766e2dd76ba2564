import type { ConfigValidationResult } from '@faxbot/plugin-sdk';
import type { LoopbackMessagingConfig } from './loopback-messaging-config';

// A secret shorter than this is guessable; the webhooks change message state.
const MIN_SECRET_LENGTH = 16;

/**
 * Repeats the schema's checks for callers that bypass it, and adds what the schema cannot say: a
 * webhook secret, when set, must be long enough to be a secret.
 */
export function checkLoopbackMessagingConfig(config: LoopbackMessagingConfig): ConfigValidationResult {
  const errors: string[] = [];
  if (!Number.isSafeInteger(config.deliveryDelayMs) || config.deliveryDelayMs < 0) errors.push('config.deliveryDelayMs: must be an integer >= 0');
  if (typeof config.webhookSecret !== 'string') errors.push('config.webhookSecret: must be a string');
  else if (config.webhookSecret !== '' && config.webhookSecret.length < MIN_SECRET_LENGTH) {
    errors.push(`config.webhookSecret: must be empty or at least ${MIN_SECRET_LENGTH} characters`);
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
