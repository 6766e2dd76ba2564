import request from 'supertest';
import type { Database } from '@faxbot/db';
import type { DocumentStorage } from '@faxbot/storage';
import { DocumentLinkService } from '../documents/document-link.service';
import { TEST_DATABASES, sendTextFax, startTestGateway, waitForFinalStatus, type TestGateway } from '../testing/test-gateway.test-helpers';
import { API_TOKENS } from '../tokens';
import { RetentionSweeper } from './retention.sweeper';

const DAY_MS = 24 * 60 * 60 * 1000;

// Outbound retention on its own: ARTIFACT_TTL_DAYS deletes exactly the finished jobs' documents that
// are due, and nothing else; inbound retention is a separate setting (see inbound.int.spec.ts).
describe.each(TEST_DATABASES)('outbound document retention (%s)', (database) => {
  let t: TestGateway;

  afterEach(async () => {
    await t?.close();
  });

  it('deletes finished jobs\' documents once due, keeps jobs in flight and the rows, and audits each deletion', async () => {
    t = await startTestGateway(database, { ARTIFACT_TTL_DAYS: '1', INBOUND_RETENTION_DAYS: '0', LOOPBACK_SLOW_LINE_DELAY_MS: '60000' });
    const db = t.gateway.container.get<Database>(API_TOKENS.Database);
    const storage = t.gateway.container.get<DocumentStorage>(API_TOKENS.DocumentStorage);
    const sweeper = t.gateway.container.get(RetentionSweeper);
    const finished = String((await sendTextFax(t.app, t.apiKey, '+15551230000')).body.id);
    const inFlight = String((await sendTextFax(t.app, t.apiKey, '+15551230003')).body.id);
    expect(await waitForFinalStatus(t.app, t.apiKey, finished)).toMatchObject({ status: 'SUCCESS' });
    const link = await t.gateway.container.get(DocumentLinkService).mint('fax', finished, 3600);

    // Not due yet: a day has not passed since the job finished.
    expect(await sweeper.sweep(new Date())).toEqual({ outbound: 0, inbound: 0, tokens: 0 });
    expect((await request(t.app).get(`/fax/${finished}/pdf?token=${link.token}`)).status).toBe(200);

    const later = new Date(Date.now() + 2 * DAY_MS);
    expect(await sweeper.sweep(later)).toMatchObject({ outbound: 1, inbound: 0 });
    expect(await sweeper.sweep(later)).toMatchObject({ outbound: 0 });
    const finishedJob = await db.jobs.findById(finished);
    expect(finishedJob).toMatchObject({ status: 'SUCCESS', documentDeletedAt: later });
    expect(await storage.stat(finishedJob!.documentKey)).toBeNull();
    const inFlightJob = await db.jobs.findById(inFlight);
    expect(inFlightJob?.documentDeletedAt).toBeNull();
    expect(await storage.stat(inFlightJob!.documentKey)).not.toBeNull();
    // The job stays readable; its links go with the document.
    expect((await request(t.app).get(`/fax/${finished}`).set('X-API-Key', t.apiKey)).body).toMatchObject({ id: finished, status: 'SUCCESS' });
    expect((await request(t.app).get(`/fax/${finished}/pdf?token=${link.token}`)).body).toEqual({ detail: 'Invalid token' });
    expect(t.logs()).toContain('retention.outbound_deleted');
  });

  it('keeps every outbound document while ARTIFACT_TTL_DAYS is 0', async () => {
    t = await startTestGateway(database, { ARTIFACT_TTL_DAYS: '0' });
    const id = String((await sendTextFax(t.app, t.apiKey, '+15551230000')).body.id);
    await waitForFinalStatus(t.app, t.apiKey, id);
    expect(await t.gateway.container.get(RetentionSweeper).sweep(new Date(Date.now() + 3650 * DAY_MS))).toMatchObject({ outbound: 0 });
    expect((await t.gateway.container.get<Database>(API_TOKENS.Database).jobs.findById(id))?.documentDeletedAt).toBeNull();
  });
});
