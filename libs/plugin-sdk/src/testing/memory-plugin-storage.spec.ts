import { FaxbotError } from '../errors/faxbot-error';
import { createMemoryPluginStorage } from './memory-plugin-storage';

describe('createMemoryPluginStorage', () => {
  it('stores copies, lists by prefix in key order, and deletes', async () => {
    const storage = createMemoryPluginStorage();
    const content = Buffer.from('one');
    await storage.put('b/2', Buffer.from('two'));
    expect(await storage.put('a/1', content)).toMatchObject({ key: 'a/1', sizeBytes: 3 });
    content.write('XXX');
    expect((await storage.get('a/1'))?.toString()).toBe('one');
    expect((await storage.list()).map((object) => object.key)).toEqual(['a/1', 'b/2']);
    expect((await storage.list('b/')).map((object) => object.key)).toEqual(['b/2']);
    await storage.delete('a/1');
    await storage.delete('a/1');
    expect(await storage.get('a/1')).toBeNull();
  });

  it('accepts a Uint8Array, as a Buffer arrives from an isolated plugin', async () => {
    const storage = createMemoryPluginStorage();
    await storage.put('k', new Uint8Array([1, 2, 3]) as Buffer);
    expect(await storage.get('k')).toEqual(Buffer.from([1, 2, 3]));
  });

  it.each([
    ['a bad key', (storage: ReturnType<typeof createMemoryPluginStorage>) => storage.put('../x', Buffer.from('x'))],
    ['text instead of bytes', (storage: ReturnType<typeof createMemoryPluginStorage>) => storage.put('k', 'x' as unknown as Buffer)],
    ['a bad prefix', (storage: ReturnType<typeof createMemoryPluginStorage>) => storage.list('../')],
  ])('refuses %s with CONFIG_INVALID, as the host does', async (_name, call) => {
    const error = await call(createMemoryPluginStorage()).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && error.code).toBe('CONFIG_INVALID');
  });
});
