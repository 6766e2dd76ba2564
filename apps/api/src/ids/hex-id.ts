import { randomUUID } from 'node:crypto';

/** A new random id of 32 hex characters, the form of fax job and inbound fax ids. */
export function newHexId(): string {
  return randomUUID().replace(/-/g, '');
}
