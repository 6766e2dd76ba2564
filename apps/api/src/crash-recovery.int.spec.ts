import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '@faxbot/db';
import { TEST_DATABASES, createPostgresSchema } from './testing/test-gateway.test-helpers';

// Runs the built CLI (`faxbot serve`) as a real process and kills it with SIGKILL mid-work.
const CLI = join(__dirname, '..', 'dist', 'cli.js');

interface Gateway {
  child: ChildProcess;
  url: string;
}

function startCli(env: Record<string, string>): Promise<Gateway> {
  const child = spawn(process.execPath, [CLI, 'serve'], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
      const match = /Faxbot is running at (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string });
      }
    });
    child.on('exit', (code) => reject(new Error(`gateway exited with ${code}: ${stderr}`)));
  });
}

async function sendFax(gateway: Gateway, apiKey: string, to: string, text: string): Promise<string> {
  const form = new FormData();
  form.append('to', to);
  form.append('file', new Blob([text], { type: 'text/plain' }), 'letter.txt');
  const response = await fetch(`${gateway.url}/fax`, { method: 'POST', body: form, headers: { 'X-API-Key': apiKey } });
  expect(response.status).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

async function statusOf(gateway: Gateway, apiKey: string, id: string): Promise<string> {
  const response = await fetch(`${gateway.url}/fax/${id}`, { headers: { 'X-API-Key': apiKey } });
  return ((await response.json()) as { status: string }).status;
}

function kill(gateway: Gateway): Promise<void> {
  return new Promise((resolve) => {
    gateway.child.removeAllListeners('exit');
    gateway.child.on('exit', () => resolve());
    gateway.child.kill('SIGKILL');
  });
}

describe.each(TEST_DATABASES)('crash recovery on %s', (database) => {
  jest.setTimeout(90_000);

  it('finishes every job exactly once after SIGKILL and restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-crash-'));
    const pg = database === 'postgres' ? await createPostgresSchema() : null;
    const apiKey = `crash-${randomBytes(12).toString('hex')}`;
    const env = {
      FAX_DATA_DIR: dataDir,
      API_KEY: apiKey,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: '3',
      QUEUE_LEASE_MS: '1500',
      QUEUE_IDLE_POLL_MS: '50',
      FAX_STATUS_POLL_MS: '100',
      FAX_STATUS_POLL_MAX_MS: '300',
      FAX_RETRY_BASE_MS: '100',
      FAX_RETRY_MAX_MS: '400',
      LOOPBACK_DELIVERY_DELAY_MS: '800',
      LOOPBACK_SLOW_LINE_DELAY_MS: '4000',
      LOOPBACK_TRANSIENT_FAILURES: '1',
      ...(pg ? { DATABASE_URL: pg.url, DATABASE_SCHEMA: pg.schema } : {}),
    };
    try {
      let gateway = await startCli(env);
      // Normal, slow-line (in flight at the kill) and transient destinations.
      const destinations = ['+15551110000', '+15551110003', '+15551110002', '+15551110010', '+15551110013', '+15551110020', '+15551110023', '+15551110030'];
      const ids: string[] = [];
      for (const [index, to] of destinations.entries()) ids.push(await sendFax(gateway, apiKey, to, `document ${index}\n`));
      await new Promise((resolve) => setTimeout(resolve, 700));
      const before = await Promise.all(ids.map((id) => statusOf(gateway, apiKey, id)));
      expect(before.some((status) => status !== 'SUCCESS')).toBe(true);
      await kill(gateway);

      // Prove the kill hit work in flight: a send attempt was open and some jobs had not started.
      const db = await openDatabase(pg ? { url: pg.url, postgresSchema: pg.schema } : { sqlitePath: join(dataDir, 'faxbot.db') });
      const attempts = (await Promise.all(ids.map((id) => db.attempts.listForJob(id)))).flat();
      const jobs = await Promise.all(ids.map((id) => db.jobs.findById(id)));
      await db.close();
      expect(attempts.some((attempt) => attempt.state === 'sending')).toBe(true);
      // Not yet with the provider: still queued, or taken by the worker (in_progress) without a provider id.
      expect(jobs.some((job) => job?.status === 'queued' || job?.providerSid === null)).toBe(true);

      gateway = await startCli(env);
      const deadline = Date.now() + 45_000;
      let statuses: string[] = [];
      while (Date.now() < deadline) {
        statuses = await Promise.all(ids.map((id) => statusOf(gateway, apiKey, id)));
        if (statuses.every((status) => status === 'SUCCESS' || status === 'FAILED')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await kill(gateway);
      expect(statuses).toEqual(ids.map(() => 'SUCCESS'));

      const outbox = join(dataDir, 'plugins', 'loopback', 'outbox');
      const files = readdirSync(outbox);
      const records = files.filter((name) => name.endsWith('.json')).map((name) => JSON.parse(readFileSync(join(outbox, name), 'utf8')) as { jobId: string });
      expect(records.map((record) => record.jobId).sort()).toEqual([...ids].sort());
      // Text uploads are stored and sent as the PDF they were turned into.
      expect(files.filter((name) => name.endsWith('.pdf'))).toHaveLength(ids.length);
    } finally {
      await pg?.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
