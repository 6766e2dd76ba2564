import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describeStorageContract, expectSameBytes, readAll, storageErrorCode } from '../testing';
import { S3Storage, type S3StorageOptions } from './s3.storage';
import { startLoopbackS3, type LoopbackS3 } from './s3rver.test-helpers';

// s3rver checks neither request signatures nor SSE headers: it proves the wire format and the
// round trips. What this driver asks S3 to do (SSE-KMS, checksums, presign lifetimes) is asserted
// on the commands and serialized requests the real SDK client builds, captured by a middleware.

const BUCKET = 'faxbot-documents';
let s3: LoopbackS3;

beforeAll(async () => {
  s3 = await startLoopbackS3();
  await s3.createBucket(BUCKET);
});

afterAll(async () => {
  await s3.stop();
});

describeStorageContract('S3Storage on s3rver', () =>
  new S3Storage({
    bucket: BUCKET,
    prefix: 'faxbot/',
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  }),
);

interface CapturedCommand {
  command: string;
  input: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Records every command's input and its serialized headers on the client, then lets it proceed. */
function captureCommands(client: S3Client): CapturedCommand[] {
  const captured: CapturedCommand[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { headers?: Record<string, string> } | undefined;
      captured.push({ command: String(context.commandName), input: args.input as Record<string, unknown>, headers: { ...(request?.headers ?? {}) } });
      return next(args);
    },
    { step: 'build', name: 'faxbotCaptureCommands' },
  );
  return captured;
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

describe('S3Storage requests', () => {
  let client: S3Client;
  let captured: CapturedCommand[];
  const storageWith = (options: Partial<S3StorageOptions> = {}) => new S3Storage({ bucket: BUCKET, prefix: 'requests/', client, ...options });

  beforeEach(() => {
    client = s3.newClient();
    captured = captureCommands(client);
  });

  afterEach(() => {
    client.destroy();
  });

  it('asks for SSE-KMS with the key id and a bucket key on every put when kmsKeyId is set', async () => {
    const kmsKeyId = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const content = Buffer.from('%PDF-1.7 kms');
    await storageWith({ kmsKeyId }).put('kms.pdf', content, { contentType: 'application/pdf' });
    await storageWith({ kmsKeyId }).put('kms-stream.pdf', Readable.from([content]));
    const puts = captured.filter((call) => call.command === 'PutObjectCommand');
    expect(puts).toHaveLength(2);
    for (const put of puts) {
      expect(put.input).toMatchObject({ Bucket: BUCKET, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId, BucketKeyEnabled: true });
      expect(put.headers).toMatchObject({
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': kmsKeyId,
        'x-amz-server-side-encryption-bucket-key-enabled': 'true',
      });
    }
    expect(puts[0].input).toMatchObject({ Key: 'requests/kms.pdf', ContentType: 'application/pdf', ContentLength: content.length });
  });

  it('asks for SSE-S3 (AES256) when no KMS key is configured', async () => {
    await storageWith().put('sse-s3.pdf', Buffer.from('x'));
    const [put] = captured.filter((call) => call.command === 'PutObjectCommand');
    expect(put.input).toMatchObject({ ServerSideEncryption: 'AES256' });
    expect(put.input).not.toHaveProperty('SSEKMSKeyId');
    expect(put.headers['x-amz-server-side-encryption']).toBe('AES256');
  });

  it('sends a SHA-256 checksum for S3 to verify and records the digest in the metadata', async () => {
    const content = randomBytes(5_000);
    await storageWith().put('checksum.bin', content);
    const [put] = captured.filter((call) => call.command === 'PutObjectCommand');
    expect(put.input).toMatchObject({ ChecksumSHA256: sha256(content).toString('base64'), Metadata: { sha256: sha256(content).toString('hex') } });
    expect(put.headers).toMatchObject({ 'x-amz-checksum-sha256': sha256(content).toString('base64'), 'x-amz-meta-sha256': sha256(content).toString('hex') });
  });

  it('presigns GET URLs for the requested lifetime, at most 15 minutes, and they download', async () => {
    const content = Buffer.from('%PDF-1.4 presigned');
    const storage = storageWith();
    await storage.put('presigned.pdf', content);
    for (const seconds of [1, 300, 900]) {
      const url = new URL(await storage.signedUrl('presigned.pdf', { expiresInSeconds: seconds }));
      expect(url.searchParams.get('X-Amz-Expires')).toBe(String(seconds));
      expect(url.pathname).toBe(`/${BUCKET}/requests/presigned.pdf`);
    }
    const response = await fetch(await storage.signedUrl('presigned.pdf', { expiresInSeconds: 60 }));
    expect(response.status).toBe(200);
    expectSameBytes(Buffer.from(await response.arrayBuffer()), content);

    const before = captured.length;
    expect(await storageErrorCode(storage.signedUrl('presigned.pdf', { expiresInSeconds: 901 }))).toBe('INVALID_ARGUMENT');
    expect(captured.length).toBe(before);
  });

  it('pages through long listings', async () => {
    const storage = storageWith({ prefix: 'paged/', listPageSize: 2 });
    for (let i = 0; i < 5; i += 1) await storage.put(`p/${i}.pdf`, Buffer.from(String(i)));
    captured.length = 0;
    expect((await storage.list('p/')).map((item) => item.key)).toEqual(['p/0.pdf', 'p/1.pdf', 'p/2.pdf', 'p/3.pdf', 'p/4.pdf']);
    const lists = captured.filter((call) => call.command === 'ListObjectsV2Command');
    expect(lists).toHaveLength(3);
    expect(lists.map((call) => call.input.Prefix)).toEqual(['paged/p/', 'paged/p/', 'paged/p/']);
    expect(lists[0].input.ContinuationToken).toBeUndefined();
    expect(lists[2].input.ContinuationToken).toEqual(expect.any(String));
  });

  it('refuses content over maxObjectBytes with TOO_LARGE and uploads nothing', async () => {
    const storage = storageWith({ maxObjectBytes: 1000 });
    expect(await storageErrorCode(storage.put('big.bin', randomBytes(1001)))).toBe('TOO_LARGE');
    expect(await storageErrorCode(storage.put('big.bin', Readable.from([randomBytes(600), randomBytes(600)])))).toBe('TOO_LARGE');
    expect(captured.filter((call) => call.command === 'PutObjectCommand')).toEqual([]);
    expect(await storage.stat('big.bin')).toBeNull();
  });

  it('errors a download that does not match its recorded digest', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'requests/tampered.pdf', Body: Buffer.from('altered'), Metadata: { sha256: sha256(Buffer.from('original')).toString('hex') } }));
    expect(await storageErrorCode(storageWith().get('tampered.pdf'))).toBe('INTEGRITY');
  });

  it('reads objects written without a digest (for example by the Python Faxbot)', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'requests/legacy.pdf', Body: Buffer.from('%PDF legacy'), ContentType: 'application/pdf' }));
    const storage = storageWith();
    expect(await storage.stat('legacy.pdf')).toMatchObject({ key: 'legacy.pdf', sizeBytes: 11, sha256: null, contentType: 'application/pdf' });
    expect((await readAll(await storage.get('legacy.pdf'))).toString()).toBe('%PDF legacy');
  });

  it('leaves foreign object names under the prefix out of listings', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'foreign/has space.pdf', Body: Buffer.from('x') }));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'foreign/ok.pdf', Body: Buffer.from('x') }));
    expect((await storageWith({ prefix: 'foreign/' }).list('')).map((item) => item.key)).toEqual(['ok.pdf']);
  });

  it('reports a missing bucket as BACKEND_FAILED', async () => {
    const storage = storageWith({ bucket: 'no-such-bucket' });
    expect(await storageErrorCode(storage.put('x.pdf', Buffer.from('x')))).toBe('BACKEND_FAILED');
    expect(await storageErrorCode(storage.list(''))).toBe('BACKEND_FAILED');
  });

  it.each([
    ['no bucket', { bucket: '' }],
    ['a prefix starting with a slash', { prefix: '/docs/' }],
    ['a prefix with ..', { prefix: 'a/../' }],
  ])('refuses %s with CONFIG_INVALID', async (_label, override) => {
    const create = async () => storageWith(override);
    expect(await storageErrorCode(create())).toBe('CONFIG_INVALID');
  });
});
