import type { DocumentStorage } from '../document-storage';
import { LocalEncryptedStorage, type LocalEncryptedStorageOptions } from '../local/local-encrypted.storage';
import { S3Storage, type S3StorageOptions } from '../s3/s3.storage';
import { StorageError } from '../storage.error';
import type { StorageConfig } from './storage-config';

/**
 * Builds the configured driver. Throws `CONFIG_INVALID` when the backend is unknown or its options
 * are missing (the config may come from a JSON store, so the shape is checked at run time too).
 *
 * @example
 * const storage = createStorageFromConfig(storageConfigFromEnv(process.env, { dataDir, masterKey }));
 */
export function createStorageFromConfig(config: StorageConfig): DocumentStorage {
  const candidate = config as { backend?: unknown; local?: unknown; s3?: unknown };
  if (candidate.backend === 'local') {
    if (typeof candidate.local !== 'object' || candidate.local === null) throw new StorageError('CONFIG_INVALID', 'storage backend "local" needs its local options');
    return new LocalEncryptedStorage(candidate.local as LocalEncryptedStorageOptions);
  }
  if (candidate.backend === 's3') {
    if (typeof candidate.s3 !== 'object' || candidate.s3 === null) throw new StorageError('CONFIG_INVALID', 'storage backend "s3" needs its s3 options');
    return new S3Storage(candidate.s3 as S3StorageOptions);
  }
  throw new StorageError('CONFIG_INVALID', 'storage backend must be "local" or "s3"');
}
