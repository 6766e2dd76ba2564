import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { Express } from 'express';
import { createLogger } from '@faxbot/audit';
import { loadConfig, type AppConfig } from '../config/app-config';
import { startGateway, type RunningGateway } from '../server';

/** Databases the integration suites run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const TEST_DATABASES: Array<'sqlite' | 'postgres'> = process.env['TEST_DATABASE_URL'] ? ['sqlite', 'postgres'] : ['sqlite'];

/** Fast timings for tests: the loopback line "delivers" in 40 ms and the worker polls often. */
export const FAST_ENV: Record<string, string> = {
  LOOPBACK_DELIVERY_DELAY_MS: '40',
  LOOPBACK_SLOW_LINE_DELAY_MS: '400',
  LOOPBACK_TRANSIENT_FAILURES: '2',
  FAX_STATUS_POLL_MS: '30',
  FAX_STATUS_POLL_MAX_MS: '200',
  FAX_RETRY_BASE_MS: '30',
  FAX_RETRY_MAX_MS: '200',
  QUEUE_IDLE_POLL_MS: '30',
  // Long enough that an event-loop stall on a loaded CI machine never lets a second worker slot
  // claim a job still being sent; crash-recovery tests set their own short lease.
  QUEUE_LEASE_MS: '10000',
  LOG_LEVEL: 'debug',
};

/** A gateway running in-process on a temporary data folder, with its log output captured. */
export interface TestGateway {
  gateway: RunningGateway;
  app: Express;
  config: AppConfig;
  apiKey: string;
  dataDir: string;
  logs(): string;
  close(): Promise<void>;
}

/** A fresh PostgreSQL schema for one suite, dropped by the returned cleanup. */
export async function createPostgresSchema(): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const url = process.env['TEST_DATABASE_URL'] as string;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    url,
    schema,
    drop: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/**
 * A TCP port nobody listens on right now. The gateway binds it only after opening its database and
 * starting its plugins (seconds on a loaded machine, longer on PostgreSQL), and any process asking
 * the kernel for a port meanwhile can be handed the same one, so the caller retries on EADDRINUSE.
 */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts a gateway on the given database with test timings; `env` overrides anything. With
 * `listen`, it serves HTTP on 127.0.0.1 with `PUBLIC_API_URL` pointing at itself, so provider
 * simulators can call its webhooks and fetch its document links over real sockets.
 */
export async function startTestGateway(database: 'sqlite' | 'postgres', env: Record<string, string> = {}, options: { listen?: boolean } = {}): Promise<TestGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-api-'));
  const apiKey = `test-${randomBytes(16).toString('hex')}`;
  const pg = database === 'postgres' ? await createPostgresSchema() : null;
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const configFor = (listening: number | null): AppConfig =>
    loadConfig({
      FAX_DATA_DIR: dataDir,
      API_KEY: apiKey,
      PORT: '0',
      ...(listening === null ? {} : { PORT: String(listening), HOST: '127.0.0.1', PUBLIC_API_URL: `http://127.0.0.1:${listening}` }),
      ...FAST_ENV,
      ...(pg ? { DATABASE_URL: pg.url, DATABASE_SCHEMA: pg.schema } : {}),
      ...env,
    });
  let config = configFor(options.listen === true ? await freePort() : null);
  const logger = createLogger({ level: config.logLevel, destination });
  let gateway: RunningGateway;
  for (let attempt = 1; ; attempt += 1) {
    try {
      gateway = await startGateway(config, logger, { listen: options.listen === true });
      break;
    } catch (error) {
      // Someone took the port in the meantime: start again on another one, like a restarted process
      // (a failed start has stopped everything it started). Any other failure is the test's.
      if (options.listen !== true || attempt === 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      config = configFor(await freePort());
    }
  }
  return {
    gateway,
    app: gateway.app,
    config,
    apiKey,
    dataDir,
    logs: () => chunks.join(''),
    async close() {
      await gateway.stop();
      await pg?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `GET /fax/{id}` until the job is final, or fails after `timeoutMs`. */
export async function waitForFinalStatus(app: Express, apiKey: string, jobId: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request(app).get(`/fax/${jobId}`).set('X-API-Key', apiKey);
    const body = response.body as Record<string, unknown>;
    if (['SUCCESS', 'FAILED', 'cancelled'].includes(String(body['status']))) return body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(body['status'])} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Sends a small text fax and returns the response. */
export function sendTextFax(app: Express, apiKey: string, to: string, text = 'Hello from the test suite\n'): request.Test {
  return request(app).post('/fax').set('X-API-Key', apiKey).field('to', to).attach('file', Buffer.from(text), { filename: 'note.txt', contentType: 'text/plain' });
}
