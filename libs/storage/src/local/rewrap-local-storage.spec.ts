import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectSameBytes, readAll, storageErrorCode } from '../testing';
import { LocalEncryptedStorage } from './local-encrypted.storage';
import { ENVELOPE_LAYOUT } from './object-envelope';
import { objectPath } from './object-paths';
import { rewrapLocalStorage } from './rewrap-local-storage';

describe('rewrapLocalStorage', () => {
  let rootDir: string;
  const oldMasterKey = randomBytes(32);
  const newMasterKey = randomBytes(32);
  const contents = new Map([
    ['a.pdf', randomBytes(10)],
    ['outbound/b.pdf', randomBytes(200_000)],
    ['outbound/deep/c.txt', Buffer.alloc(0)],
  ]);

  beforeEach(async () => {
    rootDir = await mkdtemp(join(tmpdir(), 'faxbot-rewrap-'));
    const storage = new LocalEncryptedStorage({ rootDir, masterKey: oldMasterKey });
    for (const [key, content] of contents) await storage.put(key, content);
  });

  afterEach(async () => {
    await rm(rootDir, { recursive: true, force: true });
  });

  it('moves every object to the new master key without touching its content records', async () => {
    const before = await readFile(objectPath(rootDir, 'outbound/b.pdf'));
    expect(await rewrapLocalStorage({ rootDir, oldMasterKey, newMasterKey })).toEqual({ rewrapped: 3, alreadyCurrent: 0 });

    const after = await readFile(objectPath(rootDir, 'outbound/b.pdf'));
    expect(after.subarray(ENVELOPE_LAYOUT.wrapStart, ENVELOPE_LAYOUT.wrapEnd).equals(before.subarray(ENVELOPE_LAYOUT.wrapStart, ENVELOPE_LAYOUT.wrapEnd))).toBe(false);
    expect(after.subarray(ENVELOPE_LAYOUT.wrapEnd).equals(before.subarray(ENVELOPE_LAYOUT.wrapEnd))).toBe(true);

    const rotated = new LocalEncryptedStorage({ rootDir, masterKey: newMasterKey });
    for (const [key, content] of contents) expectSameBytes(await readAll(await rotated.get(key)), content);
    const stale = new LocalEncryptedStorage({ rootDir, masterKey: oldMasterKey });
    expect(await storageErrorCode(stale.get('a.pdf'))).toBe('KEY_MISMATCH');
    expect((await readdir(rootDir, { recursive: true })).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('can run again after an interruption: objects already under the new key are skipped', async () => {
    await rewrapLocalStorage({ rootDir, oldMasterKey, newMasterKey });
    await new LocalEncryptedStorage({ rootDir, masterKey: oldMasterKey }).put('late.pdf', Buffer.from('written before the switch'));
    expect(await rewrapLocalStorage({ rootDir, oldMasterKey, newMasterKey })).toEqual({ rewrapped: 1, alreadyCurrent: 3 });
  });

  it('stops at an object under neither key (KEY_MISMATCH) and at a damaged one (INTEGRITY)', async () => {
    expect(await storageErrorCode(rewrapLocalStorage({ rootDir, oldMasterKey: randomBytes(32), newMasterKey }))).toBe('KEY_MISMATCH');

    const path = objectPath(rootDir, 'a.pdf');
    const raw = await readFile(path);
    raw[ENVELOPE_LAYOUT.metadataStart + 3] ^= 0x01;
    await writeFile(path, raw);
    expect(await storageErrorCode(rewrapLocalStorage({ rootDir, oldMasterKey, newMasterKey }))).toBe('INTEGRITY');
  });

  it('refuses keys that are not 32 bytes', async () => {
    expect(await storageErrorCode(rewrapLocalStorage({ rootDir, oldMasterKey: randomBytes(16), newMasterKey }))).toBe('CONFIG_INVALID');
  });
});
