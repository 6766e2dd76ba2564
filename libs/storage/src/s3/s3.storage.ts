import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type HeadObjectCommandOutput,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { MAX_SIGNED_URL_SECONDS, type DocumentStorage, type PutOptions, type SignedUrlOptions, type StoredObject } from '../document-storage';
import { assertValidContentType, assertValidLifetime, assertValidStorageKey, assertValidStoragePrefix, isValidStorageKey } from '../input-validation';
import { StorageError } from '../storage.error';
import { collectContent } from './collect-content';
import { verifyDownload } from './verify-download';

/** Options for {@link S3Storage}. */
export interface S3StorageOptions {
  bucket: string;
  /** Prepended to every key, e.g. `faxbot/` (`S3_PREFIX`); default none. */
  prefix?: string;
  /** `S3_REGION`; when absent the AWS SDK's own region chain decides. */
  region?: string;
  /** An S3-compatible server's URL (`S3_ENDPOINT_URL`). */
  endpoint?: string;
  /** Path-style addressing (`http://host/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle?: boolean;
  /** Explicit credentials; normally absent, so the SDK's default chain (environment, profile, role) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** A KMS key id or ARN (`S3_KMS_KEY_ID`): objects are written with SSE-KMS and a bucket key; otherwise SSE-S3 (`AES256`). */
  kmsKeyId?: string;
  /** Largest object `put` accepts, held in memory while uploading (default 64 MiB). */
  maxObjectBytes?: number;
  /** Keys per `ListObjectsV2` page (default 1000). */
  listPageSize?: number;
  /** A ready client, e.g. one shared with other code; the connection options above are then ignored. */
  client?: S3Client;
  /** Clock, for tests. */
  now?: () => Date;
}

const DEFAULT_MAX_OBJECT_BYTES = 64 * 1024 * 1024;
const HEAD_CONCURRENCY = 8;
const SHA256_METADATA = 'sha256';
const HEX_SHA256 = /^[0-9a-f]{64}$/;

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

function backendFailed(error: unknown, action: string, key: string): StorageError {
  if (StorageError.is(error)) return error;
  const name = (error as { name?: string } | null)?.name ?? 'error';
  return new StorageError('BACKEND_FAILED', `S3 could not ${action} ${key} (${name})`, { cause: error });
}

function digestOf(metadata: Record<string, string> | undefined): string | null {
  const value = metadata?.[SHA256_METADATA];
  return value !== undefined && HEX_SHA256.test(value) ? value : null;
}

/**
 * Documents in an S3 bucket (or an S3-compatible server). Every put asks for server-side
 * encryption (SSE-KMS with a bucket key when `kmsKeyId` is set, else SSE-S3), sends a SHA-256
 * checksum that S3 verifies, and records the digest in the object metadata. Download URLs are
 * presigned GETs of at most 15 minutes.
 *
 * @example
 * const storage = new S3Storage({ bucket: 'faxbot-docs', prefix: 'faxbot/', region: 'us-east-1', kmsKeyId: 'alias/faxbot' });
 * await storage.put('outbound/3f9a.pdf', pdfBuffer, { contentType: 'application/pdf' });
 * const url = await storage.signedUrl('outbound/3f9a.pdf', { expiresInSeconds: 300 });
 */
export class S3Storage implements DocumentStorage {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly kmsKeyId: string | undefined;
  private readonly maxObjectBytes: number;
  private readonly listPageSize: number;
  private readonly now: () => Date;

  constructor(options: S3StorageOptions) {
    if (typeof options.bucket !== 'string' || options.bucket.trim() === '') throw new StorageError('CONFIG_INVALID', 'an S3 bucket is required (S3_BUCKET)');
    const prefix = options.prefix ?? '';
    try {
      assertValidStoragePrefix(prefix);
    } catch (error) {
      throw new StorageError('CONFIG_INVALID', 'the S3 prefix (S3_PREFIX) may hold only A-Z a-z 0-9 / _ . - and must not start with "/"', { cause: error });
    }
    this.bucket = options.bucket;
    this.prefix = prefix;
    this.kmsKeyId = options.kmsKeyId === '' ? undefined : options.kmsKeyId;
    this.maxObjectBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    this.listPageSize = options.listPageSize ?? 1000;
    this.now = options.now ?? (() => new Date());
    this.client =
      options.client ??
      new S3Client({
        region: options.region,
        endpoint: options.endpoint,
        forcePathStyle: options.forcePathStyle,
        credentials: options.credentials,
      });
  }

