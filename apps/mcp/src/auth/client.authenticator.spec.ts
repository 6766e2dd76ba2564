import { randomBytes } from 'node:crypto';
import { DEFAULT_OAUTH_ALGORITHMS } from '../config/oauth-config';
import { startTestIssuer, type TestIssuer } from '../testing/jwks.test-helpers';
import { createClientAuthenticator } from './client.authenticator';

const KEY = randomBytes(24).toString('hex');
const bearer = (credential: string): { headers: Record<string, string> } => ({ headers: { authorization: `Bearer ${credential}` } });

describe('createClientAuthenticator', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  const oauth = (): Parameters<typeof createClientAuthenticator>[0]['oauth'] => ({
    issuer: issuer.issuer,
    audience: [issuer.audience],
    jwksUrl: issuer.jwksUrl,
    algorithms: [...DEFAULT_OAUTH_ALGORITHMS],
    clockToleranceSeconds: 0,
  });

  it('lets in a configured key (Bearer or X-API-Key) and a valid access token', async () => {
    const authenticate = createClientAuthenticator({ apiKeys: [KEY], oauth: oauth() });
    expect(await authenticate(bearer(KEY))).toMatchObject({ ok: true, client: { method: 'api-key' } });
    expect(await authenticate({ headers: { 'x-api-key': KEY } })).toMatchObject({ ok: true, client: { method: 'api-key' } });
    expect(await authenticate(bearer(await issuer.sign()))).toMatchObject({ ok: true, client: { method: 'oauth' } });
  });

  it.each([
    ['nothing', { headers: {} }, 'missing'],
    ['another scheme', { headers: { authorization: `Basic ${KEY}` } }, 'missing'],
    ['a wrong key', bearer(randomBytes(24).toString('hex')), 'invalid_key'],
  ])('refuses %s', async (_label, request, reason) => {
    const authenticate = createClientAuthenticator({ apiKeys: [KEY], oauth: oauth() });
    expect(await authenticate(request)).toMatchObject({ ok: false, failure: { reason } });
  });

  it('does not try a token when OAuth is not configured', async () => {
    const authenticate = createClientAuthenticator({ apiKeys: [KEY], oauth: null });
    const before = issuer.fetches();
    expect(await authenticate(bearer(await issuer.sign()))).toMatchObject({ ok: false, failure: { reason: 'invalid_key' } });
    expect(issuer.fetches()).toBe(before);
  });

  it('works with OAuth alone', async () => {
    const authenticate = createClientAuthenticator({ apiKeys: [], oauth: oauth() });
    expect(await authenticate(bearer(await issuer.sign()))).toMatchObject({ ok: true });
    expect(await authenticate(bearer(await issuer.sign({ expiresIn: -10 })))).toMatchObject({ ok: false, failure: { reason: 'expired' } });
  });
});
