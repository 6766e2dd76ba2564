import { join } from 'node:path';
import { StorageError } from '../storage.error';
import type { StorageConfig } from './storage-config';

/** What {@link storageConfigFromEnv} needs besides the environment. */
export interface StorageEnvOptions {
  /** `FAX_DATA_DIR`; local objects go to `<dataDir>/storage`. */
  dataDir: string;
  /** The loaded master key (`FAXBOT_SECRET_KEY` or `<FAX_DATA_DIR>/secret.key`). */
  masterKey: Buffer;
  /** The gateway's public URL (`PUBLIC_API_URL`), the base of local download URLs. */
  baseUrl?: string;
}

/** The variables read, all from the original Faxbot except `S3_FORCE_PATH_STYLE`. */
export const STORAGE_ENV_NAMES = ['STORAGE_BACKEND', 'S3_BUCKET', 'S3_PREFIX', 'S3_REGION', 'S3_ENDPOINT_URL', 'S3_KMS_KEY_ID', 'S3_FORCE_PATH_STYLE'] as const;

function value(env: Readonly<Record<string, string | undefined>>, name: (typeof STORAGE_ENV_NAMES)[number]): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function invalid(message: string): StorageError {
  return new StorageError('CONFIG_INVALID', message);
}

/**
 * Maps the original Faxbot variables to a {@link StorageConfig}: `STORAGE_BACKEND` (`local`, the
 * default, or `s3`), `S3_BUCKET` (required for `s3`), `S3_PREFIX`, `S3_REGION`, `S3_ENDPOINT_URL`
 * (an S3-compatible server; path-style addressing unless `S3_FORCE_PATH_STYLE=false`) and
 * `S3_KMS_KEY_ID` (SSE-KMS). AWS credentials are not read here: the AWS SDK's default chain finds
 * them (environment, shared profile, instance or task role). The caller passes the environment;
 * this library never reads `process.env`.
 *
 * @example
 * const config = storageConfigFromEnv(process.env, { dataDir: appConfig.dataDir, masterKey, baseUrl: appConfig.publicApiUrl });
 */
export function storageConfigFromEnv(env: Readonly<Record<string, string | undefined>>, options: StorageEnvOptions): StorageConfig {
  const backend = (value(env, 'STORAGE_BACKEND') ?? 'local').toLowerCase();
  if (backend === 'local') {
    return { backend: 'local', local: { rootDir: join(options.dataDir, 'storage'), masterKey: options.masterKey, baseUrl: options.baseUrl } };
  }
  if (backend !== 's3') throw invalid(`STORAGE_BACKEND must be "local" or "s3", not "${backend}"`);

  const bucket = value(env, 'S3_BUCKET');
  if (bucket === undefined) throw invalid('STORAGE_BACKEND=s3 needs S3_BUCKET (the bucket that holds fax documents)');
  const endpoint = value(env, 'S3_ENDPOINT_URL');
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/i.test(endpoint)) throw invalid('S3_ENDPOINT_URL must be an http(s) URL, such as https://s3.example.com');
  const pathStyle = value(env, 'S3_FORCE_PATH_STYLE')?.toLowerCase();
  if (pathStyle !== undefined && pathStyle !== 'true' && pathStyle !== 'false') throw invalid('S3_FORCE_PATH_STYLE must be "true" or "false"');
  return {
    backend: 's3',
    s3: {
      bucket,
      prefix: value(env, 'S3_PREFIX'),
      region: value(env, 'S3_REGION'),
      endpoint,
      forcePathStyle: pathStyle === undefined ? endpoint !== undefined : pathStyle === 'true',
      kmsKeyId: value(env, 'S3_KMS_KEY_ID'),
    },
  };
}
