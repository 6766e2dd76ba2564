import { createHmac } from 'node:crypto';
import { createTestWebhookRequest } from '@faxbot/plugin-sdk/testing';
import { UNPROTECTED_DETAIL, verifySinchCallback, type SinchCallbackAuth } from './verify-sinch-callback';

const NONE: SinchCallbackAuth = { inboundBasicUser: '', inboundBasicPass: '', inboundHmacSecret: '', allowUnauthenticatedCallbacks: false };
const BASIC: SinchCallbackAuth = { ...NONE, inboundBasicUser: 'sinch', inboundBasicPass: 'pässword' };
const HMAC: SinchCallbackAuth = { ...NONE, inboundHmacSecret: 'relay-key' };
const BODY = Buffer.from('{"event":"FAX_COMPLETED","fax":{"id":"f1"}}');

const basic = (credentials: string) => `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
const sign = (key: string, body = BODY) => createHmac('sha256', key).update(body).digest('hex');
const request = (headers: Record<string, string> = {}) => createTestWebhookRequest({ path: 'status', body: BODY, headers });

describe('verifySinchCallback', () => {
  it.each<[string, SinchCallbackAuth, Record<string, string>, boolean]>([
    ['matching Basic credentials', BASIC, { authorization: basic('sinch:pässword') }, true],
    ['a lower-case scheme', BASIC, { authorization: basic('sinch:pässword').replace('Basic', 'basic') }, true],
    ['a wrong password', BASIC, { authorization: basic('sinch:password') }, false],
    ['a longer password', BASIC, { authorization: basic('sinch:pässword2') }, false],
    ['a wrong user', BASIC, { authorization: basic('admin:pässword') }, false],
    ['no colon', BASIC, { authorization: basic('sinchpässword') }, false],
    ['no header', BASIC, {}, false],
    ['a matching signature', HMAC, { 'x-sinch-signature': sign('relay-key') }, true],
    ['an upper-case signature', HMAC, { 'x-sinch-signature': sign('relay-key').toUpperCase() }, true],
    ['a signature with another key', HMAC, { 'x-sinch-signature': sign('other') }, false],
    ['a signature of another body', HMAC, { 'x-sinch-signature': sign('relay-key', Buffer.from('{}')) }, false],
    ['no signature', HMAC, {}, false],
    ['both, both right', { ...BASIC, inboundHmacSecret: 'relay-key' }, { authorization: basic('sinch:pässword'), 'x-sinch-signature': sign('relay-key') }, true],
    ['both, signature missing', { ...BASIC, inboundHmacSecret: 'relay-key' }, { authorization: basic('sinch:pässword') }, false],
    ['nothing configured', NONE, { authorization: basic('sinch:pässword') }, false],
    ['nothing configured, opted out', { ...NONE, allowUnauthenticatedCallbacks: true }, {}, true],
  ])('%s → %s', (_name, auth, headers, ok) => {
    expect(verifySinchCallback(request(headers), auth).ok).toBe(ok);
  });

  it('explains what to configure when nothing protects the endpoint', () => {
    expect(verifySinchCallback(request(), NONE)).toEqual({ ok: false, detail: UNPROTECTED_DETAIL });
    expect(UNPROTECTED_DETAIL).toMatch(/SINCH_INBOUND_BASIC_USER.*SINCH_INBOUND_BASIC_PASS.*SINCH_INBOUND_HMAC_SECRET/);
  });
});
