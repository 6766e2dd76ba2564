import type { SqlExecutor } from '../data-source/sql-executor';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { DatabaseError } from '../errors/database-error';
import { asUniqueViolation } from '../errors/unique-violation';
import type { ApiKeyRecord } from '../records';

/** What the caller supplies for a new key; the repository stamps `createdAt`. */
export type NewApiKey = Omit<ApiKeyRecord, 'createdAt' | 'lastUsedAt' | 'revokedAt'>;

// Scopes are stored comma-separated, so a comma inside one would split it into two on the way back,
// possibly granting a scope nobody chose.
const SCOPE = /^[^\s,]+$/;
const SCOPES_MAX_LENGTH = 500;

/** API keys. Stores only hashes of secrets; revoked keys stay listed for the audit trail. */
export interface ApiKeyRepository {
  /**
   * Stores a key created now. Rejects with `INVALID_VALUE` when a scope is empty or holds a comma or
   * whitespace, and with `UNIQUE_VIOLATION` when the id or keyId is taken.
   */
  insert(key: NewApiKey): Promise<ApiKeyRecord>;
  /** The key with this public id, revoked or not, or null. */
  findByKeyId(keyId: string): Promise<ApiKeyRecord | null>;
  /** Every key, newest first, revoked included. */
  list(): Promise<ApiKeyRecord[]>;
  /** Number of keys, revoked included. */
  count(): Promise<number>;
  /** Marks the key revoked at `at`; false when unknown, true (keeping the first revocation time) when already revoked. */
  revoke(keyId: string, at: Date): Promise<boolean>;
  /** Rotates the secret: stores the new hash and clears last_used_at; false when unknown or revoked. */
  replaceHash(keyId: string, keyHash: string): Promise<boolean>;
  /** Records that the key authenticated a request at `at`. */
  touchLastUsed(keyId: string, at: Date): Promise<void>;
}

/** {@link ApiKeyRepository} on TypeORM. */
export class SqlApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(key: NewApiKey): Promise<ApiKeyRecord> {
    const row: ApiKeyEntity = {
      id: key.id,
      keyId: key.keyId,
      keyHash: key.keyHash,
      name: key.name,
      owner: key.owner,
      scopes: joinScopes(key.scopes),
      note: key.note,
      createdAt: new Date(),
      lastUsedAt: null,
      expiresAt: key.expiresAt,
      revokedAt: null,
    };
    try {
      await this.sql.run(undefined, ({ manager }) => manager.insert(ApiKeyEntity, row));
    } catch (error) {
      throw asUniqueViolation(error, 'api_keys');
    }
    return toRecord(row);
  }

  async findByKeyId(keyId: string): Promise<ApiKeyRecord | null> {
    const row = await this.sql.run(undefined, ({ manager }) => manager.findOneBy(ApiKeyEntity, { keyId }));
    return row && toRecord(row);
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.sql.run(undefined, ({ manager }) =>
      manager.find(ApiKeyEntity, { order: { createdAt: 'DESC', id: 'DESC' } }),
    );
    return rows.map(toRecord);
  }

  async count(): Promise<number> {
    return this.sql.run(undefined, ({ manager }) => manager.count(ApiKeyEntity));
  }

  async revoke(keyId: string, at: Date): Promise<boolean> {
    const result = await this.sql.run(undefined, ({ manager }) =>
      manager
        .createQueryBuilder()
        .update(ApiKeyEntity)
        .set({ revokedAt: at })
        .where('key_id = :keyId', { keyId })
        .andWhere('revoked_at IS NULL')
        .execute(),
    );
    if (result.affected) return true;
    return (await this.findByKeyId(keyId)) !== null;
  }

  async replaceHash(keyId: string, keyHash: string): Promise<boolean> {
    const result = await this.sql.run(undefined, ({ manager }) =>
      manager
        .createQueryBuilder()
        .update(ApiKeyEntity)
        .set({ keyHash, lastUsedAt: null })
        .where('key_id = :keyId', { keyId })
        .andWhere('revoked_at IS NULL')
        .execute(),
    );
    return Boolean(result.affected);
  }

  async touchLastUsed(keyId: string, at: Date): Promise<void> {
    await this.sql.run(undefined, ({ manager }) => manager.update(ApiKeyEntity, { keyId }, { lastUsedAt: at }));
  }
}

function joinScopes(scopes: string[]): string {
  if (!scopes.every((scope) => SCOPE.test(scope))) {
    throw new DatabaseError('INVALID_VALUE', 'api_keys.scopes: a scope must be non-empty, without commas or whitespace');
  }
  const joined = scopes.join(',');
  if (joined.length > SCOPES_MAX_LENGTH) {
    throw new DatabaseError('INVALID_VALUE', `api_keys.scopes: at most ${SCOPES_MAX_LENGTH} characters in total`);
  }
  return joined;
}

function toRecord(row: ApiKeyEntity): ApiKeyRecord {
  return {
    id: row.id,
    keyId: row.keyId,
    keyHash: row.keyHash,
    name: row.name,
    owner: row.owner,
    scopes: row.scopes === '' ? [] : row.scopes.split(','),
    note: row.note,
    createdAt: new Date(row.createdAt),
    lastUsedAt: row.lastUsedAt && new Date(row.lastUsedAt),
    expiresAt: row.expiresAt && new Date(row.expiresAt),
    revokedAt: row.revokedAt && new Date(row.revokedAt),
  };
}
