import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStorageContract, expectSameBytes, failingStream, readAll, storageErrorCode } from '../testing';
import { LocalEncryptedStorage } from './local-encrypted.storage';
import { LocalUrlSigner } from './local-url.signer';
import { ENVELOPE_LAYOUT } from './object-envelope';
import { objectPath } from './object-paths';

const BASE_URL = 'https://fax.example.test';
const tempDirs: string[] = [];

async function tempRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'faxbot-storage-'));
  tempDirs.push(dir);
  // A directory that does not exist yet, so the driver creates it (and its mode can be checked).
  return join(dir, 'storage');
}

/** Every file below `dir`, relative paths. */
async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

function samplePdf(): Buffer {
  const body = Array.from({ length: 4000 }, (_, i) => `${i} 0 obj << /Type /Page /Contents (Patient Jane Roe, DOB 1970-01-01) >> endobj\n`).join('');
  return Buffer.from(`%PDF-1.7\n${body}trailer\n%%EOF\n`);
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describeStorageContract('LocalEncryptedStorage', async () => new LocalEncryptedStorage({ rootDir: await tempRoot(), masterKey: randomBytes(32) }), {
  baseUrl: BASE_URL,
});

describe('LocalEncryptedStorage at rest', () => {
  let rootDir: string;
  let masterKey: Buffer;
  let storage: LocalEncryptedStorage;

  beforeEach(async () => {
    rootDir = await tempRoot();
    masterKey = randomBytes(32);
    storage = new LocalEncryptedStorage({ rootDir, masterKey, baseUrl: BASE_URL });
  });

  it('writes no plaintext: a stored PDF has no PDF signature or text on disk', async () => {
    const pdf = samplePdf();
    await storage.put('inbound/letter.pdf', pdf, { contentType: 'application/pdf' });
    const raw = await readFile(objectPath(rootDir, 'inbound/letter.pdf'));
    expect(raw.length).toBeGreaterThan(pdf.length);
    for (const marker of ['%PDF', '%%EOF', 'Jane Roe', 'endobj', 'application/pdf', 'inbound/letter.pdf']) {
      expect(raw.includes(Buffer.from(marker))).toBe(false);
    }
    expectSameBytes(await readAll(await storage.get('inbound/letter.pdf')), pdf);
  });

  it('creates files 0600 and directories 0700', async () => {
    await storage.put('outbound/2026/03/job.pdf', Buffer.from('x'));
    expect((await stat(objectPath(rootDir, 'outbound/2026/03/job.pdf'))).mode & 0o777).toBe(0o600);
    for (const dir of [rootDir, join(rootDir, 'outbound'), join(rootDir, 'outbound/2026'), join(rootDir, 'outbound/2026/03')]) {
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
    }
  });

  it('detects one flipped bit at every byte of a multi-record object', async () => {
    const small = new LocalEncryptedStorage({ rootDir, masterKey, recordBytes: 16 });
    await small.put('flip.pdf', Buffer.from('%PDF-1.4 three records of sixteen.'));
    const path = objectPath(rootDir, 'flip.pdf');
    const original = await readFile(path);
    const codes = new Map<string, number[]>();
    for (let offset = 0; offset < original.length; offset += 1) {
      const corrupted = Buffer.from(original);
      corrupted[offset] ^= 0x01;
      await writeFile(path, corrupted);
      const code = await storageErrorCode(small.get('flip.pdf'));
      codes.set(code, [...(codes.get(code) ?? []), offset]);
    }
    // Only the key id names the master key; changing it reads as "written under another key".
    const keyIdOffsets = Array.from({ length: ENVELOPE_LAYOUT.keyIdEnd - ENVELOPE_LAYOUT.keyIdStart }, (_, i) => ENVELOPE_LAYOUT.keyIdStart + i);
    expect(codes.get('KEY_MISMATCH')).toEqual(keyIdOffsets);
    expect(codes.get('INTEGRITY')?.length).toBe(original.length - keyIdOffsets.length);
    expect([...codes.keys()].sort()).toEqual(['INTEGRITY', 'KEY_MISMATCH']);
  });

  it('emits no byte of a corrupted record: earlier records stream, then the stream errors', async () => {
    const content = randomBytes(300_000);
    await storage.put('late-damage.bin', content);
    const path = objectPath(rootDir, 'late-damage.bin');
    const raw = await readFile(path);
    raw[raw.length - 100] ^= 0xff; // inside the last record
    await writeFile(path, raw);
    const received: Buffer[] = [];
    const stream = await storage.get('late-damage.bin');
    const failure = await new Promise<unknown>((resolve) => {
      stream.on('data', (part: Buffer) => received.push(part));
      stream.on('error', resolve);
      stream.on('end', () => resolve(null));
    });
    expect(failure).toMatchObject({ name: 'StorageError', code: 'INTEGRITY' });
    const emitted = Buffer.concat(received);
    expect(emitted.length).toBe(4 * 64 * 1024);
    expectSameBytes(emitted, content.subarray(0, emitted.length));
  });

  it.each([
    ['to its header', ENVELOPE_LAYOUT.headerBytes - 1],
    ['to the header only', ENVELOPE_LAYOUT.headerBytes],
    ['by one byte', -1],
    ['by a whole record', -(64 * 1024 + 16)],
  ])('detects a file truncated %s', async (_label, length) => {
    await storage.put('truncated.bin', randomBytes(200_000));
    const path = objectPath(rootDir, 'truncated.bin');
    const size = (await stat(path)).size;
    await truncate(path, length < 0 ? size + length : length);
    expect(await storageErrorCode(storage.get('truncated.bin'))).toBe('INTEGRITY');
    expect(await storageErrorCode(storage.stat('truncated.bin'))).toBe('INTEGRITY');
  });

  it('detects data appended to a file', async () => {
    await storage.put('extended.bin', randomBytes(1000));
    await writeFile(objectPath(rootDir, 'extended.bin'), randomBytes(16), { flag: 'a' });
    expect(await storageErrorCode(storage.get('extended.bin'))).toBe('INTEGRITY');
  });

  it('detects a file moved to another key', async () => {
    await storage.put('a.pdf', Buffer.from('document A'));
    await storage.put('b.pdf', Buffer.from('document B'));
    await writeFile(objectPath(rootDir, 'b.pdf'), await readFile(objectPath(rootDir, 'a.pdf')));
    expect(await storageErrorCode(storage.get('b.pdf'))).toBe('INTEGRITY');
  });

  it('refuses to read under a wrong master key (KEY_MISMATCH), for get, stat and list', async () => {
    await storage.put('keyed.pdf', Buffer.from('secret'));
    const wrong = new LocalEncryptedStorage({ rootDir, masterKey: randomBytes(32) });
    expect(await storageErrorCode(wrong.get('keyed.pdf'))).toBe('KEY_MISMATCH');
    expect(await storageErrorCode(wrong.stat('keyed.pdf'))).toBe('KEY_MISMATCH');
    expect(await storageErrorCode(wrong.list(''))).toBe('KEY_MISMATCH');
  });

  it('reads objects under a previous master key while a rotation is under way', async () => {
    await storage.put('old.pdf', Buffer.from('written under the old key'));
    const rotated = new LocalEncryptedStorage({ rootDir, masterKey: randomBytes(32), previousMasterKeys: [masterKey] });
    expect((await readAll(await rotated.get('old.pdf'))).toString()).toBe('written under the old key');
  });

  it('leaves no temporary file when the content stream fails half way', async () => {
    await storage.put('kept/existing.pdf', Buffer.from('previous version'));
    expect(await storageErrorCode(storage.put('kept/existing.pdf', failingStream(150_000)))).toBe('SOURCE_FAILED');
    expect(await storageErrorCode(storage.put('kept/new.pdf', failingStream(1)))).toBe('SOURCE_FAILED');
    expect(await allFiles(rootDir)).toEqual([objectPath(rootDir, 'kept/existing.pdf')]);
    expect((await readAll(await storage.get('kept/existing.pdf'))).toString()).toBe('previous version');
  });

  it('leaves no temporary file when the final rename fails', async () => {
    // A directory squatting on the object's file name makes the rename fail, even for root.
    await mkdir(objectPath(rootDir, 'blocked/doc.pdf'), { recursive: true });
    expect(await storageErrorCode(storage.put('blocked/doc.pdf', randomBytes(100_000)))).toBe('BACKEND_FAILED');
    expect(await allFiles(rootDir)).toEqual([]);
  });

  it('does not follow a symbolic link planted under an object name', async () => {
    const outside = join(rootDir, '..', 'outside.bin');
    await writeFile(outside, 'not an object');
    await storage.put('present.pdf', Buffer.from('x'));
    await symlink(outside, objectPath(rootDir, 'linked.pdf'));
    expect(await storageErrorCode(storage.get('linked.pdf'))).toBe('BACKEND_FAILED');
    expect((await storage.list('')).map((item) => item.key)).toEqual(['present.pdf']);
  });

  it('closes the file when a download is abandoned, read or not', async () => {
    await storage.put('abandoned.bin', randomBytes(300_000));
    const openFiles = async () => (await readdir('/proc/self/fd')).length;
    const before = await openFiles();
    const streams = await Promise.all(Array.from({ length: 10 }, () => storage.get('abandoned.bin')));
    expect(await openFiles()).toBeGreaterThanOrEqual(before + 10);
    await new Promise<void>((resolve) => streams[0].once('data', () => resolve()));
    for (const stream of streams) stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await openFiles()).toBeLessThanOrEqual(before);
  });

  it('keeps a key and a folder of the same name apart', async () => {
    await storage.put('job', Buffer.from('the file'));
    await storage.put('job/page-1', Buffer.from('inside the folder'));
    expect((await readAll(await storage.get('job'))).toString()).toBe('the file');
    expect((await storage.list('job')).map((item) => item.key)).toEqual(['job', 'job/page-1']);
  });

  it('stores the creation time and content type in the sealed header', async () => {
    const now = new Date('2026-03-02T10:15:00.123Z');
    const clocked = new LocalEncryptedStorage({ rootDir, masterKey, now: () => now });
    await clocked.put('dated.txt', Buffer.from('x'), { contentType: 'text/plain; charset=utf-8' });
    expect(await storage.stat('dated.txt')).toEqual({ key: 'dated.txt', sizeBytes: 1, sha256: expect.any(String), createdAt: now, contentType: 'text/plain; charset=utf-8' });
  });

  it.each([
    ['a short master key', { masterKey: randomBytes(16) }],
    ['a string master key', { masterKey: 'a'.repeat(32) as unknown as Buffer }],
    ['a short previous key', { previousMasterKeys: [randomBytes(31)] }],
    ['no root directory', { rootDir: '' }],
    ['a zero record size', { recordBytes: 0 }],
    ['a short signing key', { signingKey: randomBytes(16) }],
  ])('refuses %s with CONFIG_INVALID', async (_label, override) => {
    const create = async () => new LocalEncryptedStorage({ rootDir, masterKey, ...override });
    expect(await storageErrorCode(create())).toBe('CONFIG_INVALID');
  });
});

