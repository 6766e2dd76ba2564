import { assertMasterKey, deriveStorageKeys, type DerivedStorageKeys } from './master-key';

/**
 * The master key new objects are wrapped under, plus earlier master keys still accepted for
 * reading while a rotation is under way. Objects are matched to a key by the key id in their header.
 */
export class StorageKeyring {
  readonly current: DerivedStorageKeys;
  private readonly wrapKeys = new Map<string, Buffer>();

  constructor(masterKey: Buffer, previousMasterKeys: readonly Buffer[] = []) {
    this.current = deriveStorageKeys(masterKey);
    for (const [index, previous] of previousMasterKeys.entries()) {
      assertMasterKey(previous, `previousMasterKeys[${index}]`);
      const derived = deriveStorageKeys(previous);
      this.wrapKeys.set(derived.keyId.toString('hex'), derived.wrapKey);
    }
    this.wrapKeys.set(this.current.keyId.toString('hex'), this.current.wrapKey);
  }

  /** The wrap key for an object's key id, or `null` when no known master key has that id. */
  wrapKeyFor(keyId: Buffer): Buffer | null {
    return this.wrapKeys.get(keyId.toString('hex')) ?? null;
  }
}
