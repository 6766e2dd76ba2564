import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncDirectory } from './atomic-write-file';
import { SecretBoxError } from './secret-box.error';

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
// 32 bytes are 43 base64 characters plus one '=' of padding; standard or URL alphabet.
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;
const KEY_FORMAT_HINT = 'must be 64 hex characters or the base64 encoding of 32 bytes (generate one with: openssl rand -hex 32)';

/** Where the key came from: the environment, an existing key file, or a key file created just now. */
export type SecretKeySource = 'env' | 'file' | 'created';

/** A loaded 32-byte key for the {@link SecretBox}. */
export interface LoadedSecretKey {
  key: Buffer;
  source: SecretKeySource;
}

/** Parses key text; the error names the source but never repeats the text. */
function parseKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (HEX_KEY.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (BASE64_KEY.test(trimmed)) {
    const decoded = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (decoded.length === KEY_BYTES) return decoded;
  }
  throw new SecretBoxError('KEY_INVALID', `${source} ${KEY_FORMAT_HINT}`);
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

async function readKeyFile(path: string): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw new SecretBoxError('KEY_FILE_UNREADABLE', `cannot read the secret key file ${path} (${errorCode(error) ?? 'error'})`, { cause: error });
  }
  try {
    // fstat on the open handle: the checks apply to the very file that is read.
    const stats = await handle.stat();
    if (!stats.isFile()) throw new SecretBoxError('KEY_FILE_UNREADABLE', `the secret key file ${path} is not a regular file`);
    const mode = stats.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new SecretBoxError(
        'KEY_FILE_INSECURE',
        `the secret key file ${path} is accessible by group or others (mode ${mode.toString(8).padStart(4, '0')}); ` +
          `restrict it with: chmod 600 ${path}`,
      );
    }
    const content = await handle.readFile();
    // A raw 32-byte file is accepted too (neither hex nor base64 text is 32 bytes long).
    return content.length === KEY_BYTES ? content : parseKey(content.toString('utf8'), `the secret key file ${path}`);
  } finally {
    await handle.close();
  }
}

async function createKeyFile(path: string): Promise<Buffer | null> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  // Written completely under a temporary name first, then hard-linked into place: link() fails when
  // the name exists, so the file appears exclusively and never half-written to a concurrent reader.
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${key.toString('hex')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return null;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
  await fsyncDirectory(dir);
  return key;
}

/**
 * Loads the key that seals secrets at rest. `FAXBOT_SECRET_KEY` (`envValue`) wins when set: 64 hex
 * characters or base64 of 32 bytes, anything else is refused. Otherwise the key file is read (it must
 * not be accessible by group or others), or created with 32 random bytes, as hex text, mode 0600 and
 * exclusively, so two processes starting together end up with the same key. Errors are
 * {@link SecretBoxError}s and never contain the key.
 *
 * @example
 * const { key, source } = await loadSecretKey({ envValue: config.plugins.secretKey, keyFile: join(config.dataDir, 'secret.key') });
 * if (source === 'created') logger.warn('created secret.key: back it up, stored secrets cannot be read without it');
 */
export async function loadSecretKey(options: { envValue: string | undefined; keyFile: string }): Promise<LoadedSecretKey> {
  if (options.envValue !== undefined && options.envValue.trim() !== '') {
    return { key: parseKey(options.envValue, 'FAXBOT_SECRET_KEY'), source: 'env' };
  }
  const existing = await readKeyFile(options.keyFile);
  if (existing !== null) return { key: existing, source: 'file' };
  const created = await createKeyFile(options.keyFile);
  if (created !== null) return { key: created, source: 'created' };
  // Another process created it between our read and our link: use theirs.
  const raced = await readKeyFile(options.keyFile);
  if (raced === null) throw new SecretBoxError('KEY_FILE_UNREADABLE', `the secret key file ${options.keyFile} vanished while it was being created`);
  return { key: raced, source: 'file' };
}
