/** `ALLOWLIST_UNREADABLE`: the file exists but could not be read; `ALLOWLIST_INVALID`: its content is wrong. */
export type AllowlistErrorCode = 'ALLOWLIST_UNREADABLE' | 'ALLOWLIST_INVALID';

/**
 * The allowlist file could not be used. `reasons` lists every problem found, each naming the
 * field (`plugins[0].version: must be an exact version`), so one run shows all of them.
 */
export class AllowlistError extends Error {
  constructor(
    readonly code: AllowlistErrorCode,
    readonly path: string,
    readonly reasons: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reasons.join('; ')}`, options);
    this.name = 'AllowlistError';
  }
}
