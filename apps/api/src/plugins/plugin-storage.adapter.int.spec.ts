import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaxbotError } from '@faxbot/plugin-sdk';
import { LocalEncryptedStorage } from '@faxbot/storage';
import { createPluginStorage } from './plugin-storage.adapter';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('deps.storage on the core storage', () => {
  let root: string;
  let storage: LocalEncryptedStorage;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'faxbot-plugin-storage-'));
    storage = new LocalEncryptedStorage({ rootDir: root, masterKey: randomBytes(32) });
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps each instance in its own area, encrypted at rest', async () => {
    const a = createPluginStorage(storage, 'acme');
    const b = createPluginStorage(storage, 'acme-b');
    const saved = await a.put('receipts/r1.json', Buffer.from('{"secret":"only for acme"}'), { contentType: 'application/json' });
    expect(saved).toMatchObject({ key: 'receipts/r1.json', sizeBytes: 26 });
    expect((await a.get('receipts/r1.json'))?.toString()).toBe('{"secret":"only for acme"}');
    expect(await b.get('receipts/r1.json')).toBeNull();
    expect(await b.list()).toEqual([]);
    expect((await a.list('receipts/')).map((object) => object.key)).toEqual(['receipts/r1.json']);
    for (const file of filesUnder(root)) expect(readFileSync(file).includes('only for acme')).toBe(false);
    await a.delete('receipts/r1.json');
    expect(await a.get('receipts/r1.json')).toBeNull();
  });

  it.each(['../outbound/x.pdf', 'a/../../b', '', 'with space', 'x'.repeat(201)])('refuses the key %p before touching storage', async (key) => {
    const a = createPluginStorage(storage, 'acme');
    const error = await a.put(key, Buffer.from('x')).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && error.code).toBe('CONFIG_INVALID');
    expect(await storage.list('')).toEqual([]);
  });

  it('refuses content that is not bytes, and lists only under a valid prefix', async () => {
    const a = createPluginStorage(storage, 'acme');
    const notBytes = await a.put('k', 'text' as unknown as Buffer).catch((caught: unknown) => caught);
    expect(FaxbotError.is(notBytes) && notBytes.code).toBe('CONFIG_INVALID');
    const badPrefix = await a.list('../').catch((caught: unknown) => caught);
    expect(FaxbotError.is(badPrefix)).toBe(true);
  });
});
