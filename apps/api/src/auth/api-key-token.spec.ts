import { generateApiKeyToken, parseApiKeyToken } from './api-key-token';
import { hashSecret, verifySecret } from './secret-hash';

describe('API key tokens', () => {
  it('round-trips a generated token, including secrets that contain underscores', () => {
    for (let i = 0; i < 50; i += 1) {
      const generated = generateApiKeyToken();
      expect(generated.token).toMatch(/^fbk_live_[a-f0-9]{12}_[A-Za-z0-9_-]{43}$/);
      expect(parseApiKeyToken(generated.token)).toEqual({ keyId: generated.keyId, secret: generated.secret });
    }
  });

  it.each(['', 'fbk_live_', 'fbk_test_abcdefabcdef_xxxxxxxxxxxxxxxxxxxx', 'fbk_live_ABC_xxxxxxxxxxxxxxxxxxxx', 'fbk_live_abcdefabcdef_short', 'some-env-key'])(
    'rejects %j',
    (token) => {
      expect(parseApiKeyToken(token)).toBeNull();
    },
  );
});

describe('secret hashes', () => {
  it('verifies the right secret only, and stores no plaintext', async () => {
    const stored = await hashSecret('correct horse');
    expect(stored).toMatch(/^scrypt\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+\$n=16384\$r=8\$p=1$/);
    expect(stored).not.toContain('correct');
    expect(await verifySecret('correct horse', stored)).toBe(true);
    expect(await verifySecret('correct horsf', stored)).toBe(false);
  });

  it('uses a fresh salt each time and rejects malformed hashes', async () => {
    expect(await hashSecret('x')).not.toBe(await hashSecret('x'));
    expect(await verifySecret('x', 'pbkdf2$abc')).toBe(false);
  });
});
