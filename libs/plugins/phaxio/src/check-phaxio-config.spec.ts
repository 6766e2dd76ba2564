import { checkPhaxioConfig } from './check-phaxio-config';
import { DEFAULT_PHAXIO_CONFIG, type PhaxioConfig } from './phaxio-config';

const VALID: PhaxioConfig = { ...DEFAULT_PHAXIO_CONFIG, apiKey: 'key-123', apiSecret: 'secret-456', webhookToken: 'token-789' };

describe('checkPhaxioConfig', () => {
  it('accepts a complete configuration and a local simulator URL', () => {
    expect(checkPhaxioConfig(VALID)).toEqual({ ok: true });
    expect(checkPhaxioConfig({ ...VALID, baseUrl: 'http://127.0.0.1:4010/v2.1', callbackUrl: 'http://fax.internal/phaxio-callback' })).toEqual({ ok: true });
  });

  it('accepts a missing token when both verifications are off', () => {
    const { webhookToken: _token, ...rest } = VALID;
    expect(checkPhaxioConfig({ ...rest, verifySignature: false, inboundVerifySignature: false })).toEqual({ ok: true });
  });

  it.each([
    ['no API key', { apiKey: '' }, 'config.apiKey', 'PHAXIO_API_KEY'],
    ['no API secret', { apiSecret: '  ' }, 'config.apiSecret', 'PHAXIO_API_SECRET'],
    ['verification without a token', { webhookToken: '' }, 'config.webhookToken', 'PHAXIO_WEBHOOK_TOKEN'],
    ['inbound verification without a token', { webhookToken: '', verifySignature: false }, 'inboundVerifySignature', 'PHAXIO_INBOUND_VERIFY_SIGNATURE'],
    ['an http API URL off localhost', { baseUrl: 'http://api.phaxio.com/v2.1' }, 'config.baseUrl', 'https://'],
    ['a non-http API URL', { baseUrl: 'ftp://api.phaxio.com' }, 'config.baseUrl', 'http(s)'],
    ['credentials in the API URL', { baseUrl: 'https://user:pw@api.phaxio.com/v2.1' }, 'config.baseUrl', 'credentials'],
    ['a query in the API URL', { baseUrl: 'https://api.phaxio.com/v2.1?x=1' }, 'config.baseUrl', 'query'],
    ['a relative callback URL', { callbackUrl: '/phaxio-callback' }, 'config.callbackUrl', 'URL'],
    ['an unknown delivery', { documentDelivery: 'fax' as never }, 'config.documentDelivery', 'upload'],
    ['a tiny timeout', { requestTimeoutMs: 10 }, 'config.requestTimeoutMs', '1000'],
    ['a caller id that is not E.164', { callerId: '5551234' }, 'config.callerId', 'E.164'],
    ['a long header', { headerText: 'x'.repeat(51) }, 'config.headerText', '50'],
    ['a negative URL lifetime', { contentUrlTtlSeconds: -1 }, 'config.contentUrlTtlSeconds', '0'],
  ])('refuses %s, saying what to do', (_case, change, field, hint) => {
    const result = checkPhaxioConfig({ ...VALID, ...change });
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : result.errors.join('\n');
    expect(text).toContain(field);
    expect(text).toContain(hint);
    for (const secret of ['key-123', 'secret-456', 'token-789', 'user:pw']) expect(text).not.toContain(secret);
  });

  it('explains why the webhook token is needed', () => {
    const result = checkPhaxioConfig({ ...VALID, webhookToken: undefined });
    expect(result.ok ? '' : result.errors.join()).toMatch(/not the API secret/);
  });
});
