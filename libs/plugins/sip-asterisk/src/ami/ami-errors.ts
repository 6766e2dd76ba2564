/**
 * What went wrong talking to Asterisk:
 * - `not_connected`: no logged-in session; nothing was sent.
 * - `timeout`: the action was sent but Asterisk did not answer in time; its outcome is unknown.
 * - `connection_lost`: the connection closed while the action waited; its outcome is unknown.
 * - `auth_failed`: Asterisk refused the username or secret.
 * - `protocol`: the peer sent something that is not AMI.
 */
export type AmiErrorKind = 'not_connected' | 'timeout' | 'connection_lost' | 'auth_failed' | 'protocol';

/** An AMI failure with a `kind` to branch on. Messages never carry credentials. */
export class AmiError extends Error {
  constructor(
    readonly kind: AmiErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AmiError';
  }
}

/** True when `error` is an {@link AmiError}, optionally of one `kind`. */
export function isAmiError(error: unknown, kind?: AmiErrorKind): error is AmiError {
  return error instanceof AmiError && (kind === undefined || error.kind === kind);
}
