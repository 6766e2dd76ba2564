import { timingSafeEqual, createHash, randomBytes } from 'node:crypto';
import { inject, injectable } from 'inversify';
import type { ApiKeyRecord, Database } from '@faxbot/db';
import type { AppConfig } from '../config/app-config';
import { ApiError } from '../errors/api-error';
import { API_TOKENS } from '../tokens';
import { generateApiKeyToken, parseApiKeyToken } from './api-key-token';
import type { Principal } from './principal';
import { ALL_SCOPES, hasScope, isKnownScope, type Scope } from './scopes';
import { hashSecret, verifySecret } from './secret-hash';

/** Fields a client may set when creating a key. */
export interface CreateApiKeyInput {
  name?: string | null;
  owner?: string | null;
  scopes?: string[];
  expiresAt?: Date | null;
  note?: string | null;
}

const DEFAULT_SCOPES = ['fax:send', 'fax:read'];

// Comparing digests keeps the comparison constant-time even when lengths differ.
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** API keys: the bootstrap key, database keys stored as scrypt hashes, scopes, expiry and revocation. */
@injectable()
export class ApiKeyService {
  constructor(
    @inject(API_TOKENS.Database) private readonly db: Database,
    @inject(API_TOKENS.Config) private readonly config: AppConfig,
  ) {}

  /** Resolves a presented `X-API-Key` to a principal, or null when it is missing or not valid now. */
  async authenticate(presented: string | undefined): Promise<Principal | null> {
    if (presented === undefined || presented === '') return null;
    if (this.config.bootstrapApiKey !== '' && sameSecret(presented, this.config.bootstrapApiKey)) {
      return { keyId: 'env', scopes: [ALL_SCOPES] };
    }
    const parsed = parseApiKeyToken(presented);
    if (parsed === null) return null;
    const record = await this.db.apiKeys.findByKeyId(parsed.keyId);
    if (record === null || record.revokedAt !== null) return null;
    if (record.expiresAt !== null && record.expiresAt.getTime() <= Date.now()) return null;
    if (!(await verifySecret(parsed.secret, record.keyHash))) return null;
    await this.db.apiKeys.touchLastUsed(record.keyId, new Date());
    return { keyId: record.keyId, scopes: record.scopes };
  }

  /** Creates a key; the plaintext token is returned once and never stored. */
  async create(input: CreateApiKeyInput, creator: Principal): Promise<{ record: ApiKeyRecord; token: string }> {
    const scopes = input.scopes ?? DEFAULT_SCOPES;
    for (const scope of scopes) {
      if (!isKnownScope(scope)) throw new ApiError('BAD_REQUEST', `Unknown scope: ${scope}`);
      // A key can hand out only what it holds, so keys:manage alone cannot mint an all-powerful key.
      const held = scope === ALL_SCOPES ? creator.scopes.includes(ALL_SCOPES) : hasScope(creator.scopes, scope as Scope);
      if (!held) throw new ApiError('FORBIDDEN', `Cannot grant a scope you do not hold: ${scope}`);
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw new ApiError('BAD_REQUEST', 'expires_at must be in the future');
    }
    const generated = generateApiKeyToken();
    const record = await this.db.apiKeys.insert({
      id: randomBytes(16).toString('hex'),
      keyId: generated.keyId,
      keyHash: await hashSecret(generated.secret),
      name: input.name ?? null,
      owner: input.owner ?? null,
      scopes: [...new Set(scopes)],
      note: input.note ?? null,
      expiresAt: input.expiresAt ?? null,
    });
    return { record, token: generated.token };
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.db.apiKeys.list();
  }

  async revoke(keyId: string): Promise<void> {
    if (!(await this.db.apiKeys.revoke(keyId, new Date()))) throw new ApiError('NOT_FOUND', 'Key not found');
  }

  /** Replaces a key's secret; the old token stops working at once. */
  async rotate(keyId: string): Promise<{ keyId: string; token: string }> {
    const generated = generateApiKeyToken(keyId);
    if (!(await this.db.apiKeys.replaceHash(keyId, await hashSecret(generated.secret)))) {
      throw new ApiError('NOT_FOUND', 'Key not found');
    }
    return { keyId, token: generated.token };
  }

  /**
   * Secure first run: with authentication required, no `API_KEY` and no key in the database,
   * creates an admin key and returns its token so the CLI can show it once. Otherwise null.
   */
  async ensureFirstRunAdminKey(): Promise<string | null> {
    if (!this.config.requireApiKey || this.config.bootstrapApiKey !== '') return null;
    if ((await this.db.apiKeys.count()) > 0) return null;
    const { token } = await this.create(
      { name: 'admin (first run)', owner: 'faxbot', scopes: [ALL_SCOPES], note: 'Created on first start; shown once.' },
      { keyId: 'first-run', scopes: [ALL_SCOPES] },
    );
    return token;
  }
}
