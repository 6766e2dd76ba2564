import type { LocalEncryptedStorageOptions } from '../local/local-encrypted.storage';
import type { S3StorageOptions } from '../s3/s3.storage';

/** Which driver to build, with its options; see {@link createStorageFromConfig}. */
export type StorageConfig = { backend: 'local'; local: LocalEncryptedStorageOptions } | { backend: 's3'; s3: S3StorageOptions };
