import type { ConfigValidationResult } from '@faxbot/plugin-sdk';
import type { SinchConfig } from './sinch-config';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Problems with a URL the plugin sends credentials to, or null when it is usable. */
function urlProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !URL.canParse(value)) return 'must be an absolute http(s) URL';
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an absolute http(s) URL';
  // Keys and tokens travel on every request: plain http only to this machine (a local simulator).
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return 'must be an https:// URL (http:// only for localhost)';
  if (url.username !== '' || url.password !== '') return 'must not contain credentials (use apiKey and apiSecret)';
  if (url.search !== '' || url.hash !== '') return 'must not contain a query or a fragment';
  return null;
}

function filled(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Checks what the JSON Schema cannot express: credentials present, URLs usable for credentials,
 * callback user and password set together. No network calls and no side effects: the host also
 * calls it on a running instance to test candidate settings.
 */
export function checkSinchConfig(config: SinchConfig): ConfigValidationResult {
  const errors: string[] = [];
  if (!filled(config.projectId)) errors.push('config.projectId: required (SINCH_PROJECT_ID)');
  else if (!/^[A-Za-z0-9_-]+$/.test(config.projectId)) errors.push('config.projectId: may contain only letters, digits, "-" and "_"');
  if (!filled(config.apiKey)) errors.push('config.apiKey: required (SINCH_API_KEY, or PHAXIO_API_KEY)');
  if (!filled(config.apiSecret)) errors.push('config.apiSecret: required (SINCH_API_SECRET, or PHAXIO_API_SECRET)');
  for (const field of ['baseUrl', 'authUrl'] as const) {
    const problem = urlProblem(config[field]);
    if (problem !== null) errors.push(`config.${field}: ${problem}`);
  }
  if (config.authMethod !== 'oauth' && config.authMethod !== 'basic') errors.push('config.authMethod: must be "oauth" or "basic"');
  if (config.documentDelivery !== 'upload' && config.documentDelivery !== 'content_url') errors.push('config.documentDelivery: must be "upload" or "content_url"');
  if (typeof config.fromNumber !== 'string' || (config.fromNumber !== '' && !/^\+[1-9]\d{6,14}$/.test(config.fromNumber))) {
    errors.push('config.fromNumber: must be an E.164 number such as +15551234567, or empty');
  }
  if (typeof config.serviceId !== 'string' || !/^[A-Za-z0-9_-]*$/.test(config.serviceId)) errors.push('config.serviceId: may contain only letters, digits, "-" and "_"');
  if (!Number.isSafeInteger(config.requestTimeoutMs) || config.requestTimeoutMs < 100) errors.push('config.requestTimeoutMs: must be an integer >= 100');
  if (!Number.isSafeInteger(config.contentUrlTtlSeconds) || config.contentUrlTtlSeconds < 60) errors.push('config.contentUrlTtlSeconds: must be an integer >= 60');
  if (filled(config.inboundBasicUser) !== filled(config.inboundBasicPass)) {
    errors.push('config.inboundBasicUser: set it together with inboundBasicPass (SINCH_INBOUND_BASIC_USER and SINCH_INBOUND_BASIC_PASS), or neither');
  }
  if (typeof config.inboundBasicUser === 'string' && config.inboundBasicUser.includes(':')) errors.push('config.inboundBasicUser: must not contain ":"');
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
