import type { ValueTransformer } from 'typeorm';

/**
 * Maps bigint millisecond columns to `Date`. PostgreSQL's driver returns bigint as a string (it may
 * exceed 2^53) and better-sqlite3 returns a number; epoch milliseconds fit a double either way.
 */
export const millisTransformer: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.getTime() : value),
  from: (value: string | number | null | undefined) => (value === null || value === undefined ? null : new Date(Number(value))),
};
