import type { SqlExecutor } from '../data-source/sql-executor';
import { DocumentTokenEntity } from '../entities/document-token.entity';
import { DatabaseError } from '../errors/database-error';
import { asUniqueViolation } from '../errors/unique-violation';
import { newId } from '../new-id';
import type { DocumentTokenRecord, DocumentTokenSubject } from '../records';

// Storing anything but a digest would put a usable credential in the database (and its backups).
const SHA256_HEX = /^[0-9a-f]{64}$/;
const SUBJECT_KINDS: readonly DocumentTokenSubject[] = ['fax', 'inbound'];

/** Download tokens for fax documents. Only a sha256 of each token is stored, never the token itself. */
export interface DocumentTokenRepository {
  /**
   * Stores a token created now. Rejects with `INVALID_VALUE` unless `tokenHash` is 64 lower-case hex
   * characters (a sha256 hex digest) and `subjectKind` is `fax` or `inbound`, and with
   * `UNIQUE_VIOLATION` when the hash is already stored.
   */
  insert(token: { subjectKind: DocumentTokenSubject; subjectId: string; tokenHash: string; expiresAt: Date }): Promise<DocumentTokenRecord>;
  /**
   * The token whose sha256 hex is `tokenHash`, expired or not (the caller compares `expiresAt`, so it can
   * tell an expired token from an unknown one), or null.
   */
  findByHash(tokenHash: string): Promise<DocumentTokenRecord | null>;
  /** Deletes tokens with `expiresAt` at or before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
  /** Deletes every token of one fax job or inbound fax (e.g. when its document is deleted); returns how many. */
  deleteForSubject(kind: DocumentTokenSubject, subjectId: string): Promise<number>;
}

/** {@link DocumentTokenRepository} on TypeORM. */
export class SqlDocumentTokenRepository implements DocumentTokenRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(token: { subjectKind: DocumentTokenSubject; subjectId: string; tokenHash: string; expiresAt: Date }): Promise<DocumentTokenRecord> {
    if (!SHA256_HEX.test(token.tokenHash)) {
      throw new DatabaseError('INVALID_VALUE', 'document_tokens.token_hash: expected a lower-case sha256 hex digest');
    }
    if (!SUBJECT_KINDS.includes(token.subjectKind)) {
      throw new DatabaseError('INVALID_VALUE', 'document_tokens.subject_kind: expected fax or inbound');
    }
    const row: DocumentTokenEntity = {
      id: newId(),
      subjectKind: token.subjectKind,
      subjectId: token.subjectId,
      tokenHash: token.tokenHash,
      expiresAt: token.expiresAt,
      createdAt: new Date(),
    };
    try {
      await this.sql.run(undefined, ({ manager }) => manager.insert(DocumentTokenEntity, row));
    } catch (error) {
      throw asUniqueViolation(error, 'document_tokens');
    }
    return toRecord(row);
  }

  async findByHash(tokenHash: string): Promise<DocumentTokenRecord | null> {
    const row = await this.sql.run(undefined, ({ manager }) => manager.findOneBy(DocumentTokenEntity, { tokenHash }));
    return row && toRecord(row);
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.sql.run(undefined, ({ manager }) =>
      manager
        .createQueryBuilder()
        .delete()
        .from(DocumentTokenEntity)
        .where('expires_at <= :now', { now: now.getTime() })
        .execute(),
    );
    return result.affected ?? 0;
  }

  async deleteForSubject(kind: DocumentTokenSubject, subjectId: string): Promise<number> {
    const result = await this.sql.run(undefined, ({ manager }) => manager.delete(DocumentTokenEntity, { subjectKind: kind, subjectId }));
    return result.affected ?? 0;
  }
}

function toRecord(row: DocumentTokenEntity): DocumentTokenRecord {
  return {
    id: row.id,
    subjectKind: row.subjectKind,
    subjectId: row.subjectId,
    tokenHash: row.tokenHash,
    expiresAt: new Date(row.expiresAt),
    createdAt: new Date(row.createdAt),
  };
}
