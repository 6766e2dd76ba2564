/**
 * True when an event name matches a subscription pattern: the exact name, `*` for every event, or
 * `<prefix>.*` for every event under a prefix (`transport.*` matches `transport.http.request_started`).
 */
export function matchesEventPattern(pattern: string, type: string): boolean {
  if (pattern === '*' || pattern === type) return true;
  return pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1));
}

/** True when `pattern` is a name or a `<prefix>.*` / `*` pattern that {@link matchesEventPattern} understands. */
export function isEventPattern(pattern: string): boolean {
  return pattern === '*' || /^[a-z0-9][a-zA-Z0-9_.:-]{0,199}(\.\*)?$/.test(pattern);
}
