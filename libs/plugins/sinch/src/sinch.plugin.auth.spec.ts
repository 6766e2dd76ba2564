import { FaxbotError } from '@faxbot/plugin-sdk';
import { createTestDocument, type TestDocument } from '@faxbot/plugin-sdk/testing';
import { refusedUrl, startSinchTestBed, type SinchTestBed } from './sinch.test-helpers';

jest.setTimeout(30_000);

describe('SinchPlugin authentication', () => {
  let bed: SinchTestBed;
  const documents: TestDocument[] = [];
  let sends = 0;

  const send = () => {
    sends += 1;
    const document = createTestDocument();
    documents.push(document);
    return bed.plugin.send({ jobId: `job-${sends}`, to: '+15550100000', document, idempotencyKey: `job-${sends}-1` });
  };

  afterEach(async () => {
    await bed.close();
    await Promise.all(documents.splice(0).map((document) => document.close()));
  });

  describe('oauth', () => {
    it('fetches one token and reuses it across sends and status polls', async () => {
      bed = await startSinchTestBed();
      const first = await send();
      await send();
      await bed.plugin.getStatus({ jobId: 'job-1', providerSid: first.providerSid });
      expect(bed.sinch.tokensIssued).toBe(1);
      const api = bed.sinch.requests.filter((request) => request.path.startsWith('/v3/'));
      expect(api.map((request) => request.auth)).toEqual(['bearer', 'bearer', 'bearer']);
    });

    it('fetches a new token once the old one is about to expire', async () => {
      // Renewed a tenth of the lifetime early: after 1.8 s of a 2 s token.
      bed = await startSinchTestBed({ simulator: { tokenTtlSeconds: 2 } });
      await send();
      expect(bed.sinch.tokensIssued).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await send();
      expect(bed.sinch.tokensIssued).toBe(2);
      expect(bed.sinch.requests.filter((request) => request.status === 401)).toHaveLength(0);
    });

    it('refreshes once when the API refuses a cached token, and the send still goes out once', async () => {
      bed = await startSinchTestBed();
      await send();
      bed.sinch.revokeTokens();
      const result = await send();
      expect(bed.sinch.tokensIssued).toBe(2);
      expect(bed.sinch.faxes.has(result.providerSid)).toBe(true);
      expect(bed.sinch.faxes.size).toBe(2);
    });

    it('fails a send with PROVIDER_AUTH_FAILED when the token endpoint refuses the key, and reports down', async () => {
      bed = await startSinchTestBed({ config: { apiSecret: 'not-the-secret' } });
      const error = await send().catch((caught: unknown) => caught);
      expect(FaxbotError.is(error) && [error.code, error.retryable]).toEqual(['PROVIDER_AUTH_FAILED', false]);
      expect(await bed.plugin.health()).toEqual({ status: 'down', detail: expect.stringContaining('HTTP 401') });
      expect(JSON.stringify([String(error), await bed.plugin.health()])).not.toContain('not-the-secret');
      expect(bed.sinch.faxes.size).toBe(0);
    });

    it('reports ok once the credentials work', async () => {
      bed = await startSinchTestBed();
      expect(await bed.plugin.health()).toEqual({ status: 'ok' });
      expect(bed.sinch.tokensIssued).toBe(1);
    });

    it('reports degraded when the token endpoint cannot be reached', async () => {
      bed = await startSinchTestBed({ config: { authUrl: await refusedUrl('/oauth2/token') } });
      expect(await bed.plugin.health()).toEqual({ status: 'degraded', detail: expect.stringContaining('token endpoint unavailable') });
      const error = await send().catch((caught: unknown) => caught);
      expect(FaxbotError.is(error) && [error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
    });
  });

  describe('basic', () => {
    it('sends key:secret on every request and never asks for a token', async () => {
      bed = await startSinchTestBed({ config: { authMethod: 'basic' } });
      const result = await send();
      await bed.plugin.getStatus({ jobId: 'job-1', providerSid: result.providerSid });
      expect(bed.sinch.tokensIssued).toBe(0);
      expect(bed.sinch.requests.map((request) => request.auth)).toEqual(['basic', 'basic']);
      expect(await bed.plugin.health()).toEqual({ status: 'ok' });
    });

    it('reports down after the API refused the key', async () => {
      bed = await startSinchTestBed({ config: { authMethod: 'basic', apiSecret: 'wrong' } });
      const error = await send().catch((caught: unknown) => caught);
      expect(FaxbotError.is(error) && error.code).toBe('PROVIDER_AUTH_FAILED');
      expect(await bed.plugin.health()).toEqual({ status: 'down', detail: expect.stringContaining('HTTP 401') });
    });
  });
});
