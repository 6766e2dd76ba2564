import { isAbsolute } from 'node:path';
import type { ConfigValidationResult } from '@faxbot/plugin-sdk';
import type { LoopbackConfig } from './loopback-config';

const COUNTERS = ['deliveryDelayMs', 'slowLineDelayMs', 'transientFailures'] as const;

/**
 * Checks what the JSON Schema cannot express (an outbox path must be absolute, because a relative
 * one would depend on the host's working directory) and repeats the range checks for callers that
 * bypass the schema.
 */
export function checkLoopbackConfig(config: LoopbackConfig): ConfigValidationResult {
  const errors: string[] = [];
  if (typeof config.outboxDir !== 'string') {
    errors.push('config.outboxDir: must be a string');
  } else if (config.outboxDir !== '' && !isAbsolute(config.outboxDir)) {
    errors.push('config.outboxDir: must be an absolute path, or empty for <dataDir>/outbox');
  }
  for (const field of COUNTERS) {
    const value = config[field];
    if (!Number.isSafeInteger(value) || value < 0) errors.push(`config.${field}: must be an integer >= 0`);
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
