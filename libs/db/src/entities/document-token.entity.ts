import 'reflect-metadata';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { DocumentTokenSubject } from '../records';
import { millisTransformer } from './millis.transformer';

/** Row of `document_tokens`; mirrors the migration, never leaves this package. */
@Entity({ name: 'document_tokens' })
@Unique('UQ_document_tokens_token_hash', ['tokenHash'])
@Index('IDX_document_tokens_subject_kind_subject_id', ['subjectKind', 'subjectId'])
@Index('IDX_document_tokens_expires_at', ['expiresAt'])
export class DocumentTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'subject_kind', type: 'varchar', length: 16 })
  subjectKind!: DocumentTokenSubject;

  @Column({ name: 'subject_id', type: 'varchar', length: 40 })
  subjectId!: string;

  /** Hex sha256 of the token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'bigint', transformer: millisTransformer })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: 'bigint', transformer: millisTransformer })
  createdAt!: Date;
}
