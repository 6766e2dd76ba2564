import type { NewApiKey } from './api-key.repository';
import { newId } from '../new-id';
import { TEST_DATABASE_KINDS, useTestDatabase } from '../testing/test-database.test-helpers';

function newKey(overrides: Partial<NewApiKey> = {}): NewApiKey {
  return {
    id: newId(),
    keyId: newId().slice(0, 12),
    keyHash: 'pbkdf2$hash',
    name: 'billing',
    owner: 'ops@example.test',
    scopes: ['fax:send', 'fax:read'],
    note: null,
    expiresAt: null,
    ...overrides,
  };
}

describe.each(TEST_DATABASE_KINDS)('ApiKeyRepository on %s', (kind) => {
  const ctx = useTestDatabase(kind);

  it('inserts a key and reads it back with its scopes', async () => {
    const expiresAt = new Date(Date.UTC(2030, 0, 1));
    const input = newKey({ expiresAt, note: 'for the EHR' });

    const inserted = await ctx.db.apiKeys.insert(input);

    expect(inserted).toEqual({ ...input, createdAt: expect.any(Date), lastUsedAt: null, revokedAt: null });
    await expect(ctx.db.apiKeys.findByKeyId(input.keyId)).resolves.toEqual(inserted);
  });

  it('stores an empty scope list', async () => {
    const key = await ctx.db.apiKeys.insert(newKey({ scopes: [] }));

    await expect(ctx.db.apiKeys.findByKeyId(key.keyId)).resolves.toMatchObject({ scopes: [] });
  });

  it.each([['has,comma'], ['has space'], ['']])('rejects the scope %p with INVALID_VALUE', async (scope) => {
    await expect(ctx.db.apiKeys.insert(newKey({ scopes: ['fax:send', scope] }))).rejects.toMatchObject({ code: 'INVALID_VALUE' });
  });

  it('rejects a duplicate keyId with UNIQUE_VIOLATION', async () => {
    const key = await ctx.db.apiKeys.insert(newKey());

    await expect(ctx.db.apiKeys.insert(newKey({ keyId: key.keyId }))).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
  });

  it('lists keys newest first, revoked included, and counts them', async () => {
    const older = await ctx.db.apiKeys.insert(newKey());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await ctx.db.apiKeys.insert(newKey());
    await ctx.db.apiKeys.revoke(older.keyId, new Date());

    const list = await ctx.db.apiKeys.list();

    const ids = list.map((key) => key.keyId);
    expect(ids.indexOf(newer.keyId)).toBeLessThan(ids.indexOf(older.keyId));
    await expect(ctx.db.apiKeys.count()).resolves.toBe(list.length);
  });

  it('revokes once and stays revoked at the first time', async () => {
    const key = await ctx.db.apiKeys.insert(newKey());
    const first = new Date(Date.UTC(2026, 0, 1));

    await expect(ctx.db.apiKeys.revoke(key.keyId, first)).resolves.toBe(true);
    await expect(ctx.db.apiKeys.revoke(key.keyId, new Date())).resolves.toBe(true);
    await expect(ctx.db.apiKeys.revoke('unknown', new Date())).resolves.toBe(false);
    await expect(ctx.db.apiKeys.findByKeyId(key.keyId)).resolves.toMatchObject({ revokedAt: first });
  });

  it('rotates the hash of an active key and clears lastUsedAt', async () => {
    const key = await ctx.db.apiKeys.insert(newKey());
    const usedAt = new Date(Date.UTC(2026, 5, 1, 12, 0, 0, 123));
    await ctx.db.apiKeys.touchLastUsed(key.keyId, usedAt);
    await expect(ctx.db.apiKeys.findByKeyId(key.keyId)).resolves.toMatchObject({ lastUsedAt: usedAt });

    await expect(ctx.db.apiKeys.replaceHash(key.keyId, 'pbkdf2$new')).resolves.toBe(true);

    await expect(ctx.db.apiKeys.findByKeyId(key.keyId)).resolves.toMatchObject({ keyHash: 'pbkdf2$new', lastUsedAt: null });
  });

  it('does not rotate an unknown or revoked key', async () => {
    const key = await ctx.db.apiKeys.insert(newKey());
    await ctx.db.apiKeys.revoke(key.keyId, new Date());

    await expect(ctx.db.apiKeys.replaceHash(key.keyId, 'pbkdf2$new')).resolves.toBe(false);
    await expect(ctx.db.apiKeys.replaceHash('unknown', 'pbkdf2$new')).resolves.toBe(false);
    await expect(ctx.db.apiKeys.findByKeyId(key.keyId)).resolves.toMatchObject({ keyHash: key.keyHash });
  });
});
