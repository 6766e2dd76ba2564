import { randomUUID } from 'node:crypto';

/** A new row id: a random UUID without dashes, 32 hex characters that fit varchar(40). */
export function newId(): string {
  return randomUUID().replaceAll('-', '');
}
