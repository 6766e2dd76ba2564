import 'reflect-metadata';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { AttemptState } from '../records';
import { FaxJobEntity } from './fax-job.entity';
import { millisTransformer } from './millis.transformer';

/** Row of `fax_attempts`; mirrors the migration, never leaves this package. */
@Entity({ name: 'fax_attempts' })
@Index('IDX_fax_attempts_job_id', ['jobId'])
@Unique('UQ_fax_attempts_idempotency_key', ['idempotencyKey'])
@Unique('UQ_fax_attempts_job_id_attempt_no', ['jobId', 'attemptNo'])
export class FaxAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'job_id', type: 'varchar', length: 40 })
  jobId!: string;

  // Declared only so the entity describes the migration's foreign key; never loaded.
  @ManyToOne(() => FaxJobEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'FK_fax_attempts_job_id' })
  job?: FaxJobEntity;

  @Column({ name: 'attempt_no', type: 'integer' })
  attemptNo!: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 24 })
  state!: AttemptState;

  @Column({ name: 'provider_sid', type: 'varchar', length: 128, nullable: true })
  providerSid!: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'started_at', type: 'bigint', transformer: millisTransformer })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'bigint', nullable: true, transformer: millisTransformer })
  finishedAt!: Date | null;
}
