/// <reference types="jest" />
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { MAX_SIGNED_URL_SECONDS, type DocumentStorage } from '../document-storage';
import { StorageError, type StorageErrorCode } from '../storage.error';

/** Reads a whole stream into one buffer; rejects with the stream's error. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

/**
 * Settles `action` (which may reject, or resolve to a stream that errors) and returns the
 * {@link StorageError} code it failed with; fails the test when it succeeds or fails otherwise.
 */
export async function storageErrorCode(action: Promise<unknown>): Promise<StorageErrorCode> {
  try {
    const result = await action;
    if (result instanceof Readable) await readAll(result);
  } catch (error) {
    if (StorageError.is(error)) return error.code;
    throw new Error(`expected a StorageError, got: ${String(error)}`, { cause: error });
  }
  throw new Error('expected a StorageError, but the operation succeeded');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Asserts two byte strings are equal by length and SHA-256: Jest's deep equality walks large
 * buffers element by element, which takes seconds for a few hundred kilobytes.
 */
export function expectSameBytes(actual: Buffer, expected: Buffer): void {
  expect({ length: actual.length, sha256: sha256(actual) }).toEqual({ length: expected.length, sha256: sha256(expected) });
}

/** A stream of `content` cut into uneven pieces, including empty and record-straddling ones. */
function unevenStream(content: Buffer): Readable {
  const sizes = [1, 0, 7, 65_535, 2, 65_537, 4_096, 100_000];
  return Readable.from(
    (function* pieces() {
      let offset = 0;
      for (let i = 0; offset < content.length; i += 1) {
        const size = sizes[i % sizes.length];
        yield content.subarray(offset, offset + size);
        offset += size;
      }
    })(),
  );
}

/** A stream that yields some bytes and then fails, like an upload cut off half way. */
export function failingStream(bytesBeforeFailure: number): Readable {
  return Readable.from(
    (async function* pieces() {
      yield randomBytes(bytesBeforeFailure);
      throw new Error('client connection reset');
    })(),
  );
}

/** Keys that every driver must refuse with `INVALID_KEY`. */
export const INVALID_STORAGE_KEYS: readonly string[] = [
  '',
  '/absolute.pdf',
  '../escape.pdf',
  'a/../b.pdf',
  'a/..',
  'a//b.pdf',
  'a/./b.pdf',
  'trailing/',
  '.hidden',
  '-dash-first',
  'space in.pdf',
  'back\\slash.pdf',
  'percent%2F.pdf',
  'at@sign.pdf',
  'tilde~.pdf',
  'unicodé.pdf',
  'nul\u0000.pdf',
  `k${'x'.repeat(255)}`,
];

/** Options for {@link describeStorageContract}. */
export interface StorageContractOptions {
  /** Base URL passed to `signedUrl` (the local driver needs one; S3 ignores it). */
  baseUrl?: string;
}

/**
 * The behaviour every {@link DocumentStorage} driver must share, as a Jest suite. Call it from a
 * spec file; `create` runs in `beforeAll`, after the caller's own `beforeAll` hooks (start servers
 * there). Every test uses keys under a fresh random prefix, so a shared store is fine.
 *
 * @example
 * describeStorageContract('LocalEncryptedStorage', async () => new LocalEncryptedStorage({ rootDir, masterKey }), {
 *   baseUrl: 'https://fax.example.test',
 * });
 */
export function describeStorageContract(name: string, create: () => DocumentStorage | Promise<DocumentStorage>, options: StorageContractOptions = {}): void {
  describe(`${name}: DocumentStorage contract`, () => {
    let storage: DocumentStorage;
    let root: string;
    const baseUrl = options.baseUrl ?? 'https://fax.example.test';

    beforeAll(async () => {
      storage = await create();
      root = `contract-${randomBytes(6).toString('hex')}/`;
    });

    it.each([
      ['small', Buffer.from('%PDF-1.7\nhello fax\n%%EOF\n')],
      ['empty', Buffer.alloc(0)],
      ['multi-record (300 KB)', randomBytes(300_000)],
    ])('round-trips %s content from a Buffer, with its size and SHA-256', async (_label, content) => {
      const key = `${root}roundtrip/${content.length}.bin`;
      const stored = await storage.put(key, content, { contentType: 'application/pdf' });
      expect(stored).toMatchObject({ key, sizeBytes: content.length, sha256: sha256(content), contentType: 'application/pdf' });
      expect(stored.createdAt).toBeInstanceOf(Date);
      expectSameBytes(await readAll(await storage.get(key)), content);
      expect(await storage.stat(key)).toMatchObject({ key, sizeBytes: content.length, sha256: sha256(content), contentType: 'application/pdf' });
    });

    it('round-trips content given as a stream of uneven pieces', async () => {
      const content = randomBytes(300_000);
      const key = `${root}streamed.bin`;
      const stored = await storage.put(key, unevenStream(content));
      expect(stored).toMatchObject({ key, sizeBytes: content.length, sha256: sha256(content) });
      expectSameBytes(await readAll(await storage.get(key)), content);
    });

    it('replaces an object when the same key is put again', async () => {
      const key = `${root}replaced.txt`;
      await storage.put(key, Buffer.from('first version, longer'));
      await storage.put(key, Buffer.from('second'));
      expect((await readAll(await storage.get(key))).toString()).toBe('second');
      expect(await storage.stat(key)).toMatchObject({ sizeBytes: 6, sha256: sha256(Buffer.from('second')) });
    });

    it('reports a missing object: stat is null, get is NOT_FOUND', async () => {
      expect(await storage.stat(`${root}missing.pdf`)).toBeNull();
      expect(await storageErrorCode(storage.get(`${root}missing.pdf`))).toBe('NOT_FOUND');
    });

    it('deletes idempotently', async () => {
      const key = `${root}deleted.pdf`;
      await storage.put(key, Buffer.from('to be deleted'));
      await storage.delete(key);
      expect(await storage.stat(key)).toBeNull();
      await expect(storage.delete(key)).resolves.toBeUndefined();
      await expect(storage.delete(`${root}never-existed.pdf`)).resolves.toBeUndefined();
    });

    it('lists by prefix, sorted, with sizes and digests', async () => {
      const base = `${root}list/`;
      const keys = ['a/1.pdf', 'a/2.pdf', 'a/deep/3.pdf', 'ab.pdf', 'b/1.pdf'];
      for (const key of keys) await storage.put(base + key, Buffer.from(key));
      const listed = await storage.list(`${base}a/`);
      expect(listed.map((item) => item.key)).toEqual([`${base}a/1.pdf`, `${base}a/2.pdf`, `${base}a/deep/3.pdf`]);
      expect(listed[0]).toMatchObject({ sizeBytes: 7, sha256: sha256(Buffer.from('a/1.pdf')) });
      expect((await storage.list(`${base}a`)).map((item) => item.key)).toEqual([`${base}a/1.pdf`, `${base}a/2.pdf`, `${base}a/deep/3.pdf`, `${base}ab.pdf`]);
      expect((await storage.list(base)).length).toBe(keys.length);
      expect(await storage.list(`${base}zzz`)).toEqual([]);
      expect(await storage.list(`${root}nothing-here/`)).toEqual([]);
    });

    it.each(INVALID_STORAGE_KEYS.map((key) => [JSON.stringify(key), key]))('refuses the key %s with INVALID_KEY', async (_label, key) => {
      expect(await storageErrorCode(storage.put(key, Buffer.from('x')))).toBe('INVALID_KEY');
      expect(await storageErrorCode(storage.get(key))).toBe('INVALID_KEY');
      expect(await storageErrorCode(storage.stat(key))).toBe('INVALID_KEY');
      expect(await storageErrorCode(storage.delete(key))).toBe('INVALID_KEY');
      expect(await storageErrorCode(storage.signedUrl(key, { expiresInSeconds: 60, baseUrl }))).toBe('INVALID_KEY');
    });

    it.each(['/abs', '../', 'a/../', 'a//'])('refuses the list prefix %j with INVALID_KEY', async (prefix) => {
      expect(await storageErrorCode(storage.list(prefix))).toBe('INVALID_KEY');
    });

    it('refuses a malformed content type with INVALID_ARGUMENT', async () => {
      expect(await storageErrorCode(storage.put(`${root}ct.pdf`, Buffer.from('x'), { contentType: 'text/plain\r\nX-Injected: 1' }))).toBe('INVALID_ARGUMENT');
    });

    it('stores nothing when the content stream fails (SOURCE_FAILED)', async () => {
      const key = `${root}cut-off.pdf`;
      expect(await storageErrorCode(storage.put(key, failingStream(200_000)))).toBe('SOURCE_FAILED');
      expect(await storage.stat(key)).toBeNull();
    });

    it('keeps concurrent puts to different keys apart', async () => {
      const items = Array.from({ length: 16 }, (_, i) => ({ key: `${root}concurrent/${i}.bin`, content: randomBytes(1_000 + i * 9_000) }));
      await Promise.all(items.map((item) => storage.put(item.key, item.content)));
      for (const item of items) expectSameBytes(await readAll(await storage.get(item.key)), item.content);
    });

    it('issues signed URLs only for lifetimes from 1 s to 15 min', async () => {
      const key = `${root}signed.pdf`;
      await storage.put(key, Buffer.from('%PDF-1.4 signed'));
      const url = new URL(await storage.signedUrl(key, { expiresInSeconds: MAX_SIGNED_URL_SECONDS, baseUrl }));
      expect(url.pathname.endsWith(`/${key}`)).toBe(true);
      for (const expiresInSeconds of [0, -1, 1.5, MAX_SIGNED_URL_SECONDS + 1, 7 * 24 * 3600]) {
        expect(await storageErrorCode(storage.signedUrl(key, { expiresInSeconds, baseUrl }))).toBe('INVALID_ARGUMENT');
      }
    });
  });
}
