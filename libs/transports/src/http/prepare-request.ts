import type { HttpRequestOptions } from '@faxbot/plugin-sdk';
import { transportError } from '../shared/transport-error';
import type { PreparedRequest } from './send-attempt';

/**
 * Builds what goes on the wire: query parameters appended, header names in lower case (client
 * defaults first, the request's own winning), a `User-Agent` unless one is set, and the body
 * encoded with a matching `Content-Type` unless the caller chose one. Throws `CONFIG_INVALID` when
 * both `body` and `json` are given.
 *
 * @example
 * prepareRequest({ url, json: { a: 1 } }, url, 'POST', { headers: {}, userAgent: 'faxbot-plugin/acme' });
 */
export function prepareRequest(
  options: HttpRequestOptions,
  url: URL,
  method: string,
  defaults: { headers: Readonly<Record<string, string>>; userAgent: string },
): PreparedRequest {
  if (options.body !== undefined && options.json !== undefined) {
    throw transportError('CONFIG_INVALID', 'give a request either body or json, not both');
  }
  const target = new URL(url.href);
  for (const [name, value] of Object.entries(options.query ?? {})) target.searchParams.append(name, String(value));
  const headers: Record<string, string> = {};
  for (const source of [defaults.headers, options.headers ?? {}]) {
    for (const [name, value] of Object.entries(source)) headers[name.toLowerCase()] = String(value);
  }
  headers['user-agent'] ??= defaults.userAgent;
  const { data, contentType } = encodeBody(options);
  if (contentType !== null) headers['content-type'] ??= contentType;
  return { url: target, method, headers, data };
}

function encodeBody(options: HttpRequestOptions): { data: PreparedRequest['data']; contentType: string | null } {
  const { body, json } = options;
  if (json !== undefined) return { data: JSON.stringify(json), contentType: 'application/json' };
  if (body === undefined) return { data: undefined, contentType: null };
  if (typeof body === 'string') return { data: body, contentType: 'text/plain;charset=utf-8' };
  if (body instanceof URLSearchParams) return { data: body.toString(), contentType: 'application/x-www-form-urlencoded;charset=utf-8' };
  // axios writes the multipart boundary into Content-Type itself.
  if (body instanceof FormData) return { data: body, contentType: null };
  return { data: Buffer.from(body.buffer, body.byteOffset, body.byteLength), contentType: 'application/octet-stream' };
}