describe('LocalEncryptedStorage signed URLs', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  let storage: LocalEncryptedStorage;

  beforeAll(async () => {
    storage = new LocalEncryptedStorage({ rootDir: await tempRoot(), masterKey: randomBytes(32), baseUrl: `${BASE_URL}/`, now: () => now });
  });

  function partsOf(url: string): { key: string; expires: string; sig: string } {
    const parsed = new URL(url);
    return { key: parsed.pathname.replace(/^\/storage\//, ''), expires: parsed.searchParams.get('expires') ?? '', sig: parsed.searchParams.get('sig') ?? '' };
  }

  it('builds <baseUrl>/storage/<key>?expires=&sig= that verifies until it expires', async () => {
    const url = await storage.signedUrl('outbound/job.pdf', { expiresInSeconds: 300 });
    expect(url).toMatch(/^https:\/\/fax\.example\.test\/storage\/outbound\/job\.pdf\?expires=\d+&sig=[A-Za-z0-9_-]{43}$/);
    const { key, expires, sig } = partsOf(url);
    expect(expires).toBe(String(now.getTime() / 1000 + 300));
    expect(storage.verifySignedUrl(key, expires, sig, now)).toBe('valid');
    expect(storage.verifySignedUrl(key, expires, sig, new Date(now.getTime() + 300_000))).toBe('valid');
    expect(storage.verifySignedUrl(key, expires, sig, new Date(now.getTime() + 301_000))).toBe('expired');
  });

  it('uses a per-call baseUrl over the configured one', async () => {
    expect(await storage.signedUrl('a.pdf', { expiresInSeconds: 60, baseUrl: 'https://other.example.test/api' })).toMatch(/^https:\/\/other\.example\.test\/api\/storage\/a\.pdf\?/);
  });

  it('refuses tampered URLs', async () => {
    const { key, expires, sig } = partsOf(await storage.signedUrl('outbound/job.pdf', { expiresInSeconds: 300 }));
    const flipped = `${sig.slice(0, -2)}${sig.at(-2) === 'A' ? 'B' : 'A'}${sig.at(-1)}`;
    expect(storage.verifySignedUrl('outbound/other.pdf', expires, sig, now)).toBe('invalid');
    expect(storage.verifySignedUrl(key, String(Number(expires) + 60), sig, now)).toBe('invalid');
    expect(storage.verifySignedUrl(key, expires, flipped, now)).toBe('invalid');
    expect(storage.verifySignedUrl(key, expires, `${sig}=`, now)).toBe('invalid');
    expect(storage.verifySignedUrl(key, ` ${expires}`, sig, now)).toBe('invalid');
    expect(storage.verifySignedUrl(key, expires, undefined, now)).toBe('invalid');
    expect(storage.verifySignedUrl('../secret.key', expires, sig, now)).toBe('invalid');
  });

  it('refuses a URL signed with another master key, and accepts one from a replica sharing the key', async () => {
    const masterKey = randomBytes(32);
    const replicaA = new LocalEncryptedStorage({ rootDir: await tempRoot(), masterKey, baseUrl: BASE_URL, now: () => now });
    const replicaB = new LocalEncryptedStorage({ rootDir: await tempRoot(), masterKey, now: () => now });
    const { key, expires, sig } = partsOf(await replicaA.signedUrl('x.pdf', { expiresInSeconds: 60 }));
    expect(replicaB.verifySignedUrl(key, expires, sig, now)).toBe('valid');
    expect(storage.verifySignedUrl(key, expires, sig, now)).toBe('invalid');
  });

  it('signs with an explicit signingKey, which a standalone LocalUrlSigner verifies', async () => {
    const signingKey = randomBytes(32);
    const signed = new LocalEncryptedStorage({ rootDir: await tempRoot(), masterKey: randomBytes(32), signingKey, baseUrl: BASE_URL, now: () => now });
    const { key, expires, sig } = partsOf(await signed.signedUrl('x.pdf', { expiresInSeconds: 60 }));
    expect(new LocalUrlSigner(signingKey).verify(key, expires, sig, now)).toBe('valid');
    expect(new LocalUrlSigner(randomBytes(32)).verify(key, expires, sig, now)).toBe('invalid');
  });

  it('needs a baseUrl from the options or the call', async () => {
    const bare = new LocalEncryptedStorage({ rootDir: await tempRoot(), masterKey: randomBytes(32) });
    expect(await storageErrorCode(bare.signedUrl('x.pdf', { expiresInSeconds: 60 }))).toBe('INVALID_ARGUMENT');
    expect(await storageErrorCode(bare.signedUrl('x.pdf', { expiresInSeconds: 60, baseUrl: 'ftp://x' }))).toBe('INVALID_ARGUMENT');
    expect(await storageErrorCode(bare.signedUrl('x.pdf', { expiresInSeconds: 60, baseUrl: 'https://x.test/?q=1' }))).toBe('INVALID_ARGUMENT');
  });
});
