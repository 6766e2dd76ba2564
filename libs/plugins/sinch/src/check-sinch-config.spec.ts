import { checkSinchConfig } from './check-sinch-config';
import { DEFAULT_SINCH_CONFIG, type SinchConfig } from './sinch-config';

const VALID: SinchConfig = { ...DEFAULT_SINCH_CONFIG, projectId: 'a1b2-c3', apiKey: 'key-id', apiSecret: 'key-secret' };

describe('checkSinchConfig', () => {
  it('accepts a complete configuration, and loopback http for a local simulator', () => {
    expect(checkSinchConfig(VALID)).toEqual({ ok: true });
    expect(checkSinchConfig({ ...VALID, baseUrl: 'http://127.0.0.1:4010/v3', authUrl: 'http://localhost:4010/oauth2/token' })).toEqual({ ok: true });
    expect(checkSinchConfig({ ...VALID, inboundBasicUser: 'u', inboundBasicPass: 'p', fromNumber: '+15551234567' })).toEqual({ ok: true });
  });

  it.each<[string, Partial<SinchConfig>, string]>([
    ['no project', { projectId: '' }, 'config.projectId: required (SINCH_PROJECT_ID)'],
    ['a project id with a slash', { projectId: 'a/b' }, 'config.projectId'],
    ['no key', { apiKey: ' ' }, 'config.apiKey: required'],
    ['no secret', { apiSecret: '' }, 'config.apiSecret: required'],
    ['an ftp base URL', { baseUrl: 'ftp://fax.api.sinch.com/v3' }, 'config.baseUrl: must be an absolute http(s) URL'],
    ['a relative base URL', { baseUrl: '/v3' }, 'config.baseUrl'],
    ['plain http to a remote host', { baseUrl: 'http://fax.api.sinch.com/v3' }, 'config.baseUrl: must be an https:// URL'],
    ['credentials in a URL', { authUrl: 'https://k:s@auth.sinch.com/oauth2/token' }, 'config.authUrl: must not contain credentials'],
    ['a query in a URL', { baseUrl: 'https://fax.api.sinch.com/v3?x=1' }, 'config.baseUrl: must not contain a query'],
    ['an unknown auth method', { authMethod: 'token' as SinchConfig['authMethod'] }, 'config.authMethod'],
    ['an unknown delivery', { documentDelivery: 'email' as SinchConfig['documentDelivery'] }, 'config.documentDelivery'],
    ['a sender that is not E.164', { fromNumber: '555-1234' }, 'config.fromNumber'],
    ['a tiny timeout', { requestTimeoutMs: 5 }, 'config.requestTimeoutMs'],
    ['a user without a password', { inboundBasicUser: 'u' }, 'config.inboundBasicUser: set it together with inboundBasicPass'],
    ['a password without a user', { inboundBasicPass: 'p' }, 'config.inboundBasicUser: set it together'],
    ['a colon in the user', { inboundBasicUser: 'a:b', inboundBasicPass: 'p' }, 'must not contain ":"'],
  ])('refuses %s', (_name, change, message) => {
    const result = checkSinchConfig({ ...VALID, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('; ')).toContain(message);
  });

  it('never repeats a secret in its messages', () => {
    const result = checkSinchConfig({ ...VALID, baseUrl: 'https://k:hunter2@x/v3', inboundBasicUser: 'u' , inboundBasicPass: '' , apiSecret: 'hunter3' });
    expect(JSON.stringify(result)).not.toMatch(/hunter/);
  });
});
