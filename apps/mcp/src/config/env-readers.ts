import { ConfigError } from './config-error';

/** The environment as read: every value a string or unset. */
export type Env = Record<string, string | undefined>;

/** A trimmed value, or `undefined` when unset or empty. */
export function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A separated list with empty items dropped. */
export function list(env: Env, name: string, separator = ','): string[] {
  return (env[name] ?? '')
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A whole number within `min`–`max`, or `fallback` when unset. */
export function integer(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be an integer between ${min} and ${max}`);
  return value;
}

/** `true`/`1`/`yes`/`on` or `false`/`0`/`no`/`off`, or `fallback` when unset. */
export function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false`);
}

/** An http(s) URL without credentials, with trailing slashes removed. */
export function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = text(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL`);
  if (url.username !== '' || url.password !== '') throw new ConfigError(`${name} must not contain credentials; use API_KEY`);
  return raw.replace(/\/+$/, '');
}
