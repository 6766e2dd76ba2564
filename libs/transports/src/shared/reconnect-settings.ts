import type { ReconnectOptions } from '@faxbot/plugin-sdk';

/** Reconnect settings with every field resolved. */
export interface ReconnectSettings {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failed attempts in a row before giving up; `Infinity` never gives up. */
  maxAttempts: number;
}

const DEFAULT_RECONNECT: ReconnectSettings = { baseDelayMs: 500, maxDelayMs: 30_000, maxAttempts: Number.POSITIVE_INFINITY };

/**
 * Merges a connection's reconnect option over the transport's defaults; null when reconnecting is
 * off (`false`).
 *
 * @example
 * resolveReconnect({ maxAttempts: 5 }, undefined); // { baseDelayMs: 500, maxDelayMs: 30000, maxAttempts: 5 }
 */
export function resolveReconnect(option: false | ReconnectOptions | undefined, defaults: ReconnectOptions | undefined): ReconnectSettings | null {
  if (option === false) return null;
  const merged = { ...DEFAULT_RECONNECT, ...withoutUndefined(defaults ?? {}), ...withoutUndefined(option ?? {}) };
  return {
    baseDelayMs: Math.max(0, merged.baseDelayMs),
    maxDelayMs: Math.max(0, merged.maxDelayMs),
    maxAttempts: merged.maxAttempts >= 1 ? Math.floor(merged.maxAttempts) : 1,
  };
}

function withoutUndefined(options: ReconnectOptions): ReconnectOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value === 'number' && !Number.isNaN(value)));
}
