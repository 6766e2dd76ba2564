import type { PluginConfigRecord } from '@faxbot/db';
import { STORE_BACKENDS, uniqueInstanceId, useStoreFixture } from './config-store.test-helpers';

const DATABASES = STORE_BACKENDS.filter((kind) => kind !== 'file');

describe.each(DATABASES)('the database backend on %s', (kind) => {
  const fx = useStoreFixture(kind);

  function row(instanceId: string, overrides: Partial<PluginConfigRecord> = {}): PluginConfigRecord {
    return {
      instanceId,
      pluginId: 'acmefax',
      enabled: true,
      isolation: 'in-process',
      settingsJson: '{"region":"eu"}',
      version: 1,
      updatedAt: new Date(),
      updatedBy: 'someone',
      ...overrides,
    };
  }

  it('stores secrets sealed in the row and in the replaced versions', async () => {
    const id = uniqueInstanceId();
    await fx.store.put({ instanceId: id, pluginId: 'acmefax', enabled: true, settings: { accountPin: 'row-secret-1' } }, { actor: 'admin:test', secretFields: ['accountPin'] });
    await fx.store.put({ instanceId: id, pluginId: 'acmefax', enabled: false, settings: { accountPin: 'row-secret-2' } }, { actor: 'admin:test', secretFields: ['accountPin'] });

    const current = await fx.db!.pluginConfigs.find(id);
    const versions = await fx.db!.pluginConfigs.listVersions(id);

    expect(JSON.parse(current!.settingsJson)).toEqual({ accountPin: expect.stringMatching(/^enc:v1:/) });
    expect(versions).toHaveLength(1);
    expect(JSON.parse(versions[0]!.settingsJson)).toEqual({ accountPin: expect.stringMatching(/^enc:v1:/) });
    expect(JSON.stringify([current, versions])).not.toMatch(/row-secret/);
  });

  it.each<[string, Partial<PluginConfigRecord>]>([
    ['settings that are not JSON', { settingsJson: '{"region":' }],
    ['settings that are not an object', { settingsJson: '["eu"]' }],
    ['an unknown isolation mode', { isolation: 'vm' }],
    ['a plugin id the store would refuse', { pluginId: 'Not Valid' }],
    ['an empty author', { updatedBy: '' }],
  ])('refuses a row with %s instead of using it', async (_case, overrides) => {
    const id = uniqueInstanceId();
    await fx.db!.pluginConfigs.write(row(id, overrides), { expectedVersion: null, keepVersions: 10 });

    await expect(fx.store.get(id)).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining(id) });
    await expect(fx.store.list()).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(fx.store.put({ instanceId: id, pluginId: 'acmefax', enabled: true, settings: {} }, { actor: 'admin:test', secretFields: [] })).rejects.toMatchObject({
      code: 'CORRUPT',
    });

    await fx.db!.pluginConfigs.remove(id);
  });
});
