import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPluginConfigStore } from './create-plugin-config-store';
import type { PluginConfigStore } from './plugin-config.store';
import { SecretBox } from './secret-box';
import type { AuditLogger } from './versioned-plugin-config.store';
import { newKey } from './config-store.test-helpers';
import type { ConfigFileDocument } from './stored-config.schema';

const quiet: AuditLogger = { info: () => undefined };
const PIN = 'pin-52be0c-file-secret';

describe('the FAXBOT_CONFIG_PATH file backend', () => {
  let dir: string;
  let path: string;
  let key: Buffer;
  let store: PluginConfigStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faxbot-config-file-'));
    path = join(dir, 'etc', 'faxbot.config.json');
    key = newKey();
    store = createPluginConfigStore({ configPath: path, secretBox: new SecretBox(key), logger: quiet });
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function save(instanceId: string, settings: Record<string, unknown> = {}): Promise<void> {
    await store.put({ instanceId, pluginId: 'acmefax', enabled: true, settings: { accountPin: PIN, ...settings } }, { actor: 'admin:test', secretFields: ['accountPin'] });
  }

  async function document(): Promise<ConfigFileDocument> {
    return JSON.parse(await readFile(path, 'utf8')) as ConfigFileDocument;
  }

  it('reads a missing file as an empty store without creating it', async () => {
    await expect(store.list()).resolves.toEqual([]);
    expect(() => statSync(path)).toThrow();
  });

  it('writes the documented format, mode 0600, in a directory it creates', async () => {
    await save('beta', { region: 'eu' });
    await save('beta', { region: 'us' });
    await save('alpha');

    const written = await document();

    expect(Object.keys(written)).toEqual(['formatVersion', 'instances', 'history']);
    expect(written.formatVersion).toBe(1);
    expect(Object.keys(written.instances)).toEqual(['alpha', 'beta']);
    expect(written.instances['beta']).toEqual({
      instanceId: 'beta',
      pluginId: 'acmefax',
      enabled: true,
      isolation: 'in-process',
      settings: { accountPin: expect.stringMatching(/^enc:v1:/), region: 'us' },
      version: 2,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      updatedBy: 'admin:test',
    });
    expect(written.history).toEqual({ beta: [expect.objectContaining({ version: 1, settings: expect.objectContaining({ region: 'eu' }) })] });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'etc')).mode & 0o777).toBe(0o700);
  });

  it('tightens a file an operator created with a wider mode on the next write', async () => {
    await save('alpha');
    chmodSync(path, 0o644);

    await save('alpha', { region: 'us' });

    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file behind after writes', async () => {
    for (let n = 0; n < 5; n++) await save('alpha', { n });

    expect(readdirSync(join(dir, 'etc'))).toEqual(['faxbot.config.json']);
  });

  type Corruption = [string, (doc: ConfigFileDocument) => unknown];
  it.each<Corruption>([
    ['text that is not JSON', () => '{"formatVersion": 1, "instances": {'],
    ['an empty file', () => ''],
    ['a newer formatVersion', (doc) => ({ ...doc, formatVersion: 2 })],
    ['a missing history', (doc) => ({ formatVersion: 1, instances: doc.instances })],
    ['an unknown top-level key', (doc) => ({ ...doc, extra: true })],
    ['an invalid instance id key', (doc) => ({ ...doc, instances: { ...doc.instances, 'Not Valid': doc.instances['alpha'] } })],
    ['a key that differs from the instance id', (doc) => ({ ...doc, instances: { other: doc.instances['alpha'] }, history: {} })],
    ['an unknown isolation mode', (doc) => ({ ...doc, instances: { alpha: { ...doc.instances['alpha'], isolation: 'vm' } } })],
    ['a version that is not an integer', (doc) => ({ ...doc, instances: { alpha: { ...doc.instances['alpha'], version: 2.5 } } })],
    ['an unknown field in a version', (doc) => ({ ...doc, instances: { alpha: { ...doc.instances['alpha'], secret: 'x' } } })],
    ['a timestamp that is not ISO 8601', (doc) => ({ ...doc, instances: { alpha: { ...doc.instances['alpha'], updatedAt: 'yesterday' } } })],
    ['more than 10 kept versions', (doc) => ({ ...doc, history: { alpha: Array.from({ length: 11 }, () => doc.history['alpha'][0]) } })],
    ['a kept version newer than the current one', (doc) => ({ ...doc, history: { alpha: [{ ...doc.history['alpha'][0], version: 9 }] } })],
    ['history of an instance that does not exist', (doc) => ({ ...doc, history: { ...doc.history, ghost: [] } })],
  ])('refuses a file with %s, on read and on write, and leaves it as it is', async (_case, corrupt) => {
    await save('alpha');
    await save('alpha', { region: 'us' });
    const mutated = corrupt(await document());
    const text = typeof mutated === 'string' ? mutated : JSON.stringify(mutated);
    writeFileSync(path, text);

    await expect(store.list()).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(store.get('alpha')).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(store.history('alpha')).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(save('beta')).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(store.remove('alpha', { actor: 'admin:test' })).rejects.toMatchObject({ code: 'CORRUPT' });

    await expect(readFile(path, 'utf8')).resolves.toBe(text);
  });

  it('names the file and never repeats its content in the error', async () => {
    await save('alpha');
    const doc = await document();
    (doc.instances['alpha'] as { isolation: string }).isolation = 'isolation-value-xyz';
    writeFileSync(path, JSON.stringify(doc));

    const error = (await store.list().then(
      () => new Error('list() should have failed'),
      (caught: unknown) => caught,
    )) as Error;

    expect(error.message).toContain(path);
    expect(error.message).toContain('never resets');
    expect(error.message).not.toContain('isolation-value-xyz');
  });

  it('ignores a temporary file an interrupted write left behind', async () => {
    await save('alpha', { region: 'eu' });
    const live = await readFile(path, 'utf8');
    const leftover = join(dir, 'etc', `.faxbot.config.json.99999.deadbeefcafe.tmp`);
    writeFileSync(leftover, live.slice(0, Math.floor(live.length / 2)), { mode: 0o600 });

    await expect(store.get('alpha')).resolves.toMatchObject({ version: 1, settings: { region: 'eu', accountPin: PIN } });
    await save('alpha', { region: 'us' });

    await expect(store.get('alpha')).resolves.toMatchObject({ version: 2, settings: { region: 'us' } });
    await expect(readFile(leftover, 'utf8')).resolves.toBe(live.slice(0, Math.floor(live.length / 2)));
  });

  it('keeps the live file whole when a writer process is killed mid-write', async () => {
    await save('crash', { v: 1 });
    const register = require.resolve('@swc-node/register');
    // The child saves large versions as fast as it can until it is killed at a random moment.
    const script = `
      const { createPluginConfigStore } = require(${JSON.stringify(join(__dirname, 'create-plugin-config-store.ts'))});
      const { SecretBox } = require(${JSON.stringify(join(__dirname, 'secret-box.ts'))});
      const store = createPluginConfigStore({ configPath: ${JSON.stringify(path)}, secretBox: new SecretBox(Buffer.from('${key.toString('hex')}', 'hex')), logger: { info() {} } });
      (async () => {
        for (let n = 1; ; n++) {
          const { version } = await store.get('crash');
          const settings = { v: version + 1, blob: String(version).repeat(300000) };
          await store.put({ instanceId: 'crash', pluginId: 'acmefax', enabled: true, settings }, { actor: 'crash-test', secretFields: ['accountPin'], expectedVersion: version });
          if (n === 1) process.stdout.write('writing\\n');
        }
      })();
    `;
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['-r', register, '-e', script], { cwd: join(__dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`writer exited early (${String(code)}): ${stderr}`)));
      });
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 150)));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      const current = await store.get('crash');
      expect(current).not.toBeNull();
      // Each version carries its own number: a torn or mixed file could not satisfy this.
      expect(current?.settings['v']).toBe(current?.version);
      expect(current?.settings['accountPin']).toBe(PIN);
      await expect(store.history('crash')).resolves.toHaveLength(Math.min(current?.version ?? 0, 11));
    }
  }, 60_000);
});
