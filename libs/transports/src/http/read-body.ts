import type { HttpRequestOptions } from '@faxbot/plugin-sdk';
import { transportError } from '../shared/transport-error';

/**
 * Turns a response body into `data`: `json` parses (an empty body gives null; invalid JSON throws
 * a non-retryable `PROVIDER_UNAVAILABLE`, since the request may have been acted on), `text`
 * decodes UTF-8, `bytes` gives a `Uint8Array`. Without a type, JSON when the `Content-Type` says
 * so and the body parses, text otherwise.
 *
 * @example
 * readBody(Buffer.from('{"id":"f1"}'), 'application/json', undefined); // { id: 'f1' }
 */
export function readBody(body: Buffer, contentType: string | undefined, responseType: HttpRequestOptions['responseType']): unknown {
  if (responseType === 'bytes') return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  const text = body.toString('utf8');
  if (responseType === 'text') return text;
  const saysJson = /[/+]json\b/i.test(contentType ?? '');
  if (responseType !== 'json' && !saysJson) return text;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (responseType !== 'json') return text;
    // No cause: V8's message quotes the body.
    throw transportError('PROVIDER_UNAVAILABLE', 'the response body is not valid JSON');
  }
}
