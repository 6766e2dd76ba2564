import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { StorageError } from '../storage.error';
import { writeFileAtomically } from './atomic-file';
import { assertMasterKey, deriveStorageKeys } from './master-key';
import { ENVELOPE_LAYOUT, openMetadata, parseHeader, unwrapDataKey, writeWrappedKey } from './object-envelope';
import { listObjectKeys, objectPath } from './object-paths';

/** Options for {@link rewrapLocalStorage}. */
export interface RewrapOptions {
  /** The same directory the {@link LocalEncryptedStorage} uses. */
  rootDir: string;
  /** The master key the objects are wrapped under now. */
  oldMasterKey: Buffer;
  /** The master key to wrap them under. */
  newMasterKey: Buffer;
}

/** What {@link rewrapLocalStorage} did. */
export interface RewrapResult {
  /** Objects whose data key is now wrapped under the new master key. */
  rewrapped: number;
  /** Objects that already were (a rewrap that was interrupted and run again, or written meanwhile). */
  alreadyCurrent: number;
}

const COPY_BYTES = 1024 * 1024;

/**
 * Rotates the local storage master key: for every object, unwraps its data key with the old master
 * key and wraps it under the new one. Content is not re-encrypted (its records are copied as they
 * are), so a rotation costs one file copy per object, not a decryption. Each object is replaced
 * atomically; an interrupted run can simply be run again, because objects already under the new
 * key are skipped. Stops with `KEY_MISMATCH` at an object under neither key, and with `INTEGRITY`
 * at one that fails authentication, leaving it and the objects after it untouched.
 *
 * Run it while nothing overwrites existing keys (stop the gateway, or run the gateway with the new
 * key and `previousMasterKeys: [oldKey]` so that reads keep working meanwhile).
 *
 * @example
 * const result = await rewrapLocalStorage({ rootDir, oldMasterKey, newMasterKey });
 * console.error(`${result.rewrapped} objects rewrapped`);
 */
export async function rewrapLocalStorage(options: RewrapOptions): Promise<RewrapResult> {
  assertMasterKey(options.oldMasterKey, 'oldMasterKey');
  assertMasterKey(options.newMasterKey, 'newMasterKey');
  const oldKeys = deriveStorageKeys(options.oldMasterKey);
  const newKeys = deriveStorageKeys(options.newMasterKey);
  const result: RewrapResult = { rewrapped: 0, alreadyCurrent: 0 };
  for (const key of await listObjectKeys(options.rootDir, '')) {
    const path = objectPath(options.rootDir, key);
    let source;
    try {
      source = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') continue; // deleted meanwhile
      throw new StorageError('BACKEND_FAILED', `could not open ${key}`, { cause: error });
    }
    try {
      const raw = Buffer.alloc(ENVELOPE_LAYOUT.headerBytes);
      const { bytesRead } = await source.read(raw, 0, raw.length, 0);
      const header = parseHeader(raw.subarray(0, bytesRead));
      if (header.keyId.equals(newKeys.keyId)) {
        result.alreadyCurrent += 1;
        continue;
      }
      if (!header.keyId.equals(oldKeys.keyId)) {
        throw new StorageError('KEY_MISMATCH', `object ${key} is wrapped under neither the old nor the new master key (key id ${header.keyId.toString('hex')})`);
      }
      const dataKey = unwrapDataKey(header, oldKeys.wrapKey);
      // Authenticating the metadata too means a damaged object is reported, not carried forward.
      openMetadata(header, dataKey, key);
      writeWrappedKey(header, newKeys.wrapKey, newKeys.keyId, dataKey);
      const before = await source.stat();
      await writeFileAtomically(path, async (target) => {
        await target.write(header.raw, 0, header.raw.length, 0);
        const buffer = Buffer.alloc(COPY_BYTES);
        for (let position = header.raw.length; ; ) {
          const { bytesRead: read } = await source.read(buffer, 0, buffer.length, position);
          if (read === 0) break;
          await target.write(buffer, 0, read, position);
          position += read;
        }
        // A put that replaced the object during the copy wins: abort this one rather than overwrite it.
        const now = await stat(path).catch(() => null);
        if (now === null || now.ino !== before.ino || now.mtimeMs !== before.mtimeMs) {
          throw new StorageError('BACKEND_FAILED', `object ${key} changed during the rewrap; run the rewrap again`);
        }
      });
      result.rewrapped += 1;
    } finally {
      await source.close();
    }
  }
  return result;
}
