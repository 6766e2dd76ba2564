import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSecretKey } from './secret-key.loader';

describe('loadSecretKey', () => {
  let dir: string;
  let keyFile: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faxbot-key-'));
    keyFile = join(dir, 'data', 'secret.key');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('from FAXBOT_SECRET_KEY', () => {
    const key = randomBytes(32);

    it.each([
      ['64 hex characters', key.toString('hex')],
      ['upper-case hex', key.toString('hex').toUpperCase()],
      ['base64', key.toString('base64')],
      ['base64 without padding', key.toString('base64').replace(/=$/, '')],
      ['base64url', key.toString('base64url')],
      ['hex with surrounding whitespace', ` ${key.toString('hex')}\n`],
    ])('accepts %s and touches no file', async (_case, envValue) => {
      const loaded = await loadSecretKey({ envValue, keyFile });

      expect(loaded).toEqual({ key, source: 'env' });
      expect(readdirSync(dir)).toEqual([]);
    });

    it.each([
      ['a passphrase', 'correct horse battery staple'],
      ['63 hex characters', key.toString('hex').slice(1)],
      ['65 hex characters', `${key.toString('hex')}a`],
      ['base64 of 16 bytes', randomBytes(16).toString('base64')],
      ['base64 of 48 bytes', randomBytes(48).toString('base64')],
      ['hex with a non-hex character', `${key.toString('hex').slice(1)}g`],
    ])('refuses %s with KEY_INVALID, without repeating it', async (_case, envValue) => {
      const failure = loadSecretKey({ envValue, keyFile });

      await expect(failure).rejects.toMatchObject({ code: 'KEY_INVALID', message: expect.stringContaining('FAXBOT_SECRET_KEY') });
      const message = ((await failure.catch((error: unknown) => error)) as Error).message;
      expect(message).not.toContain(envValue.trim());
    });

    it('wins over an existing key file', async () => {
      await loadSecretKey({ envValue: undefined, keyFile });

      await expect(loadSecretKey({ envValue: key.toString('hex'), keyFile })).resolves.toEqual({ key, source: 'env' });
    });
  });

  describe('from the key file', () => {
    it('creates it with 32 random bytes as hex, mode 0600, in a directory it creates', async () => {
      const created = await loadSecretKey({ envValue: undefined, keyFile });

      expect(created.source).toBe('created');
      expect(created.key).toHaveLength(32);
      expect(readFileSync(keyFile, 'utf8')).toBe(`${created.key.toString('hex')}\n`);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
      expect(readdirSync(join(dir, 'data'))).toEqual(['secret.key']);
    });

    it('reads the same key back on the next start', async () => {
      const created = await loadSecretKey({ envValue: '', keyFile });

      await expect(loadSecretKey({ envValue: undefined, keyFile })).resolves.toEqual({ key: created.key, source: 'file' });
    });

    it('gives processes that start together one key', async () => {
      const loaded = await Promise.all(Array.from({ length: 8 }, () => loadSecretKey({ envValue: undefined, keyFile })));

      expect(new Set(loaded.map((result) => result.key.toString('hex'))).size).toBe(1);
      expect(loaded.filter((result) => result.source === 'created')).toHaveLength(1);
    });

    it.each([0o644, 0o640, 0o604, 0o660])('refuses a key file with mode %o and says how to fix it', async (mode) => {
      await loadSecretKey({ envValue: undefined, keyFile });
      chmodSync(keyFile, mode);

      await expect(loadSecretKey({ envValue: undefined, keyFile })).rejects.toMatchObject({
        code: 'KEY_FILE_INSECURE',
        message: expect.stringContaining(`chmod 600 ${keyFile}`),
      });
    });

    it.each([0o600, 0o400])('accepts a key file with mode %o', async (mode) => {
      const created = await loadSecretKey({ envValue: undefined, keyFile });
      chmodSync(keyFile, mode);

      await expect(loadSecretKey({ envValue: undefined, keyFile })).resolves.toEqual({ key: created.key, source: 'file' });
    });

    it.each([
      ['base64 text', (key: Buffer) => key.toString('base64')],
      ['raw bytes', (key: Buffer) => key],
    ])('accepts a key file an operator wrote as %s', async (_case, encode) => {
      const key = randomBytes(32);
      mkdirSync(join(dir, 'data'));
      writeFileSync(keyFile, encode(key), { mode: 0o600 });

      await expect(loadSecretKey({ envValue: undefined, keyFile })).resolves.toEqual({ key, source: 'file' });
    });

    it('refuses a key file that holds no key, without repeating its content', async () => {
      mkdirSync(join(dir, 'data'));
      writeFileSync(keyFile, 'not-a-key-but-a-password\n', { mode: 0o600 });

      const failure = loadSecretKey({ envValue: undefined, keyFile });

      await expect(failure).rejects.toMatchObject({ code: 'KEY_INVALID', message: expect.stringContaining(keyFile) });
      expect(((await failure.catch((error: unknown) => error)) as Error).message).not.toContain('not-a-key');
    });

    it('refuses a key path that is a directory', async () => {
      mkdirSync(keyFile, { recursive: true, mode: 0o700 });

      await expect(loadSecretKey({ envValue: undefined, keyFile })).rejects.toMatchObject({ code: 'KEY_FILE_UNREADABLE' });
    });
  });
});
