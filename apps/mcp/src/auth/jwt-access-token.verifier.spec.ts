import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { DEFAULT_OAUTH_ALGORITHMS } from '../config/oauth-config';
import { startTestIssuer, type TestIssuer, type TokenOptions } from '../testing/jwks.test-helpers';
import { createJwtAccessTokenVerifier, type JwtAccessTokenVerifierOptions } from './jwt-access-token.verifier';

describe('createJwtAccessTokenVerifier (against a JWKS server on 127.0.0.1)', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  const verifier = (overrides: Partial<JwtAccessTokenVerifierOptions> = {}): ReturnType<typeof createJwtAccessTokenVerifier> =>
    createJwtAccessTokenVerifier({
      issuer: issuer.issuer,
      audience: [issuer.audience],
      jwksUrl: issuer.jwksUrl,
      algorithms: [...DEFAULT_OAUTH_ALGORITHMS],
      clockToleranceSeconds: 30,
      ...overrides,
    });

  it('accepts a valid token, identifying the client by a fingerprint of issuer and subject', async () => {
    const verify = verifier();
    const check = await verify(await issuer.sign({ subject: 'alice@example.com', expiresIn: 600 }));
    expect(check).toEqual({ ok: true, client: { keyId: expect.stringMatching(/^jwt-[0-9a-f]{12}$/), method: 'oauth', expiresAt: expect.any(Number) } });
    if (!check.ok) return;
    expect(check.client.expiresAt).toBeGreaterThan(Date.now() + 500_000);
    expect(JSON.stringify(check)).not.toContain('alice');
    const again = await verify(await issuer.sign({ subject: 'alice@example.com' }));
    const other = await verify(await issuer.sign({ subject: 'bob@example.com' }));
    expect(again.ok && again.client.keyId).toBe(check.client.keyId);
    expect(other.ok && other.client.keyId).not.toBe(check.client.keyId);
  });

  it('accepts any one of several audiences', async () => {
    const check = await verifier({ audience: ['https://other.example', issuer.audience] })(await issuer.sign());
    expect(check.ok).toBe(true);
  });

  it.each<[string, () => Promise<TokenOptions>, string]>([
    ['an expired token (beyond the leeway)', async () => ({ expiresIn: -120 }), 'expired'],
    ['a token not valid yet', async () => ({ notBefore: 600 }), 'not_yet_valid'],
    ['a token for another audience', async () => ({ audience: 'https://elsewhere.example/mcp' }), 'wrong_audience'],
    ['a token from another issuer', async () => ({ issuer: 'https://evil.example' }), 'wrong_issuer'],
    ['a token without exp', async () => ({ expiresIn: null }), 'missing_claim'],
    ['a token signed by a key the issuer does not publish', async () => ({ key: await issuer.addKey({ publish: false }) }), 'unknown_key'],
  ])('refuses %s', async (_label, options, reason) => {
    const check = await verifier()(await issuer.sign(await options()));
    expect(check).toEqual({ ok: false, failure: { reason, description: expect.any(String) } });
  });

  it('accepts a token expired within the clock leeway', async () => {
    expect((await verifier()(await issuer.sign({ expiresIn: -5 }))).ok).toBe(true);
  });

  it('refuses an algorithm outside the allowlist, HMAC included', async () => {
    const es256 = await issuer.addKey({ alg: 'ES256' });
    const onlyRsa = verifier({ algorithms: ['RS256'] });
    expect(await onlyRsa(await issuer.sign({ key: es256 }))).toMatchObject({ ok: false, failure: { reason: 'algorithm_not_allowed' } });
    expect((await verifier()(await issuer.sign({ key: es256 }))).ok).toBe(true);
    const hmac = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: es256.kid })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setExpirationTime('5m')
      .sign(randomBytes(32));
    expect(await verifier()(hmac)).toMatchObject({ ok: false, failure: { reason: 'algorithm_not_allowed' } });
  });

  it('refuses a token whose payload was altered, and anything that is not a JWT', async () => {
    const [header, payload, signature] = (await issuer.sign()).split('.') as [string, string, string];
    const altered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'admin' })).toString('base64url');
    expect(await verifier()(`${header}.${altered}.${signature}`)).toMatchObject({ ok: false, failure: { reason: 'bad_signature' } });
    expect(await verifier()('not-a-token')).toMatchObject({ ok: false, failure: { reason: 'malformed_token' } });
    expect(await verifier()('a.b.c')).toMatchObject({ ok: false, failure: { reason: 'malformed_token' } });
  });

  it('caches the JWKS and fetches it again when a token names a new key (rotation)', async () => {
    const verify = verifier({ jwksCooldownMs: 0 });
    const before = issuer.fetches();
    expect((await verify(await issuer.sign())).ok).toBe(true);
    expect((await verify(await issuer.sign())).ok).toBe(true);
    expect(issuer.fetches()).toBe(before + 1);
    const rotated = await issuer.addKey();
    expect((await verify(await issuer.sign({ key: rotated }))).ok).toBe(true);
    expect(issuer.fetches()).toBe(before + 2);
  });

  it('does not fetch again for unknown keys during the cool-down (no fetch per forged token)', async () => {
    const verify = verifier();
    const stranger = await issuer.addKey({ publish: false });
    const before = issuer.fetches();
    for (let round = 0; round < 3; round += 1) {
      expect(await verify(await issuer.sign({ key: stranger }))).toMatchObject({ ok: false, failure: { reason: 'unknown_key' } });
    }
    expect(issuer.fetches()).toBe(before + 1);
  });

  it.each<[string, () => string]>([
    ['unreachable', () => 'http://127.0.0.1:1/jwks.json'],
    ['answering 404', () => issuer.jwksUrl.replace('jwks.json', 'nothing')],
  ])('reports a JWKS %s as jwks_unavailable, not as a bad token', async (_label, url) => {
    const jwksUrl = url();
    expect(await verifier({ jwksUrl })(await issuer.sign())).toMatchObject({ ok: false, failure: { reason: 'jwks_unavailable' } });
  });
});