  async put(key: string, content: Buffer | Readable, options: PutOptions = {}): Promise<StoredObject> {
    assertValidStorageKey(key);
    assertValidContentType(options.contentType);
    if (!Buffer.isBuffer(content) && !(content instanceof Readable)) throw new StorageError('INVALID_ARGUMENT', 'content must be a Buffer or a Readable');
    const { bytes, sha256 } = await collectContent(content, this.maxObjectBytes, key);
    const input: PutObjectCommandInput = {
      Bucket: this.bucket,
      Key: this.prefix + key,
      Body: bytes,
      ContentLength: bytes.length,
      ContentType: options.contentType,
      ChecksumSHA256: sha256.toString('base64'),
      Metadata: { [SHA256_METADATA]: sha256.toString('hex') },
      ...(this.kmsKeyId === undefined
        ? { ServerSideEncryption: 'AES256' as const }
        : { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: this.kmsKeyId, BucketKeyEnabled: true }),
    };
    try {
      await this.client.send(new PutObjectCommand(input));
    } catch (error) {
      throw backendFailed(error, 'store', key);
    }
    const stored: StoredObject = { key, sizeBytes: bytes.length, sha256: sha256.toString('hex'), createdAt: this.now() };
    if (options.contentType !== undefined) stored.contentType = options.contentType;
    return stored;
  }

  async get(key: string): Promise<Readable> {
    assertValidStorageKey(key);
    let output;
    try {
      output = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
    } catch (error) {
      if (isNotFound(error)) throw new StorageError('NOT_FOUND', `no object ${key}`, { cause: error });
      throw backendFailed(error, 'read', key);
    }
    const body = output.Body as unknown;
    if (!(body instanceof Readable)) throw new StorageError('BACKEND_FAILED', `S3 returned no stream for ${key}`);
    const verified = Readable.from(verifyDownload(body, { key, sizeBytes: output.ContentLength, sha256: digestOf(output.Metadata) }), { objectMode: false });
    // Release the connection even when the caller destroys the stream without reading it.
    verified.once('close', () => body.destroy());
    return verified;
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
    } catch (error) {
      if (!isNotFound(error)) throw backendFailed(error, 'delete', key);
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertValidStorageKey(key);
    let head: HeadObjectCommandOutput;
    try {
      head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw backendFailed(error, 'read', key);
    }
    const stored: StoredObject = { key, sizeBytes: head.ContentLength ?? 0, sha256: digestOf(head.Metadata), createdAt: head.LastModified ?? new Date(0) };
    if (head.ContentType !== undefined) stored.contentType = head.ContentType;
    return stored;
  }

  /** Lists page by page, then reads each object's digest with a HEAD request (eight at a time). */
  async list(prefix: string): Promise<StoredObject[]> {
    assertValidStoragePrefix(prefix);
    const keys: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix + prefix, ContinuationToken: token, MaxKeys: this.listPageSize }),
        );
        for (const item of page.Contents ?? []) {
          const key = item.Key?.slice(this.prefix.length);
          // Objects this API could not address (foreign names under the prefix) are left out.
          if (key !== undefined && isValidStorageKey(key)) keys.push(key);
        }
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    } catch (error) {
      throw backendFailed(error, 'list', prefix === '' ? 'the bucket' : prefix);
    }
    const found: (StoredObject | null)[] = new Array(keys.length).fill(null);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < keys.length) {
        const index = next++;
        found[index] = await this.stat(keys[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(HEAD_CONCURRENCY, keys.length) }, worker));
    return found.filter((item): item is StoredObject => item !== null).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    assertValidStorageKey(key);
    assertValidLifetime(options.expiresInSeconds, MAX_SIGNED_URL_SECONDS);
    try {
      return await getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }), {
        expiresIn: options.expiresInSeconds,
        signingDate: this.now(),
      });
    } catch (error) {
      throw backendFailed(error, 'sign a URL for', key);
    }
  }
}
