import { createHash, randomBytes } from 'node:crypto';
import { inject, injectable } from 'inversify';
import type { Database, DocumentTokenSubject } from '@faxbot/db';
import type { Logger } from '@faxbot/audit';
import type { AppConfig } from '../config/app-config';
import { API_TOKENS } from '../tokens';

/** A minted download link. The token is shown once and never stored. */
export interface DocumentLink {
  token: string;
  url: string;
  expiresAt: Date;
}

/** Why a token did not open a document. */
export type TokenCheck = 'ok' | 'invalid' | 'expired';

const PATHS: Record<DocumentTokenSubject, string> = { fax: 'fax', inbound: 'inbound' };

function hashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Tokenised document links, `GET /fax/{id}/pdf?token=` and `GET /inbound/{id}/pdf?token=`: 32
 * random bytes, only their SHA-256 kept in the database (a leaked table opens nothing), a lifetime
 * per link, usable without an API key. A token opens only the document it was minted for.
 */
@injectable()
export class DocumentLinkService {
  constructor(
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(API_TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async mint(subjectKind: DocumentTokenSubject, subjectId: string, ttlSeconds: number): Promise<DocumentLink> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    await this.db.documentTokens.insert({ subjectKind, subjectId, tokenHash: hashOf(token), expiresAt });
    this.logger.info({ event: 'document.link_created', subject: subjectKind, id: subjectId, expiresAt: expiresAt.toISOString() }, 'document link created');
    return { token, url: `${this.config.publicApiUrl}/${PATHS[subjectKind]}/${subjectId}/pdf?token=${token}`, expiresAt };
  }

  /**
   * Checks `token` for the document. The lookup is by hash, so no comparison of secret bytes
   * happens in this process; the subject is compared as well, so a token never opens another
   * document.
   */
  async check(subjectKind: DocumentTokenSubject, subjectId: string, token: string): Promise<TokenCheck> {
    if (token.length < 16 || token.length > 128) return 'invalid';
    const record = await this.db.documentTokens.findByHash(hashOf(token));
    if (record === null || record.subjectKind !== subjectKind || record.subjectId !== subjectId) return 'invalid';
    return record.expiresAt.getTime() <= Date.now() ? 'expired' : 'ok';
  }
}
