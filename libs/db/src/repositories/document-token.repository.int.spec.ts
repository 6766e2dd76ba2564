import { createHash, randomBytes } from 'node:crypto';
import type { DocumentTokenSubject } from '../records';
import { newId } from '../new-id';
import { TEST_DATABASE_KINDS, useTestDatabase } from '../testing/test-database.test-helpers';

const T = Date.UTC(2030, 0, 1);
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const newHash = () => hashOf(randomBytes(16).toString('base64url'));

function newToken(overrides: Partial<{ subjectKind: DocumentTokenSubject; subjectId: string; tokenHash: string; expiresAt: Date }> = {}) {
  return { subjectKind: 'inbound' as const, subjectId: newId(), tokenHash: newHash(), expiresAt: new Date(T), ...overrides };
}

describe.each(TEST_DATABASE_KINDS)('DocumentTokenRepository on %s', (kind) => {
  const ctx = useTestDatabase(kind);

  it('stores a token hash and finds it by hash, expired or not', async () => {
    const input = newToken({ subjectKind: 'fax', expiresAt: new Date(Date.UTC(2000, 0, 1)) });

    const inserted = await ctx.db.documentTokens.insert(input);

    expect(inserted).toEqual({ ...input, id: expect.any(String), createdAt: expect.any(Date) });
    await expect(ctx.db.documentTokens.findByHash(input.tokenHash)).resolves.toEqual(inserted);
    await expect(ctx.db.documentTokens.findByHash(newHash())).resolves.toBeNull();
  });

  it.each([
    ['the raw token', randomBytes(32).toString('base64url')],
    ['upper-case hex', newHash().toUpperCase()],
    ['a truncated digest', newHash().slice(1)],
  ])('rejects %s instead of a sha256 hex digest with INVALID_VALUE', async (_case, tokenHash) => {
    await expect(ctx.db.documentTokens.insert(newToken({ tokenHash }))).rejects.toMatchObject({ code: 'INVALID_VALUE' });
  });

  it('rejects an unknown subject kind with INVALID_VALUE', async () => {
    const token = newToken({ subjectKind: 'outbound' as DocumentTokenSubject });

    await expect(ctx.db.documentTokens.insert(token)).rejects.toMatchObject({ code: 'INVALID_VALUE' });
  });

  it('rejects a stored hash with UNIQUE_VIOLATION', async () => {
    const token = newToken();
    await ctx.db.documentTokens.insert(token);

    await expect(ctx.db.documentTokens.insert(newToken({ tokenHash: token.tokenHash }))).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
  });

  it('deletes the tokens of one subject only', async () => {
    const subjectId = newId();
    const mine = [newToken({ subjectId }), newToken({ subjectId })];
    const sameIdOtherKind = newToken({ subjectId, subjectKind: 'fax' });
    for (const token of [...mine, sameIdOtherKind]) await ctx.db.documentTokens.insert(token);

    await expect(ctx.db.documentTokens.deleteForSubject('inbound', subjectId)).resolves.toBe(2);
    await expect(ctx.db.documentTokens.deleteForSubject('inbound', subjectId)).resolves.toBe(0);
    await expect(ctx.db.documentTokens.findByHash(mine[0]!.tokenHash)).resolves.toBeNull();
    await expect(ctx.db.documentTokens.findByHash(sameIdOtherKind.tokenHash)).resolves.not.toBeNull();
  });
});

describe.each(TEST_DATABASE_KINDS)('DocumentTokenRepository expiry on %s', (kind) => {
  // A database of its own: deleteExpired is global and its count must not include other tests' tokens.
  const ctx = useTestDatabase(kind);

  it('deletes tokens that expire at or before now and keeps later ones', async () => {
    const expired = [newToken({ expiresAt: new Date(T - 1) }), newToken({ expiresAt: new Date(T) })];
    const valid = newToken({ expiresAt: new Date(T + 1) });
    for (const token of [...expired, valid]) await ctx.db.documentTokens.insert(token);

    await expect(ctx.db.documentTokens.deleteExpired(new Date(T))).resolves.toBe(2);
    await expect(ctx.db.documentTokens.findByHash(expired[1]!.tokenHash)).resolves.toBeNull();
    await expect(ctx.db.documentTokens.findByHash(valid.tokenHash)).resolves.toMatchObject({ expiresAt: new Date(T + 1) });
    await expect(ctx.db.documentTokens.deleteExpired(new Date(T))).resolves.toBe(0);
  });
});
