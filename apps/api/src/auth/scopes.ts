/** Every scope an API key can hold. `*` (all scopes) is reserved for admin keys. */
export const SCOPES = [
  'fax:send',
  'fax:read',
  'inbound:list',
  'inbound:read',
  'messages:send',
  'messages:read',
  'keys:manage',
  'admin:plugins:read',
  'admin:plugins:write',
  'admin:events:read',
  'admin:inbound:read',
  'admin:inbound:write',
  'admin:metrics:read',
] as const;

/** One of {@link SCOPES}. */
export type Scope = (typeof SCOPES)[number];

/** Wildcard granting every scope. */
export const ALL_SCOPES = '*';

/** True when `granted` includes `required` or the wildcard. */
export function hasScope(granted: readonly string[], required: Scope): boolean {
  return granted.includes(ALL_SCOPES) || granted.includes(required);
}

/** True when `value` names a scope (or the wildcard). */
export function isKnownScope(value: string): boolean {
  return value === ALL_SCOPES || (SCOPES as readonly string[]).includes(value);
}
