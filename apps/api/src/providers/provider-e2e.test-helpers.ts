import request from 'supertest';
import { minimalPdf } from '@faxbot/plugin-sdk/testing';
import { startTestGateway, waitForFinalStatus, type TestGateway } from '../testing/test-gateway.test-helpers';

/** The document the end-to-end tests fax: a real one-page PDF with a recognisable line. */
export const E2E_PDF = minimalPdf('Referral for provider end-to-end test');

/**
 * A gateway listening on 127.0.0.1 with inbound on, for a provider plugin configured by the
 * original environment variables in `env` (FAX_BACKEND and the provider's own names).
 * Polling is slow on purpose, so a final status seen within a test came from the provider's
 * callback or event, not from a poll.
 */
export function startProviderGateway(database: 'sqlite' | 'postgres', env: Record<string, string>): Promise<TestGateway> {
  return startTestGateway(database, { INBOUND_ENABLED: 'true', FAX_STATUS_POLL_MS: '60000', FAX_STATUS_POLL_MAX_MS: '60000', ...env }, { listen: true });
}

/** Sends the E2E PDF to `to` and returns the job id. */
export async function sendPdf(t: TestGateway, to: string): Promise<string> {
  const response = await request(t.app).post('/fax').set('X-API-Key', t.apiKey).field('to', to).attach('file', E2E_PDF, { filename: 'referral.pdf', contentType: 'application/pdf' });
  if (response.status !== 202) throw new Error(`POST /fax answered ${response.status}: ${JSON.stringify(response.body)}`);
  return String((response.body as { id: string }).id);
}

/** Waits for a final status and returns the job. */
export function finalJob(t: TestGateway, jobId: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  return waitForFinalStatus(t.app, t.apiKey, jobId, timeoutMs);
}

/** Polls `GET /inbound` until `count` faxes are listed. */
export async function waitForInbound(t: TestGateway, count: number, timeoutMs = 10_000): Promise<Array<Record<string, unknown>>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listed = (await request(t.app).get('/inbound').set('X-API-Key', t.apiKey)).body as Array<Record<string, unknown>>;
    if (Array.isArray(listed) && listed.length >= count) return listed;
    if (Date.now() > deadline) throw new Error(`expected ${count} inbound faxes, have ${Array.isArray(listed) ? listed.length : 'none'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Routes `to` to a new mailbox, as an operator would. */
export async function routeToMailbox(t: TestGateway, to: string, label: string): Promise<void> {
  await request(t.app).post('/admin/inbound/mailboxes').set('X-API-Key', t.apiKey).send({ label }).expect(201);
  await request(t.app).post('/admin/inbound/rules').set('X-API-Key', t.apiKey).send({ to_number: to, mailbox: label }).expect(201);
}

/** Downloads an inbound fax with a scoped key and with a fresh token (no key), returning both bodies. */
export async function downloadBothWays(t: TestGateway, inboundId: string): Promise<{ withKey: Buffer; withToken: Buffer }> {
  const keyResponse = await request(t.app).post('/admin/api-keys').set('X-API-Key', t.apiKey).send({ name: 'reader', scopes: ['inbound:read'] });
  const reader = String((keyResponse.body as { token: string }).token);
  const withKey = await request(t.app).get(`/inbound/${inboundId}/pdf`).set('X-API-Key', reader).buffer(true).expect(200);
  const minted = await request(t.app).post(`/inbound/${inboundId}/token`).set('X-API-Key', reader).expect(201);
  const withToken = await request(t.app).get(`/inbound/${inboundId}/pdf?token=${String((minted.body as { token: string }).token)}`).buffer(true).expect(200);
  return { withKey: withKey.body as Buffer, withToken: withToken.body as Buffer };
}
