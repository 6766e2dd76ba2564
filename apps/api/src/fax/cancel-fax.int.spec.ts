import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { Logger } from '@faxbot/audit';
import type { Database } from '@faxbot/db';
import type { AppConfig } from '../config/app-config';
import { FaxDocumentFactory } from '../documents/fax-document.factory';
import { EventBus } from '../events/event-bus';
import { QueueWorker } from '../jobs/queue-worker';
import { PluginHost } from '../plugins/plugin-host';
import { TEST_DATABASES, sendTextFax, startTestGateway, waitForFinalStatus, type TestGateway } from '../testing/test-gateway.test-helpers';
import { API_TOKENS } from '../tokens';
import { FaxDispatcher } from './fax-dispatcher';
import { FAX_QUEUE } from './fax-queue';
import { FaxStatusRecorder } from './fax-status.recorder';

const HOLDING = join(__dirname, '__fixtures__', 'holding-plugin');
const HOLDING_NO_CANCEL = join(__dirname, '__fixtures__', 'holding-nocancel-plugin');

type Job = Record<string, unknown>;

function cancel(t: TestGateway, jobId: string, apiKey = t.apiKey): request.Test {
  return request(t.app).post(`/fax/${jobId}/cancel`).set('X-API-Key', apiKey);
}

async function getJob(t: TestGateway, jobId: string): Promise<Job> {
  return (await request(t.app).get(`/fax/${jobId}`).set('X-API-Key', t.apiKey)).body as Job;
}

