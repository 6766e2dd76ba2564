import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ResolvedPluginManifest } from '@faxbot/plugin-sdk';
import { openDatabase, type Database } from '@faxbot/db';
import { openPluginConfigStore } from '../plugins/config-store/open-plugin-config-store';
import type { PluginConfigStore } from '../plugins/config-store/plugin-config.store';
import { resolvePluginConfig } from '../plugins/plugin-config.resolver';
import { MASKED_SECRET, migrateConfigCommand } from './migrate-config.command';

// A provider whose manifest maps a secret and two plain settings to the environment, the way a
// Phaxio or Sinch plugin maps PHAXIO_API_KEY. The secret's field name is not one the log scrubber
// knows, so the tests below would see a leak rather than a redaction.
const PIN = `pin-${randomBytes(6).toString('hex')}-never-print`;
const MANIFEST = {
  manifestVersion: 1,
  id: 'acmefax',
  kind: 'backend',
  apiVersion: 1,
  entry: './index.js',
  categories: ['outbound'],
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      accountPin: { type: 'string', writeOnly: true, 'x-env': 'ACMEFAX_ACCOUNT_PIN' },
      region: { type: 'string', enum: ['us', 'eu', 'ca'], default: 'us', 'x-env': 'ACMEFAX_REGION' },
      retries: { type: 'integer', minimum: 0, default: 1, 'x-env': 'ACMEFAX_RETRIES' },
      note: { type: 'string' },
    },
    required: ['accountPin'],
  },
};

