import { createHash } from 'node:crypto';

const SID_SHAPE = /^lb_[0-9a-f]{24}$/;

/**
 * The loopback line's id for a fax, derived from the idempotency key alone. Because it is
 * deterministic, a repeated send finds the earlier acceptance by name, even after a restart.
 */
export function providerSidFor(idempotencyKey: string): string {
  return `lb_${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 24)}`;
}

/**
 * True when `value` has the shape {@link providerSidFor} produces. A sid arrives from outside and
 * becomes part of a file name, so anything else (say `../x`) must never reach the filesystem.
 */
export function isProviderSid(value: string): boolean {
  return SID_SHAPE.test(value);
}
