/** An HTTP answer ready to write: status, headers and the exact body bytes. */
export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// Framing and connection headers belong to the host's HTTP server, never to a plugin.
const RESERVED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer', 'te', 'proxy-connection']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,4096}$/;

/** A JSON answer in the API's error shape (or any JSON body). */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): WebhookAnswer {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: Buffer.from(JSON.stringify(body), 'utf8') };
}

/**
 * Turns the `response` of a plugin's `WebhookResult` into an HTTP answer: the status must be an
 * integer 200–599; headers that are not valid or that would break framing are dropped; the body is
 * sent as bytes (a Buffer or Uint8Array), text (a string) or JSON (anything else). Returns null
 * when `response` is not usable at all, which the caller answers with 500.
 */
export function toWebhookAnswer(response: unknown): WebhookAnswer | null {
  if (typeof response !== 'object' || response === null) return null;
  const { status, headers, body } = response as { status?: unknown; headers?: unknown; body?: unknown };
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) return null;
  const safeHeaders: Record<string, string> = {};
  if (typeof headers === 'object' && headers !== null) {
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (typeof value === 'string' && HEADER_NAME.test(name) && HEADER_VALUE.test(value) && !RESERVED_HEADERS.has(lower)) safeHeaders[lower] = value;
    }
  }
  if (status === 204 || status === 304 || body === undefined || body === null) return { status, headers: safeHeaders, body: Buffer.alloc(0) };
  if (ArrayBuffer.isView(body)) {
    return { status, headers: { 'content-type': 'application/octet-stream', ...safeHeaders }, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
  }
  if (typeof body === 'string') return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...safeHeaders }, body: Buffer.from(body, 'utf8') };
  try {
    return jsonAnswer(status, body, safeHeaders);
  } catch {
    // Circular structures and BigInts cannot be sent as JSON.
    return null;
  }
}