/** Polls the job until `done` holds for it. */
async function waitForJob(t: TestGateway, jobId: string, done: (job: Job) => boolean, timeoutMs = 15_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(t, jobId);
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not get there: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const withProvider = (job: Job): boolean => job['status'] === 'in_progress' && typeof job['provider_sid'] === 'string';

describe.each(TEST_DATABASES)('POST /fax/{id}/cancel on %s', (database) => {
  describe('a job still in the queue', () => {
    let t: TestGateway;
    let db: Database;

    beforeAll(async () => {
      // No worker: every job stays queued until a test starts one.
      t = await startTestGateway(database, { FAX_DISABLED: 'true' });
      db = t.gateway.container.get<Database>(API_TOKENS.Database);
    });
    afterAll(async () => {
      await t.close();
    });

    it('is cancelled at once (200 with the job), emits job.cancelled, and a second cancel is a 409', async () => {
      const sent = await sendTextFax(t.app, t.apiKey, '+15551234567');
      const cancelled = await cancel(t, sent.body.id);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ id: sent.body.id, status: 'cancelled', provider_sid: null, error: null, error_code: null });
      expect(await getJob(t, sent.body.id)).toMatchObject({ status: 'cancelled' });
      const events = t.gateway.container.get(EventBus).since(0).filter((event) => (event.payload as { jobId?: string }).jobId === sent.body.id);
      expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['fax.status_changed', 'job.cancelled']));
      expect(events.find((event) => event.type === 'fax.status_changed')?.payload).toMatchObject({ status: 'cancelled', source: 'api' });
      const again = await cancel(t, sent.body.id);
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ detail: 'Job already finished with status cancelled; nothing to cancel' });
    });

    it('answers 404 for an unknown id, 403 without fax:send and 401 without a key', async () => {
      expect((await cancel(t, 'f'.repeat(32))).body).toEqual({ detail: 'Job not found' });
      expect((await cancel(t, 'f'.repeat(32))).status).toBe(404);
      const sent = await sendTextFax(t.app, t.apiKey, '+15551234567');
      const key = await request(t.app).post('/admin/api-keys').set('X-API-Key', t.apiKey).send({ name: 'reader', scopes: ['fax:read'] });
      const denied = await cancel(t, sent.body.id, key.body.token);
      expect(denied.status).toBe(403);
      expect(denied.body).toEqual({ detail: 'Insufficient scope: fax:send required' });
      expect((await request(t.app).post(`/fax/${sent.body.id}/cancel`)).status).toBe(401);
      expect(await getJob(t, sent.body.id)).toMatchObject({ status: 'queued' });
    });

    it('is never dispatched afterwards, even when a worker read it as queued just before the cancel', async () => {
      const before = await sendTextFax(t.app, t.apiKey, '+15551230000');
      expect((await cancel(t, before.body.id)).status).toBe(200);
      const racing = await sendTextFax(t.app, t.apiKey, '+15551230000');
      // A worker claims the task, reads the job (still queued) and only then does the cancel land.
      let claimed = await db.queue.claim(FAX_QUEUE, { owner: 'racing-worker', leaseMs: 60_000 });
      while (claimed !== null && claimed.payload['jobId'] !== racing.body.id) {
        await db.queue.complete(claimed.id, 'racing-worker');
        claimed = await db.queue.claim(FAX_QUEUE, { owner: 'racing-worker', leaseMs: 60_000 });
      }
      expect(claimed).not.toBeNull();
      const cancelBetweenReadAndSend = async (): Promise<void> => {
        const answer = await cancel(t, racing.body.id);
        expect(answer.status).toBe(200);
      };
      const outcome = await dispatcherReadingThrough(t, db, racing.body.id, cancelBetweenReadAndSend).handle(claimed!, new AbortController().signal);
      expect(outcome).toEqual({ kind: 'complete' });

      // And the real worker, started now, finds nothing to send either.
      const worker = t.gateway.container.get(QueueWorker);
      worker.start();
      try {
        await waitFor(async () => (await db.queue.counts(FAX_QUEUE)).ready === 0);
      } finally {
        await worker.stop();
      }
      for (const id of [before.body.id, racing.body.id]) {
        expect(await getJob(t, id)).toMatchObject({ status: 'cancelled', provider_sid: null });
        expect(await db.attempts.listForJob(id)).toEqual([]);
      }
      expect(existsSync(join(t.dataDir, 'plugins', 'loopback', 'outbox')) ? readdirSync(join(t.dataDir, 'plugins', 'loopback', 'outbox')) : []).toEqual([]);
    });
  });

  describe('a job with its provider', () => {
    let t: TestGateway;

    beforeAll(async () => {
      t = await startTestGateway(database, { FAXBOT_PLUGIN_PATH: HOLDING, FAXBOT_PLUGIN_DEV_MODE: 'true', FAX_BACKEND: 'holding' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('is cancelled through the plugin (200), and a late provider callback does not bring it back', async () => {
      const sent = await sendTextFax(t.app, t.apiKey, '+15551237000');
      const accepted = await waitForJob(t, sent.body.id, withProvider);
      const cancelled = await cancel(t, sent.body.id);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', provider_sid: accepted['provider_sid'] });
      const events = t.gateway.container.get(EventBus).since(0).filter((event) => (event.payload as { jobId?: string }).jobId === sent.body.id);
      expect(events.filter((event) => event.type === 'job.cancelled')).toHaveLength(1);

      const late = await request(t.app)
        .post('/webhooks/holding/status')
        .set('Content-Type', 'application/json')
        .send({ providerSid: accepted['provider_sid'], status: 'SUCCESS', pages: 3 });
      expect(late.status).toBe(200);
      expect(await getJob(t, sent.body.id)).toMatchObject({ status: 'cancelled', pages: null });
    });

    it.each([
      ['refuses', '+15551237001', 409, 'The provider refused to cancel the fax: holding: the fax has already finished'],
      ['cannot be reached', '+15551237002', 503, 'Could not ask the provider to cancel the fax (holding: provider unreachable); the job is unchanged, try again later'],
    ])('answers when the provider %s, with the job unchanged', async (_case, to, status, detail) => {
      const sent = await sendTextFax(t.app, t.apiKey, to);
      const accepted = await waitForJob(t, sent.body.id, withProvider);
      const refused = await cancel(t, sent.body.id);
      expect(refused.status).toBe(status);
      expect(refused.body).toEqual({ detail });
      expect(await getJob(t, sent.body.id)).toEqual(accepted);
    });

    it('answers 409 while the job is being handed to its provider, and cancels it once the provider has it', async () => {
      const sent = await sendTextFax(t.app, t.apiKey, '+15551237003');
      await waitForJob(t, sent.body.id, (job) => job['status'] === 'in_progress');
      const early = await cancel(t, sent.body.id);
      expect(early.status).toBe(409);
      expect(early.body).toEqual({ detail: 'Job is being handed to its provider right now; try again in a few seconds' });
      writeFileSync(join(t.dataDir, 'plugins', 'holding', `release-${sent.body.id}`), '');
      await waitForJob(t, sent.body.id, withProvider);
      expect((await cancel(t, sent.body.id)).body).toMatchObject({ status: 'cancelled' });
    });

    it('keeps numbers out of the log, also an id that looks like one', async () => {
      expect((await cancel(t, '15559876543')).status).toBe(404);
      const logs = t.logs();
      expect(logs).toContain('"event":"fax.cancelled"');
      expect(logs).toContain('"event":"fax.cancel_refused"');
      for (const digits of ['15559876543', '5551237000', '5551237001', '5551237002', '5551237003']) expect(logs).not.toContain(digits);
    });
  });

  it('answers 409 for a job whose provider cannot cancel, with the job unchanged', async () => {
    const t = await startTestGateway(database, { FAXBOT_PLUGIN_PATH: HOLDING_NO_CANCEL, FAXBOT_PLUGIN_DEV_MODE: 'true', FAX_BACKEND: 'holding-nocancel' });
    try {
      const sent = await sendTextFax(t.app, t.apiKey, '+15551237000');
      const accepted = await waitForJob(t, sent.body.id, withProvider);
      const refused = await cancel(t, sent.body.id);
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({ detail: 'Job is already with its provider (holding-nocancel), which cannot cancel a fax' });
      expect(await getJob(t, sent.body.id)).toEqual(accepted);
    } finally {
      await t.close();
    }
  });

  it('cancels a fax on the loopback line end to end: the line and the job both end cancelled', async () => {
    const t = await startTestGateway(database, { LOOPBACK_DELIVERY_DELAY_MS: '600000' });
    try {
      const sent = await sendTextFax(t.app, t.apiKey, '+15551230000');
      const accepted = await waitForJob(t, sent.body.id, withProvider);
      const cancelled = await cancel(t, sent.body.id);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', provider_sid: accepted['provider_sid'] });
      const record = JSON.parse(readFileSync(join(t.dataDir, 'plugins', 'loopback', 'outbox', `${String(accepted['provider_sid'])}.json`), 'utf8')) as { cancelledAt?: number };
      expect(typeof record.cancelledAt).toBe('number');
      expect((await cancel(t, sent.body.id)).status).toBe(409);
    } finally {
      await t.close();
    }
  });

  it('cancels a job waiting to retry after a provider outage at once: it is back in the queue', async () => {
    const t = await startTestGateway(database, { LOOPBACK_TRANSIENT_FAILURES: '1000', FAX_RETRY_BASE_MS: '600000', FAX_RETRY_MAX_MS: '600000' });
    try {
      const sent = await sendTextFax(t.app, t.apiKey, '+15551230002');
      await waitForJob(t, sent.body.id, (job) => job['status'] === 'queued' && job['error_code'] === 'PROVIDER_UNAVAILABLE');
      const cancelled = await cancel(t, sent.body.id);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', provider_sid: null, error_code: null });
      const db = t.gateway.container.get<Database>(API_TOKENS.Database);
      expect((await db.attempts.listForJob(sent.body.id)).map((attempt) => attempt.state)).toEqual(['failed_retryable']);
    } finally {
      await t.close();
    }
  });

  it('never lets a fax cancelled in the queue reach the provider, however the cancel and the worker interleave', async () => {
    const t = await startTestGateway(database);
    try {
      const db = t.gateway.container.get<Database>(API_TOKENS.Database);
      const ids: string[] = [];
      for (let i = 0; i < 8; i += 1) ids.push((await sendTextFax(t.app, t.apiKey, '+15551230000')).body.id);
      const answers = await Promise.all(ids.map((id) => cancel(t, id)));
      for (const [index, id] of ids.entries()) {
        const answer = answers[index]!;
        expect([200, 409]).toContain(answer.status);
        const final = await waitForFinalStatus(t.app, t.apiKey, id);
        if (answer.status === 200 && answer.body.provider_sid === null) {
          expect(final).toMatchObject({ status: 'cancelled', provider_sid: null });
          expect(await db.attempts.listForJob(id)).toEqual([]);
        }
        if (final['status'] !== 'cancelled') expect(answer.status).toBe(409);
      }
      // Let the worker drain the tasks of the cancelled jobs, then check once more.
      await waitFor(async () => (await db.queue.counts(FAX_QUEUE)).ready === 0);
      for (const [index, id] of ids.entries()) {
        if (answers[index]!.body.provider_sid === null && answers[index]!.status === 200) expect(await db.attempts.listForJob(id)).toEqual([]);
      }
    } finally {
      await t.close();
    }
  });
});

/**
 * The gateway's fax dispatcher, except that its first read of `jobId` runs `between` after the
 * read and before the dispatcher goes on: the cancel lands while the worker holds a stale copy.
 */
function dispatcherReadingThrough(t: TestGateway, db: Database, jobId: string, between: () => Promise<void>): FaxDispatcher {
  let pending = true;
  const jobs = new Proxy(db.jobs, {
    get(target, property) {
      if (property === 'findById') {
        return async (id: string) => {
          const job = await target.findById(id);
          if (id === jobId && pending) {
            pending = false;
            await between();
          }
          return job;
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const racingDb = new Proxy(db, {
    get(target, property) {
      if (property === 'jobs') return jobs;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const { container } = t.gateway;
  return new FaxDispatcher(
    racingDb,
    container.get<AppConfig>(API_TOKENS.Config),
    container.get<Logger>(API_TOKENS.Logger),
    container.get(PluginHost),
    container.get(FaxDocumentFactory),
    container.get(FaxStatusRecorder),
    container.get(EventBus),
  );
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
