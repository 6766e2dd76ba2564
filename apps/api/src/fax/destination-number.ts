import { ApiError } from '../errors/api-error';

// The original's rule: an optional leading +, then 6 to 20 digits; no spaces or dashes.
const DESTINATION = /^\+?\d{6,20}$/;

/** Validates a `to` field and returns it trimmed; throws a 400 ApiError otherwise. */
export function parseDestinationNumber(value: string): string {
  const trimmed = value.trim();
  if (!DESTINATION.test(trimmed)) throw new ApiError('BAD_REQUEST', "'to' must be E.164 or digits only");
  return trimmed;
}
