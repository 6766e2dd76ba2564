import { FaxbotError, type FaxbotErrorCode } from '@faxbot/plugin-sdk';
import { createTestDocument, type TestDocument } from '@faxbot/plugin-sdk/testing';
import type { SinchSendFailure } from '@faxbot/provider-simulators';
import { expectClean, refusedUrl, startSinchTestBed, type SinchTestBed } from './sinch.test-helpers';

jest.setTimeout(30_000);

const TO = '+15550100000';

async function failure(promise: Promise<unknown>): Promise<FaxbotError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!FaxbotError.is(error)) throw new Error(`expected a FaxbotError, got ${String(error)}`);
  return error;
}

describe('SinchPlugin error mapping', () => {
  let bed: SinchTestBed;
  const documents: TestDocument[] = [];

  const send = (to = TO, signal?: AbortSignal) => {
    const document = createTestDocument();
    documents.push(document);
    return bed.plugin.send({ jobId: 'job-e', to, document, idempotencyKey: `job-e-${documents.length}`, ...(signal === undefined ? {} : { signal }) });
  };

  const expectNoLeak = (error: FaxbotError, to = TO) => {
    expectClean(`${error.message} ${String(error.cause ?? '')}`, { secrets: bed.secrets(), numbers: [to], extra: documents.flatMap((document) => document.publicUrls) });
  };

  afterEach(async () => {
    await bed?.close();
    await Promise.all(documents.splice(0).map((document) => document.close()));
  });

  it.each<[SinchSendFailure, FaxbotErrorCode, boolean]>([
    ['server_error', 'PROVIDER_UNAVAILABLE', true],
    ['rate_limited', 'PROVIDER_UNAVAILABLE', true],
    ['client_error', 'PROVIDER_REJECTED', false],
    ['timeout', 'PROVIDER_TIMEOUT', false],
  ])('maps a send answered with %s to %s (retryable %s)', async (mode, code, retryable) => {
    bed = await startSinchTestBed({ config: { requestTimeoutMs: 500, documentDelivery: 'content_url' } });
    bed.sinch.failNextSend(mode);
    const error = await failure(send());
    expect([error.code, error.retryable]).toEqual([code, retryable]);
    expectNoLeak(error);
  });

  it('maps a destination Sinch refuses as a field violation to NUMBER_INVALID', async () => {
    bed = await startSinchTestBed();
    const error = await failure(send('+0123'));
    expect([error.code, error.retryable]).toEqual(['NUMBER_INVALID', false]);
    expectNoLeak(error, '+0123');
  });

  it('maps a refused connection to a retryable PROVIDER_UNAVAILABLE', async () => {
    bed = await startSinchTestBed({ config: { authMethod: 'basic' } });
    await bed.plugin.stop();
    const plugin = await bed.restart({ baseUrl: await refusedUrl('/v3') });
    const document = createTestDocument();
    documents.push(document);
    const error = await failure(plugin.send({ jobId: 'job-r', to: TO, document, idempotencyKey: 'job-r-1' }));
    expect([error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
    expectNoLeak(error);
  });

  it('gives up at shutdown without claiming nothing was sent', async () => {
    bed = await startSinchTestBed({ config: { requestTimeoutMs: 10_000 } });
    bed.sinch.failNextSend('timeout');
    const shutdown = new AbortController();
    const pending = failure(send(TO, shutdown.signal));
    await new Promise((resolve) => setTimeout(resolve, 200));
    shutdown.abort();
    const error = await pending;
    expect([error.code, error.retryable]).toEqual(['PROVIDER_TIMEOUT', false]);
  });

  it('sends nothing and stays retryable when the send was abandoned before it began', async () => {
    bed = await startSinchTestBed();
    const error = await failure(send(TO, AbortSignal.abort()));
    expect([error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
    expect(bed.sinch.faxes.size).toBe(0);
  });

  describe('getStatus', () => {
    it('fails for good only when Sinch does not know the fax', async () => {
      bed = await startSinchTestBed();
      const error = await failure(bed.plugin.getStatus({ jobId: 'job-x', providerSid: '01SIMUNKNOWN' }));
      expect([error.code, error.retryable]).toEqual(['PROVIDER_REJECTED', false]);
    });

    it('keeps polling (retryable) through an outage or refused credentials', async () => {
      bed = await startSinchTestBed({ config: { authMethod: 'basic', requestTimeoutMs: 500 } });
      const sent = await send();
      await bed.plugin.stop();
      const unreachable = await bed.restart({ baseUrl: await refusedUrl('/v3') });
      const outage = await failure(unreachable.getStatus({ jobId: 'job-e', providerSid: sent.providerSid }));
      expect([outage.code, outage.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
      const refused = await bed.restart({ apiSecret: 'wrong' });
      const auth = await failure(refused.getStatus({ jobId: 'job-e', providerSid: sent.providerSid }));
      expect([auth.code, auth.retryable]).toEqual(['PROVIDER_AUTH_FAILED', true]);
      expectNoLeak(auth);
    });

    it('is refused before start', async () => {
      bed = await startSinchTestBed();
      await bed.plugin.stop();
      const error = await failure(bed.plugin.getStatus({ jobId: 'j', providerSid: 'x' }));
      expect([error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
    });
  });
});
