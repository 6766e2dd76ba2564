import type { PluginConfigRecord } from '../records';
import { TEST_DATABASE_KINDS, useTestDatabase } from '../testing/test-database.test-helpers';

let counter = 0;

function uniqueId(): string {
  counter += 1;
  return `inst-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

function record(instanceId: string, version: number, overrides: Partial<PluginConfigRecord> = {}): PluginConfigRecord {
  return {
    instanceId,
    pluginId: 'acme',
    enabled: true,
    isolation: 'in-process',
    settingsJson: JSON.stringify({ n: version }),
    version,
    updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, version)),
    updatedBy: `user-${version}`,
    ...overrides,
  };
}

describe.each(TEST_DATABASE_KINDS)('PluginConfigRepository on %s', (kind) => {
  const ctx = useTestDatabase(kind);

  async function writeVersions(instanceId: string, count: number, keepVersions = 10): Promise<void> {
    for (let version = 1; version <= count; version++) {
      const written = await ctx.db.pluginConfigs.write(record(instanceId, version), {
        expectedVersion: version === 1 ? null : version - 1,
        keepVersions,
      });
      expect(written).toBe(true);
    }
  }

  it('stores a first version and reads it back unchanged', async () => {
    const id = uniqueId();
    const first = record(id, 1, { enabled: false, isolation: 'worker', settingsJson: '{"apiKey":"enc:v1:a:b:c"}' });

    await expect(ctx.db.pluginConfigs.write(first, { expectedVersion: null, keepVersions: 10 })).resolves.toBe(true);

    await expect(ctx.db.pluginConfigs.find(id)).resolves.toEqual(first);
    await expect(ctx.db.pluginConfigs.listVersions(id)).resolves.toEqual([]);
  });

  it('moves the replaced row into the versions, newest first, with its own author and time', async () => {
    const id = uniqueId();
    await writeVersions(id, 3);

    await expect(ctx.db.pluginConfigs.find(id)).resolves.toEqual(record(id, 3));
    await expect(ctx.db.pluginConfigs.listVersions(id)).resolves.toEqual([record(id, 2), record(id, 1)]);
  });

  it('keeps only the newest keepVersions replaced rows', async () => {
    const id = uniqueId();
    await writeVersions(id, 14);

    const versions = await ctx.db.pluginConfigs.listVersions(id);

    expect(versions.map((version) => version.version)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4]);
  });

  it.each([
    ['the instance already exists', null, 1],
    ['the stored version moved on', 1, 2],
  ])('refuses a write when %s and changes nothing', async (_case, expectedVersion, version) => {
    const id = uniqueId();
    await writeVersions(id, 2);

    const written = await ctx.db.pluginConfigs.write(record(id, version, { updatedBy: 'late' }), { expectedVersion, keepVersions: 10 });

    expect(written).toBe(false);
    await expect(ctx.db.pluginConfigs.find(id)).resolves.toEqual(record(id, 2));
    await expect(ctx.db.pluginConfigs.listVersions(id)).resolves.toEqual([record(id, 1)]);
  });

  it('refuses a replace of an instance that does not exist', async () => {
    const id = uniqueId();

    await expect(ctx.db.pluginConfigs.write(record(id, 2), { expectedVersion: 1, keepVersions: 10 })).resolves.toBe(false);
    await expect(ctx.db.pluginConfigs.find(id)).resolves.toBeNull();
  });

  it('lets exactly one of two writers building on the same version win', async () => {
    const id = uniqueId();
    await writeVersions(id, 1);

    const outcomes = await Promise.all(
      ['a', 'b'].map((who) => ctx.db.pluginConfigs.write(record(id, 2, { updatedBy: who }), { expectedVersion: 1, keepVersions: 10 })),
    );

    expect(outcomes.filter(Boolean)).toHaveLength(1);
    await expect(ctx.db.pluginConfigs.listVersions(id)).resolves.toHaveLength(1);
  });

  it.each([
    ['a version that skips one', 3, 1],
    ['a first version other than 1', 2, null],
  ])('rejects %s with INVALID_VALUE', async (_case, version, expectedVersion) => {
    await expect(ctx.db.pluginConfigs.write(record(uniqueId(), version), { expectedVersion, keepVersions: 10 })).rejects.toMatchObject({
      code: 'INVALID_VALUE',
    });
  });

  it('lists current configurations by instance id', async () => {
    const ids = [uniqueId(), uniqueId()].sort();
    for (const id of [...ids].reverse()) await writeVersions(id, 1);

    const listed = (await ctx.db.pluginConfigs.list()).filter((row) => ids.includes(row.instanceId));

    expect(listed.map((row) => row.instanceId)).toEqual(ids);
  });

  it('removes an instance with its versions, so its id starts again at version 1', async () => {
    const id = uniqueId();
    await writeVersions(id, 3);

    await expect(ctx.db.pluginConfigs.remove(id)).resolves.toEqual(record(id, 3));
    await expect(ctx.db.pluginConfigs.remove(id)).resolves.toBeNull();

    await expect(ctx.db.pluginConfigs.find(id)).resolves.toBeNull();
    await expect(ctx.db.pluginConfigs.listVersions(id)).resolves.toEqual([]);
    await expect(ctx.db.pluginConfigs.write(record(id, 1), { expectedVersion: null, keepVersions: 10 })).resolves.toBe(true);
  });
});