type Backend = 'sqlite' | 'file' | 'postgres';
const BACKENDS: Backend[] = ['sqlite', 'file', ...(process.env['TEST_DATABASE_URL'] ? (['postgres'] as const) : [])];
const quiet = { info: () => undefined };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(BACKENDS)('faxbot migrate-config with the store in %s', (backend) => {
  let root: string;
  let dataDir: string;
  let baseEnv: Record<string, string>;
  let dropSchema: () => Promise<void>;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'faxbot-migrate-'));
    dataDir = join(root, 'data');
    const pluginDir = join(root, 'plugins', 'faxbot-plugin-acmefax');
    mkdirSync(pluginDir, { recursive: true });
    writeFileSync(join(pluginDir, 'package.json'), JSON.stringify({ name: 'faxbot-plugin-acmefax', version: '1.0.0', faxbot: MANIFEST }));
    writeFileSync(join(pluginDir, 'index.js'), "exports.createPlugin = () => { throw new Error('not loaded by migrate-config'); };\n");
    baseEnv = {
      FAX_DATA_DIR: dataDir,
      FAX_BACKEND: 'acmefax',
      FAXBOT_PLUGIN_PATH: join(root, 'plugins'),
      ACMEFAX_ACCOUNT_PIN: PIN,
      ACMEFAX_REGION: 'eu',
      LOG_LEVEL: 'info',
    };
    dropSchema = async () => undefined;
    if (backend === 'file') baseEnv['FAXBOT_CONFIG_PATH'] = join(root, 'etc', 'faxbot.config.json');
    if (backend === 'postgres') {
      const url = process.env['TEST_DATABASE_URL'] as string;
      const schema = `migrate_${randomBytes(6).toString('hex')}`;
      baseEnv['DATABASE_URL'] = url;
      baseEnv['DATABASE_SCHEMA'] = schema;
      dropSchema = async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      };
    }
  });

  afterEach(async () => {
    await dropSchema();
    rmSync(root, { recursive: true, force: true });
  });

  async function run(argv: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await migrateConfigCommand(argv, { ...baseEnv, ...env }, { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  /** Opens the same store the command uses (same data folder, key and backend) for one callback. */
  async function withStore<T>(fn: (store: PluginConfigStore) => Promise<T>): Promise<T> {
    let db: Database | undefined;
    if (backend === 'sqlite') db = await openDatabase({ sqlitePath: join(dataDir, 'faxbot.db') });
    if (backend === 'postgres') db = await openDatabase({ url: baseEnv['DATABASE_URL'], postgresSchema: baseEnv['DATABASE_SCHEMA'], poolSize: 2 });
    try {
      const { store } = await openPluginConfigStore({ dataDir, configPath: baseEnv['FAXBOT_CONFIG_PATH'], ...(db ? { db } : {}), logger: quiet });
      return await fn(store);
    } finally {
      await db?.close();
    }
  }

  async function rawStorage(): Promise<string> {
    if (backend === 'file') return readFileSync(baseEnv['FAXBOT_CONFIG_PATH']!, 'utf8');
    let db: Database | undefined;
    try {
      db = backend === 'sqlite' ? await openDatabase({ sqlitePath: join(dataDir, 'faxbot.db') }) : await openDatabase({ url: baseEnv['DATABASE_URL'], postgresSchema: baseEnv['DATABASE_SCHEMA'] });
      return JSON.stringify([await db.pluginConfigs.list(), await db.pluginConfigs.listVersions('acmefax')]);
    } finally {
      await db?.close();
    }
  }

  function expectNoSecret(result: Run): void {
    expect(result.stdout).not.toContain(PIN);
    expect(result.stderr).not.toContain(PIN);
  }

  it.each([[[]], [['--apply', '--rollback']], [['--bogus']], [['apply']]])('exits 2 with the usage for arguments %j', async (argv) => {
    const result = await run(argv);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: faxbot migrate-config');
  });

  it('prints the usage for --help', async () => {
    await expect(run(['--help'])).resolves.toMatchObject({ code: 0, stdout: expect.stringContaining('--dry-run') });
  });

  it('--dry-run prints the config it would write, secrets masked, and changes nothing', async () => {
    const result = await run(['--dry-run']);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      mode: 'dry-run',
      store: backend === 'file' ? baseEnv['FAXBOT_CONFIG_PATH'] : 'database',
      instanceId: 'acmefax',
      pluginId: 'acmefax',
      enabled: true,
      settings: { accountPin: MASKED_SECRET, region: 'eu' },
      fromEnvironment: { accountPin: 'ACMEFAX_ACCOUNT_PIN', region: 'ACMEFAX_REGION' },
      secretFields: ['accountPin'],
      valid: true,
      errors: [],
    });
    expectNoSecret(result);
    expect(existsSync(dataDir)).toBe(false);
    if (backend === 'file') expect(existsSync(baseEnv['FAXBOT_CONFIG_PATH']!)).toBe(false);
  });

  it('--dry-run exits 1 naming the field when the environment is invalid', async () => {
    const result = await run(['--dry-run'], { ACMEFAX_RETRIES: 'several' });

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: false, errors: [expect.stringContaining('config.retries')] });
    expect(result.stderr).toContain('config.retries');
    expectNoSecret(result);
  });

  it.each([['--dry-run'], ['--apply'], ['--rollback']])('%s exits 1 when FAX_BACKEND names no installed plugin', async (mode) => {
    const result = await run([mode], { FAX_BACKEND: 'nosuchfax' });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/FAX_BACKEND is "nosuchfax" but no backend plugin with that id is installed \(found: .*acmefax/);
  });

  it('--apply writes the plugin config with the secret sealed, creates the key 0600 and audits without values', async () => {
    const result = await run(['--apply']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('backup: no configuration of "acmefax" was stored before; --rollback will remove it');
    expect(result.stdout).toContain('wrote: "acmefax" version 1');
    expect(result.stderr).toContain(`created the secret key ${join(dataDir, 'secret.key')} (mode 0600)`);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    const audit = result.stderr.split('\n').filter((line) => line.includes('plugin.config_changed'));
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!)).toMatchObject({ event: 'plugin.config_changed', action: 'create', instanceId: 'acmefax', actor: 'migrate-config', version: 1 });
    expectNoSecret(result);
    const raw = await rawStorage();
    expect(raw).not.toContain(PIN);
    expect(raw).toContain('enc:v1:');
    await expect(withStore((store) => store.get('acmefax'))).resolves.toMatchObject({
      pluginId: 'acmefax',
      enabled: true,
      isolation: 'in-process',
      version: 1,
      updatedBy: 'migrate-config',
      settings: { accountPin: PIN, region: 'eu' },
    });
  });

  it('gives the same effective configuration from the store as from the environment (switching the flag loses nothing)', async () => {
    const envOnly = resolvePluginConfig(MANIFEST as unknown as ResolvedPluginManifest, baseEnv);
    await run(['--apply']);

    const stored = await withStore((store) => store.get('acmefax'));
    const fromStore = resolvePluginConfig(MANIFEST as unknown as ResolvedPluginManifest, {}, stored?.settings ?? {});

    expect(fromStore.check).toEqual(envOnly.check);
    expect(fromStore.locked).toEqual([]);
    expect(envOnly.locked.sort()).toEqual(['accountPin', 'region']);
  });

  it('--apply keeps an existing config as the backup, merges into it, and --rollback restores it', async () => {
    await run(['--apply'], { ACMEFAX_REGION: 'us', ACMEFAX_ACCOUNT_PIN: 'old-pin-value' });
    await withStore((store) =>
      store.put({ instanceId: 'acmefax', pluginId: 'acmefax', enabled: false, settings: { region: 'ca', note: 'kept', accountPin: undefined } }, { actor: 'admin:ops', secretFields: ['accountPin'] }),
    );

    const applied = await run(['--apply']);

    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('backup: the previous configuration of "acmefax" is kept as version 2 (undo: faxbot migrate-config --rollback)');
    expect(applied.stdout).toContain('wrote: "acmefax" version 3');
    await expect(withStore((store) => store.get('acmefax'))).resolves.toMatchObject({ version: 3, enabled: true, settings: { region: 'eu', note: 'kept', accountPin: PIN } });

    const rolledBack = await run(['--rollback']);

    expect(rolledBack.code).toBe(0);
    expect(rolledBack.stdout).toContain('rolled back: "acmefax" version 2 restored as version 4');
    await expect(withStore((store) => store.get('acmefax'))).resolves.toMatchObject({
      version: 4,
      enabled: false,
      settings: { region: 'ca', note: 'kept', accountPin: 'old-pin-value' },
      updatedBy: 'migrate-config:rollback',
    });
    const again = await run(['--rollback']);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('already rolled back: version 4') });
    await expect(withStore((store) => store.history('acmefax'))).resolves.toHaveLength(4);
    expectNoSecret(applied);
    expectNoSecret(rolledBack);
  });

  it('--rollback removes a config that --apply created, and then has nothing left to roll back', async () => {
    await run(['--apply']);

    const rolledBack = await run(['--rollback']);

    expect(rolledBack).toMatchObject({ code: 0, stdout: expect.stringContaining('rolled back: removed "acmefax"') });
    await expect(withStore((store) => store.get('acmefax'))).resolves.toBeNull();
    const again = await run(['--rollback']);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('nothing to roll back') });
  });

  it('--rollback refuses a config that migrate-config never wrote', async () => {
    await run(['--apply']);
    await run(['--rollback']);
    await withStore((store) => store.put({ instanceId: 'acmefax', pluginId: 'acmefax', enabled: true, settings: { accountPin: 'x' } }, { actor: 'admin:ops', secretFields: ['accountPin'] }));

    const result = await run(['--rollback']);

    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('was written by migrate-config --apply') });
  });

  it('--apply twice writes one version', async () => {
    await run(['--apply']);

    const second = await run(['--apply']);

    expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining('no change: "acmefax" version 1') });
    await expect(withStore((store) => store.history('acmefax'))).resolves.toHaveLength(1);
  });

  it('--apply keeps a stored secret the environment no longer sets', async () => {
    await run(['--apply']);

    const result = await run(['--apply'], { ACMEFAX_ACCOUNT_PIN: undefined, ACMEFAX_REGION: 'ca' });

    expect(result.code).toBe(0);
    await expect(withStore((store) => store.get('acmefax'))).resolves.toMatchObject({ version: 2, settings: { accountPin: PIN, region: 'ca' } });
  });

  it('--apply exits 1 and writes nothing when the environment is invalid', async () => {
    const result = await run(['--apply'], { ACMEFAX_REGION: 'mars' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('config.region');
    await expect(withStore((store) => store.list())).resolves.toEqual([]);
  });

  it('--apply exits 1 with a clear message for a malformed FAXBOT_SECRET_KEY, never repeating it', async () => {
    const result = await run(['--apply'], { FAXBOT_SECRET_KEY: 'my-secret-passphrase' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('FAXBOT_SECRET_KEY must be 64 hex characters or the base64 encoding of 32 bytes');
    expect(result.stderr).not.toContain('my-secret-passphrase');
  });

  it('--apply exits 1 when the key file is readable by others, telling the operator to chmod 600', async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'secret.key'), `${randomBytes(32).toString('hex')}\n`, { mode: 0o644 });

    const result = await run(['--apply']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`chmod 600 ${join(dataDir, 'secret.key')}`);
    // Stopped before the store was touched: no database file, no config file.
    expect(readdirSync(dataDir)).toEqual(['secret.key']);
    if (backend === 'file') expect(existsSync(baseEnv['FAXBOT_CONFIG_PATH']!)).toBe(false);
  });
});
