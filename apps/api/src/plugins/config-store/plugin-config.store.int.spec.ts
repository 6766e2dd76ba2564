import { STORE_BACKENDS, newKey, uniqueInstanceId, useStoreFixture } from './config-store.test-helpers';
import type { PluginConfigInput, PutMeta } from './plugin-config.store';
import { SecretBox } from './secret-box';

// Secret values chosen so that no logger scrubbing by field name could hide a leak: the field is
// called "accountPin", which the audit logger does not treat as a secret name.
const PIN = 'pin-7f3c1e-do-not-leak';
const OTHER_PIN = 'pin-a91d44-do-not-leak-either';
const SECRET_FIELDS = ['accountPin'];

function input(instanceId: string, settings: Record<string, unknown> = {}, overrides: Partial<PluginConfigInput> = {}): PluginConfigInput {
  return { instanceId, pluginId: 'acmefax', enabled: true, settings: { region: 'eu', accountPin: PIN, ...settings }, ...overrides };
}

function meta(overrides: Partial<PutMeta> = {}): PutMeta {
  return { actor: 'admin:test', secretFields: SECRET_FIELDS, ...overrides };
}

describe.each(STORE_BACKENDS)('PluginConfigStore on %s', (kind) => {
  const fx = useStoreFixture(kind);

  it('saves a first version and returns it with secrets decrypted', async () => {
    const id = uniqueInstanceId();

    const saved = await fx.store.put(input(id, {}, { isolation: 'worker' }), meta());

    const expected = {
      instanceId: id,
      pluginId: 'acmefax',
      enabled: true,
      isolation: 'worker',
      settings: { region: 'eu', accountPin: PIN },
      version: 1,
      updatedAt: expect.any(Date),
      updatedBy: 'admin:test',
    };
    expect(saved).toEqual(expected);
    await expect(fx.store.get(id)).resolves.toEqual(saved);
    expect((await fx.store.list()).find((config) => config.instanceId === id)).toEqual(saved);
  });

  it('defaults isolation to in-process and keeps the stored one when a save omits it', async () => {
    const id = uniqueInstanceId();
    await expect(fx.store.put(input(id), meta())).resolves.toMatchObject({ isolation: 'in-process' });
    await fx.store.put(input(id, {}, { isolation: 'process' }), meta());

    await expect(fx.store.put(input(id, { region: 'us' }), meta())).resolves.toMatchObject({ isolation: 'process', version: 3 });
  });

  it('stores secrets only as enc:v1 strings', async () => {
    const id = uniqueInstanceId();
    await fx.store.put(input(id), meta());
    await fx.store.put(input(id, { accountPin: OTHER_PIN }), meta());

    const raw = await fx.raw();

    expect(raw).toContain(id);
    expect(raw).not.toContain(PIN);
    expect(raw).not.toContain(OTHER_PIN);
    expect(raw).toMatch(/"accountPin\\?":\s*\\?"enc:v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+/);
  });

  it('keeps a stored secret when the save leaves it undefined, and clears it on null', async () => {
    const id = uniqueInstanceId();
    await fx.store.put(input(id), meta());

    const kept = await fx.store.put(input(id, { region: 'us', accountPin: undefined }), meta());
    const absent = await fx.store.put({ ...input(id), settings: { region: 'ca' } }, meta());
    const cleared = await fx.store.put(input(id, { accountPin: null }), meta());

    expect(kept.settings).toEqual({ region: 'us', accountPin: PIN });
    expect(absent.settings).toEqual({ region: 'ca', accountPin: PIN });
    expect(cleared.settings).toEqual({ region: 'eu' });
  });

  it('writes no version for a save that changes nothing (a re-entered secret included)', async () => {
    const id = uniqueInstanceId();
    await fx.store.put(input(id), meta());
    const eventsBefore = fx.events.length;

    const same = await fx.store.put(input(id), meta());

    expect(same.version).toBe(1);
    expect(fx.events).toHaveLength(eventsBefore);
    await expect(fx.store.history(id)).resolves.toHaveLength(1);
  });

  it.each([
    ['a stale version', 1, 'CONFLICT'],
    ['0 for an instance that exists', 0, 'CONFLICT'],
  ])('refuses a save that expects %s with CONFLICT', async (_case, expectedVersion, code) => {
    const id = uniqueInstanceId();
    await fx.store.put(input(id), meta());
    await fx.store.put(input(id, { region: 'us' }), meta());

    await expect(fx.store.put(input(id, { region: 'ca' }), meta({ expectedVersion }))).rejects.toMatchObject({ code });
    await expect(fx.store.get(id)).resolves.toMatchObject({ version: 2, settings: { region: 'us' } });
  });

  it('accepts a save that expects the current version, and 0 for a new instance', async () => {
    const id = uniqueInstanceId();

    await expect(fx.store.put(input(id), meta({ expectedVersion: 0 }))).resolves.toMatchObject({ version: 1 });
    await expect(fx.store.put(input(id, { region: 'us' }), meta({ expectedVersion: 1 }))).resolves.toMatchObject({ version: 2 });
  });

  it('keeps the current version and the 10 before it, newest first, without settings', async () => {
    const id = uniqueInstanceId();
    for (let n = 1; n <= 13; n++) await fx.store.put(input(id, { region: `r${n}`, accountPin: `${PIN}-${n}` }, { enabled: n % 2 === 0 }), meta({ actor: `user-${n}` }));

    const history = await fx.store.history(id);

    expect(history.map((entry) => entry.version)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(history[0]).toEqual({ version: 13, updatedAt: expect.any(Date), updatedBy: 'user-13', enabled: false });
    expect(JSON.stringify(history)).not.toContain(PIN);
    await expect(fx.store.history(uniqueInstanceId())).resolves.toEqual([]);
  });

  it('rolls back to the previous version as a new version, and can roll that back too', async () => {
    const id = uniqueInstanceId();
    await fx.store.put(input(id), meta());
    await fx.store.put(input(id, { region: 'us', accountPin: OTHER_PIN }, { enabled: false }), meta());

    const restored = await fx.store.rollback(id, { actor: 'admin:undo' });

    expect(restored).toMatchObject({ version: 3, enabled: true, settings: { region: 'eu', accountPin: PIN }, updatedBy: 'admin:undo' });
    const undone = await fx.store.rollback(id, { actor: 'admin:undo' });
    expect(undone).toMatchObject({ version: 4, enabled: false, settings: { region: 'us', accountPin: OTHER_PIN } });
    await expect(fx.store.get(id)).resolves.toEqual(undone);
  });

  it('rolls back to a given kept version', async () => {
    const id = uniqueInstanceId();
    for (const region of ['a', 'b', 'c', 'd']) await fx.store.put(input(id, { region }), meta());

    await expect(fx.store.rollback(id, { actor: 'admin:undo', toVersion: 2 })).resolves.toMatchObject({ version: 5, settings: { region: 'b' } });
  });

  it.each([
    ['an unknown instance', false, undefined, 'NOT_FOUND'],
    ['an instance without earlier versions', true, undefined, 'VERSION_NOT_KEPT'],
    ['a version that was never written', true, 7, 'VERSION_NOT_KEPT'],
    ['the current version', true, 1, 'INVALID_INPUT'],
  ])('refuses a rollback of %s', async (_case, exists, toVersion, code) => {
    const id = uniqueInstanceId();
    if (exists) await fx.store.put(input(id), meta());

    await expect(fx.store.rollback(id, { actor: 'admin:undo', ...(toVersion === undefined ? {} : { toVersion }) })).rejects.toMatchObject({ code });
  });

  it('refuses to roll back to a version pruned from the history', async () => {
    const id = uniqueInstanceId();
    for (let n = 1; n <= 12; n++) await fx.store.put(input(id, { region: `r${n}` }), meta());

    await expect(fx.store.rollback(id, { actor: 'admin:undo', toVersion: 1 })).rejects.toMatchObject({ code: 'VERSION_NOT_KEPT' });
    await expect(fx.store.rollback(id, { actor: 'admin:undo', toVersion: 2 })).resolves.toMatchObject({ version: 13, settings: { region: 'r2' } });
  });

  it('removes an instance with its history', async () => {
    const id = uniqueInstanceId();
    await fx.store.put(input(id), meta());
    await fx.store.put(input(id, { region: 'us' }), meta());

    await expect(fx.store.remove(id, { actor: 'admin:test' })).resolves.toBe(true);
    await expect(fx.store.remove(id, { actor: 'admin:test' })).resolves.toBe(false);

    await expect(fx.store.get(id)).resolves.toBeNull();
    await expect(fx.store.history(id)).resolves.toEqual([]);
    await expect(fx.store.put(input(id), meta())).resolves.toMatchObject({ version: 1 });
  });

  it('logs one audit line per change, with field names and never values', async () => {
    const id = uniqueInstanceId();
    const from = fx.events.length;

    await fx.store.put(input(id), meta({ actor: 'admin:a' }));
    await fx.store.put(input(id, { region: 'us', accountPin: OTHER_PIN }), meta({ actor: 'admin:b' }));
    await fx.store.put(input(id, { region: 'ca', accountPin: undefined }, { enabled: false }), meta({ actor: 'admin:c' }));
    await fx.store.rollback(id, { actor: 'admin:d', toVersion: 1 });
    await fx.store.remove(id, { actor: 'admin:e' });

    const base = { event: 'plugin.config_changed', instanceId: id, pluginId: 'acmefax' };
    expect(fx.events.slice(from)).toEqual([
      { ...base, action: 'create', actor: 'admin:a', version: 1, changed: ['pluginId', 'enabled', 'isolation', 'settings.accountPin', 'settings.region'], writeOnlyChanged: ['settings.accountPin'] },
      { ...base, action: 'update', actor: 'admin:b', version: 2, changed: ['settings.accountPin', 'settings.region'], writeOnlyChanged: ['settings.accountPin'] },
      { ...base, action: 'update', actor: 'admin:c', version: 3, changed: ['enabled', 'settings.region'], writeOnlyChanged: [] },
      { ...base, action: 'rollback', actor: 'admin:d', version: 4, restoredVersion: 1, changed: ['enabled', 'settings.accountPin', 'settings.region'], writeOnlyChanged: ['settings.accountPin'] },
      { ...base, action: 'remove', actor: 'admin:e', version: 4, changed: ['pluginId', 'enabled', 'isolation', 'settings.accountPin', 'settings.region'], writeOnlyChanged: ['settings.accountPin'] },
    ]);
  });

  it('never lets a secret value reach the audit events, the log output or the history', async () => {
    const id = uniqueInstanceId();
    await fx.store.put(input(id), meta());
    await fx.store.put(input(id, { accountPin: OTHER_PIN }), meta());
    await fx.store.rollback(id, { actor: 'admin:undo' });
    const history = await fx.store.history(id);
    await fx.store.remove(id, { actor: 'admin:test' });

    const logs = fx.logs();
    expect(logs).toContain('plugin.config_changed');
    expect(logs).toContain(id);
    for (const secret of [PIN, OTHER_PIN]) {
      expect(JSON.stringify(fx.events)).not.toContain(secret);
      expect(logs).not.toContain(secret);
      expect(JSON.stringify(history)).not.toContain(secret);
    }
    expect(JSON.stringify(fx.events)).not.toContain('enc:v1:');
    expect(logs).not.toContain('enc:v1:');
  });

  it('does not lose updates when many saves run at once', async () => {
    const id = uniqueInstanceId();
    const others = Array.from({ length: 5 }, () => uniqueInstanceId('par'));

    await Promise.all([
      ...Array.from({ length: 15 }, (_, n) => fx.store.put(input(id, { region: `r${n}` }), meta())),
      ...others.map((other) => fx.store.put(input(other), meta())),
    ]);

    await expect(fx.store.get(id)).resolves.toMatchObject({ version: 15 });
    expect((await fx.store.history(id)).map((entry) => entry.version)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5]);
    for (const other of others) await expect(fx.store.get(other)).resolves.toMatchObject({ version: 1 });
  });

  it('refuses to decrypt under another key, and refuses a save that would keep such a secret', async () => {
    const id = uniqueInstanceId();
    await fx.store.put(input(id), meta());
    const wrongKey = fx.open(new SecretBox(newKey()));

    await expect(wrongKey.get(id)).rejects.toMatchObject({ code: 'SECRET_UNREADABLE' });
    await expect(wrongKey.put(input(id, { region: 'us', accountPin: undefined }), meta())).rejects.toMatchObject({ code: 'SECRET_UNREADABLE' });
    await expect(wrongKey.put(input(id, { region: 'us', accountPin: OTHER_PIN }), meta())).resolves.toMatchObject({ version: 2 });
    await expect(fx.store.get(id)).rejects.toMatchObject({ code: 'SECRET_UNREADABLE' });
  });

  it('sees what another store on the same storage saved', async () => {
    const id = uniqueInstanceId();
    const second = fx.open(fx.box);
    await second.put(input(id), meta());

    await expect(fx.store.put(input(id, { region: 'us' }), meta())).resolves.toMatchObject({ version: 2 });
    await expect(second.put(input(id, { region: 'ca' }), meta({ expectedVersion: 1 }))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it.each<[string, PluginConfigInput, Partial<PutMeta>]>([
    ['an instance id with capitals', input('Bad-Id'), {}],
    ['a one-letter instance id', input('a'), {}],
    ['a plugin id with a slash', input('good-id', {}, { pluginId: 'a/b' }), {}],
    ['an unknown isolation mode', input('good-id', {}, { isolation: 'vm' as never }), {}],
    ['settings that are a list', { ...input('good-id'), settings: [] as never }, {}],
    ['a secret that is not text', input('good-id', { accountPin: 1234 }), {}],
    ['a non-secret value that looks sealed', input('good-id', { region: 'enc:v1:AAAA:BBBB:CCCC' }), {}],
    ['an empty actor', input('good-id'), { actor: ' ' }],
    ['a negative expected version', input('good-id'), { expectedVersion: -1 }],
  ])('refuses %s with INVALID_INPUT', async (_case, badInput, badMeta) => {
    await expect(fx.store.put(badInput, meta(badMeta))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('reports where it stores', () => {
    expect(fx.store.location).toBe(kind === 'file' ? fx.configPath : 'database');
  });
});
