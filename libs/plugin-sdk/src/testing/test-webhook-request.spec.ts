import { createTestWebhookRequest } from './test-webhook-request';

describe('createTestWebhookRequest', () => {
  it('builds a POST with lower-case headers, raw bytes and the signed URL', () => {
    const bytes = Buffer.from([0, 255, 10, 13]);
    const request = createTestWebhookRequest({ instanceId: 'acme-b', path: '/status', body: bytes, headers: { 'X-Sig': 'abc' }, query: { a: '1', b: ['2', '3'] } });
    expect(request).toEqual({
      method: 'POST',
      path: 'status',
      url: 'https://faxbot.test/webhooks/acme-b/status?a=1&b=2&b=3',
      headers: { 'x-sig': 'abc' },
      query: { a: '1', b: ['2', '3'] },
      rawBody: bytes,
    });
  });

  it('sends an object as JSON and text as UTF-8', () => {
    const json = createTestWebhookRequest({ body: { id: 'f-1' } });
    expect(json.rawBody.toString()).toBe('{"id":"f-1"}');
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.url).toBe('https://faxbot.test/webhooks/acme');
    expect(createTestWebhookRequest({ method: 'GET', body: 'é' }).rawBody).toEqual(Buffer.from('é'));
  });
});
