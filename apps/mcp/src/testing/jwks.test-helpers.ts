import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

/** A signing key the test issuer holds; `published` keys are served in its JWKS. */
export interface TestSigningKey {
  kid: string;
  alg: string;
  privateKey: KeyLike;
  jwk: JWK;
}

/** Claims and header choices for {@link TestIssuer.sign}. */
export interface TokenOptions {
  key?: TestSigningKey;
  issuer?: string;
  audience?: string | string[];
  subject?: string;
  /** Seconds from now; negative for an expired token; `null` for a token without `exp`. */
  expiresIn?: number | null;
  /** Seconds from now for `nbf`. */
  notBefore?: number;
}

/** A test OAuth issuer: a JWKS endpoint on 127.0.0.1 and keys to sign access tokens with. */
export interface TestIssuer {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** How often the JWKS was fetched. */
  fetches(): number;
  /** Creates a key; publishes it in the JWKS unless `publish` is false. */
  addKey(options?: { alg?: string; publish?: boolean }): Promise<TestSigningKey>;
  publish(key: TestSigningKey): void;
  sign(options?: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts a JWKS server on a free loopback port with one published RS256 key. Issuer and audience
 * are random URLs, so no test accidentally relies on a real one.
 */
export async function startTestIssuer(): Promise<TestIssuer> {
  const published: JWK[] = [];
  let fetches = 0;
  const server: Server = createServer((request, response) => {
    if (request.url !== '/jwks.json') return void response.writeHead(404).end();
    fetches += 1;
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `https://issuer-${randomBytes(4).toString('hex')}.example`;
  const audience = `https://mcp-${randomBytes(4).toString('hex')}.example/mcp`;

  async function addKey(options: { alg?: string; publish?: boolean } = {}): Promise<TestSigningKey> {
    const alg = options.alg ?? 'RS256';
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = randomBytes(8).toString('hex');
    const key = { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
    if (options.publish !== false) published.push(key.jwk);
    return key;
  }
  const first = await addKey();

  return {
    issuer,
    audience,
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    fetches: () => fetches,
    addKey,
    publish: (key) => void published.push(key.jwk),
    async sign(options = {}) {
      const key = options.key ?? first;
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ scope: 'fax' })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setSubject(options.subject ?? 'client-1')
        .setIssuedAt(now);
      if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 300));
      if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
      return jwt.sign(key.privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
