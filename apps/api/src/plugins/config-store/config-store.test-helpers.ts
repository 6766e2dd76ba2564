import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { createLogger } from '@faxbot/audit';
import { openDatabase, type Database } from '@faxbot/db';
import { createPluginConfigStore } from './create-plugin-config-store';
import type { PluginConfigStore } from './plugin-config.store';
import { SecretBox } from './secret-box';
import type { AuditLogger } from './versioned-plugin-config.store';

/** Where a store under test keeps its data. */
export type StoreBackendKind = 'file' | 'sqlite' | 'postgres';

/** The file backend and SQLite always; PostgreSQL when TEST_DATABASE_URL is set. */
export const STORE_BACKENDS: StoreBackendKind[] = ['file', 'sqlite', ...(process.env['TEST_DATABASE_URL'] ? (['postgres'] as const) : [])];

/** A store on private storage, with what it logged. */
export interface StoreFixture {
  readonly kind: StoreBackendKind;
  readonly dir: string;
  readonly configPath: string | undefined;
  readonly db: Database | undefined;
  readonly box: SecretBox;
  readonly store: PluginConfigStore;
  /** Audit fields exactly as the store passed them to its logger (before any scrubbing). */
  readonly events: Array<Record<string, unknown>>;
  /** Everything the real `@faxbot/audit` logger wrote. */
  logs(): string;
  /** Another store on the same storage, e.g. with a different key. */
  open(box: SecretBox): PluginConfigStore;
  /** Raw stored text of the storage: the whole file, or every settings column of both tables. */
  raw(): Promise<string>;
}

/** A new random 32-byte key. */
export function newKey(): Buffer {
  return randomBytes(32);
}

/**
 * Unique instance ids, so tests sharing one store do not see each other's instances. The random
 * part starts with a letter: an all-digit run would be masked by the log scrubber as a phone number.
 */
export function uniqueInstanceId(prefix = 'inst'): string {
  return `${prefix}-x${randomBytes(5).toString('hex')}`;
}

/**
 * Opens a store of `kind` before the tests of the enclosing `describe` and removes its storage after
 * them. Read the fixture inside tests, not while declaring them.
 */
export function useStoreFixture(kind: StoreBackendKind): StoreFixture {
  let state: (Omit<StoreFixture, 'logs' | 'open' | 'raw' | 'kind'> & { chunks: string[]; logger: AuditLogger; cleanup: () => Promise<void> }) | undefined;
  const get = (): NonNullable<typeof state> => {
    if (state === undefined) throw new Error('the store fixture is not open yet');
    return state;
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxbot-config-store-'));
    const chunks: string[] = [];
    const real = createLogger({
      level: 'info',
      destination: new Writable({
        write(chunk, _encoding, done) {
          chunks.push(String(chunk));
          done();
        },
      }),
    });
    const events: Array<Record<string, unknown>> = [];
    // Records what the store hands to its logger, then logs it for real: tests can check both.
    const logger: AuditLogger = {
      info(fields, message) {
        events.push(structuredClone(fields));
        real.info(fields, message);
      },
    };
    let db: Database | undefined;
    let dropSchema = async (): Promise<void> => undefined;
    if (kind === 'sqlite') db = await openDatabase({ sqlitePath: join(dir, 'faxbot.db') });
    if (kind === 'postgres') {
      const url = process.env['TEST_DATABASE_URL'] as string;
      const schema = `cfg_test_${randomBytes(6).toString('hex')}`;
      db = await openDatabase({ url, postgresSchema: schema, poolSize: 4 });
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
    const configPath = kind === 'file' ? join(dir, 'config', 'faxbot.config.json') : undefined;
    const box = new SecretBox(newKey());
    const store = createPluginConfigStore({ ...(db ? { db } : {}), ...(configPath ? { configPath } : {}), secretBox: box, logger });
    state = {
      dir,
      configPath,
      db,
      box,
      store,
      events,
      chunks,
      logger,
      cleanup: async () => {
        await db?.close();
        await dropSchema();
        await rm(dir, { recursive: true, force: true });
      },
    };
  });

  afterAll(async () => {
    await state?.cleanup();
  });

  return {
    kind,
    get dir() {
      return get().dir;
    },
    get configPath() {
      return get().configPath;
    },
    get db() {
      return get().db;
    },
    get box() {
      return get().box;
    },
    get store() {
      return get().store;
    },
    get events() {
      return get().events;
    },
    logs: () => get().chunks.join(''),
    open(box: SecretBox) {
      const { db, configPath, logger } = get();
      return createPluginConfigStore({ ...(db ? { db } : {}), ...(configPath ? { configPath } : {}), secretBox: box, logger });
    },
    async raw() {
      const { db, configPath } = get();
      if (configPath !== undefined) return readFile(configPath, 'utf8').catch(() => '');
      if (db === undefined) throw new Error('no database');
      const current = await db.pluginConfigs.list();
      const versions = await Promise.all(current.map((row) => db.pluginConfigs.listVersions(row.instanceId)));
      return JSON.stringify([...current, ...versions.flat()]);
    },
  };
}
