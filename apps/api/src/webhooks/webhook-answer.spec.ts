import { toWebhookAnswer } from './webhook-answer';

describe('toWebhookAnswer', () => {
  it.each([
    ['JSON', { status: 202, body: { ok: true } }, 202, 'application/json; charset=utf-8', '{"ok":true}'],
    ['text', { status: 200, body: '<Response/>', headers: { 'Content-Type': 'application/xml' } }, 200, 'application/xml', '<Response/>'],
    ['bytes', { status: 200, body: new Uint8Array([1, 2, 3]) }, 200, 'application/octet-stream', '\u0001\u0002\u0003'],
    ['no body', { status: 204, body: 'ignored' }, 204, undefined, ''],
  ])('sends %s', (_case, response, status, contentType, body) => {
    const answer = toWebhookAnswer(response);
    expect(answer?.status).toBe(status);
    expect(answer?.headers['content-type']).toBe(contentType);
    expect(answer?.body.toString('latin1')).toBe(body);
  });

  it('drops framing headers and invalid header names or values', () => {
    const answer = toWebhookAnswer({ status: 200, headers: { 'X-Ok': 'yes', 'Content-Length': '1', Connection: 'close', 'bad name': 'x', 'X-Split': 'a\r\nSet-Cookie: b', 'X-Num': 5 } });
    expect(answer?.headers).toEqual({ 'x-ok': 'yes' });
  });

  it.each([[null], ['text'], [{ status: 99 }], [{ status: 200.5 }], [{ status: 600 }], [{ status: '200' }], [{ status: 200, body: { n: 1n } }]])('refuses %p', (response) => {
    expect(toWebhookAnswer(response)).toBeNull();
  });
});
