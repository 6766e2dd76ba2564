import { maskPhoneNumber } from './mask-phone-number';
import { scrubText } from './scrub-text';

const SECRET_KEY = /(pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential|private[-_]?key|key[-_]?hash|signature)/i;
const PHONE_KEY = /^(to|from|fr|to_?number|from_?number|destination|dest|phone(_?number)?|number|caller(_?id)?|callee)$/i;
const CONTENT_KEY = /^(content|body|raw_?body|document|file_?content|file_?data|data|text|payload|pdf|tiff)$/i;
const MAX_DEPTH = 6;

/**
 * Returns a copy of `value` that is safe to log: secrets are replaced, phone-number fields are
 * masked, document-like fields and binary data are omitted, and every string is passed through
 * {@link scrubText}.
 *
 * @example
 * scrubValue({ to: '+15551234567', apiKey: 'abc' }); // { to: '***4567', apiKey: '[redacted]' }
 */
export function scrubValue(value: unknown, key = '', depth = 0): unknown {
  if (key !== '' && SECRET_KEY.test(key)) return value === undefined || value === null || value === '' ? value : '[redacted]';
  if (typeof value === 'string') {
    if (key !== '' && PHONE_KEY.test(key)) return maskPhoneNumber(value);
    if (key !== '' && CONTENT_KEY.test(key)) return `[omitted ${value.length} chars]`;
    return scrubText(value);
  }
  if (value === null || typeof value !== 'object') return value;
  if (key !== '' && CONTENT_KEY.test(key)) return '[omitted]';
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[binary ${(value as ArrayBufferView).byteLength} bytes]`;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (value instanceof Error) return scrubError(value);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, '', depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) copy[name] = scrubValue(item, name, depth + 1);
  return copy;
}

function scrubError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: scrubText(error.message),
    ...(code === undefined ? {} : { code }),
    ...(error.stack === undefined ? {} : { stack: scrubText(error.stack) }),
  };
}
