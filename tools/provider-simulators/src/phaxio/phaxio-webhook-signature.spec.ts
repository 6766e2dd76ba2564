import { createHash, createHmac } from 'node:crypto';
import { signPhaxioWebhook } from './phaxio-webhook-signature';

describe('signPhaxioWebhook', () => {
  const url = 'https://fax.example.com/webhooks/phaxio/status?x=1';
  const pdf = Buffer.from('%PDF-1.4 test');

  it('signs URL + sorted name/value pairs + sorted name/sha1(file), HMAC-SHA1 with the webhook token', () => {
    const expected = createHmac('sha1', 'token-1')
      .update(`${url}direction` + `sent` + `event_type` + `fax_completed` + `fax` + `{"id":1}` + `file` + createHash('sha1').update(pdf).digest('hex'))
      .digest('hex');
    const signature = signPhaxioWebhook('token-1', {
      url,
      fields: [
        { name: 'fax', value: '{"id":1}' },
        { name: 'event_type', value: 'fax_completed' },
        { name: 'direction', value: 'sent' },
      ],
      files: [{ name: 'file', bytes: pdf }],
    });
    expect(signature).toBe(expected);
    expect(signature).toMatch(/^[0-9a-f]{40}$/);
  });

  it('does not depend on the order fields arrive in', () => {
    const fields = [
      { name: 'b', value: '2' },
      { name: 'a', value: '1' },
      { name: 'B', value: '3' },
    ];
    const forward = signPhaxioWebhook('t', { url, fields, files: [] });
    expect(signPhaxioWebhook('t', { url, fields: [...fields].reverse(), files: [] })).toBe(forward);
    // Byte order: upper case sorts before lower case.
    expect(forward).toBe(createHmac('sha1', 't').update(`${url}B3a1b2`).digest('hex'));
  });

  it.each([
    ['the token', { token: 'other' }],
    ['the URL', { url: `${url}&y=2` }],
    ['a value', { value: '{"id":2}' }],
    ['the file', { file: Buffer.from('%PDF-1.4 tesT') }],
  ])('changes when %s changes', (_what, change: { token?: string; url?: string; value?: string; file?: Buffer }) => {
    const sign = (c: typeof change) =>
      signPhaxioWebhook(c.token ?? 'token', { url: c.url ?? url, fields: [{ name: 'fax', value: c.value ?? '{"id":1}' }], files: [{ name: 'file', bytes: c.file ?? pdf }] });
    expect(sign(change)).not.toBe(sign({}));
  });
});
