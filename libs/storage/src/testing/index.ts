export {
  describeStorageContract,
  expectSameBytes,
  failingStream,
  INVALID_STORAGE_KEYS,
  readAll,
  storageErrorCode,
  type StorageContractOptions,
} from './storage.contract';
