import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPluginConfigStore } from './create-plugin-config-store';
import { SecretBox } from './secret-box';
import { newKey } from './config-store.test-helpers';

describe('createPluginConfigStore', () => {
  const secretBox = new SecretBox(newKey());
  const logger = { info: () => undefined };

  it('uses the FAXBOT_CONFIG_PATH file when a path is given, even with a database at hand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxbot-factory-'));
    try {
      const configPath = join(dir, 'faxbot.config.json');
      const unusedDb = {
        get pluginConfigs(): never {
          throw new Error('the database must not be used');
        },
      };

      const store = createPluginConfigStore({ db: unusedDb, configPath, secretBox, logger });
      await store.put({ instanceId: 'loopback', pluginId: 'loopback', enabled: true, settings: {} }, { actor: 'test', secretFields: [] });

      expect(store.location).toBe(configPath);
      expect(statSync(configPath).isFile()).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([undefined, '', '  '])('needs a database when the path is %p', (configPath) => {
    expect(() => createPluginConfigStore({ ...(configPath === undefined ? {} : { configPath }), secretBox, logger })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
