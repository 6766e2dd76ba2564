import type { ConfigValidationResult } from '@faxbot/plugin-sdk';
import type { PhaxioConfig } from './phaxio-config';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const E164 = /^\+[1-9]\d{6,14}$/;

function present(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Problems with a URL setting, or null; never echoes the value (it may carry credentials). */
function urlProblem(field: string, value: string, options: { httpsOnly: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `config.${field}: must be an absolute http(s) URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `config.${field}: must be an http(s) URL`;
  if (options.httpsOnly && url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    return `config.${field}: must be an https:// URL (http:// is allowed for localhost only)`;
  }
  if (options.httpsOnly && (url.username !== '' || url.password !== '')) return `config.${field}: must not contain credentials; use apiKey and apiSecret`;
  return null;
}

function tokenProblem(flag: 'verifySignature' | 'inboundVerifySignature', env: string): string {
  return (
    `config.webhookToken: required while ${flag} is on. Phaxio signs every callback with the webhook token ` +
    `shown on its webhook settings page (not the API secret); set PHAXIO_WEBHOOK_TOKEN, or set ${env}=false ` +
    'to accept unsigned callbacks (not recommended: anyone could then report fax outcomes or deliver faxes)'
  );
}

/**
 * Checks what the JSON Schema cannot: the credentials are there, URLs are usable (the API only
 * over https, except to a local simulator), and signature checks have the token they need.
 * Makes no network call; never repeats a secret.
 */
export function checkPhaxioConfig(config: PhaxioConfig): ConfigValidationResult {
  const errors: string[] = [];
  if (!present(config.apiKey)) errors.push('config.apiKey: missing; set PHAXIO_API_KEY to the API key from the Phaxio console');
  if (!present(config.apiSecret)) errors.push('config.apiSecret: missing; set PHAXIO_API_SECRET to the API secret from the Phaxio console');
  const token = present(config.webhookToken);
  if (config.verifySignature !== false && !token) errors.push(tokenProblem('verifySignature', 'PHAXIO_VERIFY_SIGNATURE'));
  if (config.inboundVerifySignature !== false && !token) errors.push(tokenProblem('inboundVerifySignature', 'PHAXIO_INBOUND_VERIFY_SIGNATURE'));
  if (typeof config.baseUrl !== 'string') errors.push('config.baseUrl: must be a string');
  else {
    const problem = urlProblem('baseUrl', config.baseUrl, { httpsOnly: true });
    if (problem !== null) errors.push(problem);
    else if (/[?#]/.test(config.baseUrl)) errors.push('config.baseUrl: must not have a query string or fragment');
  }
  if (typeof config.callbackUrl !== 'string') errors.push('config.callbackUrl: must be a string');
  else if (config.callbackUrl !== '') {
    const problem = urlProblem('callbackUrl', config.callbackUrl, { httpsOnly: false });
    if (problem !== null) errors.push(problem);
  }
  if (config.documentDelivery !== 'upload' && config.documentDelivery !== 'content_url') errors.push('config.documentDelivery: must be "upload" or "content_url"');
  if (!Number.isSafeInteger(config.requestTimeoutMs) || config.requestTimeoutMs < 1000 || config.requestTimeoutMs > 300000) {
    errors.push('config.requestTimeoutMs: must be an integer from 1000 to 300000');
  }
  if (typeof config.callerId !== 'string' || (config.callerId !== '' && !E164.test(config.callerId))) {
    errors.push('config.callerId: must be empty or a number in E.164 form (+ and 7 to 15 digits)');
  }
  if (typeof config.headerText !== 'string' || config.headerText.length > 50) errors.push('config.headerText: must be at most 50 characters');
  if (!Number.isSafeInteger(config.contentUrlTtlSeconds) || config.contentUrlTtlSeconds < 0 || config.contentUrlTtlSeconds > 86400) {
    errors.push('config.contentUrlTtlSeconds: must be an integer from 0 to 86400');
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
