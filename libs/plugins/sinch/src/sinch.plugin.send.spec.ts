import { Readable } from 'node:stream';
import { FaxbotError, type FaxDocument } from '@faxbot/plugin-sdk';
import { createTestDocument, minimalPdf, type TestDocument } from '@faxbot/plugin-sdk/testing';
import { CALLBACK_PASS, CALLBACK_USER, expectClean, startSinchTestBed, type SinchTestBed } from './sinch.test-helpers';

jest.setTimeout(30_000);

describe('SinchPlugin.send', () => {
  let bed: SinchTestBed;
  const documents: TestDocument[] = [];

  const document = (): TestDocument => {
    const created = createTestDocument({ fileName: 'Jane Doe referral.pdf' });
    documents.push(created);
    return created;
  };

  afterEach(async () => {
    await bed.close();
    await Promise.all(documents.splice(0).map((created) => created.close()));
  });

  it('uploads the document as a multipart file part with the callback URL, labels and sender', async () => {
    bed = await startSinchTestBed({ config: { fromNumber: '+15550199999', serviceId: 'svc-1' } });
    const result = await bed.plugin.send({ jobId: 'job-1', to: '+15550100000', document: document(), idempotencyKey: 'job-1-1' });
    expect(result).toEqual({ providerSid: expect.any(String), status: 'in_progress', pages: 1 });
    const fax = bed.sinch.faxes.get(result.providerSid);
    expect(fax).toEqual(
      expect.objectContaining({
        to: '+15550100000',
        from: '+15550199999',
        serviceId: 'svc-1',
        documentSource: 'file',
        document: minimalPdf(),
        callbackUrlContentType: 'multipart/form-data',
        labels: { faxbotJobId: 'job-1', faxbotIdempotencyKey: 'job-1-1' },
      }),
    );
    const callbackUrl = new URL(fax?.callbackUrl ?? '');
    expect(`${callbackUrl.origin}${callbackUrl.pathname}`).toBe(bed.deps.webhooks.url('status'));
    expect([decodeURIComponent(callbackUrl.username), decodeURIComponent(callbackUrl.password)]).toEqual([CALLBACK_USER, CALLBACK_PASS]);
  });

  it('keeps the file name (PHI) out of the request', async () => {
    bed = await startSinchTestBed();
    await bed.plugin.send({ jobId: 'job-1', to: '+15550100000', document: document(), idempotencyKey: 'job-1-1' });
    expect(JSON.stringify([...bed.sinch.faxes.values()].map((fax) => ({ ...fax, document: null })))).not.toContain('Jane Doe');
  });

  it('uploads a text document as text/plain', async () => {
    bed = await startSinchTestBed();
    const bytes = Buffer.from('hello from a text fax\n');
    const text: FaxDocument = { type: 'txt', mimeType: 'text/plain', fileName: 'note.txt', sizeBytes: bytes.length, open: () => Readable.from([bytes]), read: async () => bytes };
    const result = await bed.plugin.send({ jobId: 'job-t', to: '+15550100000', document: text, idempotencyKey: 'job-t-1' });
    expect(bed.sinch.faxes.get(result.providerSid)?.document).toEqual(bytes);
  });

  it('hands Sinch a short-lived content URL in content_url mode, which Sinch really fetches', async () => {
    bed = await startSinchTestBed({ config: { documentDelivery: 'content_url', contentUrlTtlSeconds: 600 } });
    const doc = document();
    const result = await bed.plugin.send({ jobId: 'job-2', to: '+15550100000', document: doc, idempotencyKey: 'job-2-1' });
    const fax = bed.sinch.faxes.get(result.providerSid);
    expect(fax).toEqual(expect.objectContaining({ documentSource: 'contentUrl', contentUrlStatus: 200, document: minimalPdf() }));
    expect(doc.publicUrls).toEqual([fax?.contentUrl]);
    expect(doc.fetches).toBe(1);
    expectClean(JSON.stringify(bed.deps.logLines), { secrets: [...bed.secrets(), ...doc.publicUrls], numbers: ['+15550100000'] });
  });

  it('refuses content_url mode when the host has no public document URL', async () => {
    bed = await startSinchTestBed({ config: { documentDelivery: 'content_url' } });
    const error = await bed.plugin.send({ jobId: 'job-3', to: '+15550100000', document: createTestDocument({ publicUrl: false }), idempotencyKey: 'job-3-1' }).catch((caught: unknown) => caught);
    expect(FaxbotError.is(error) && error.code).toBe('CONFIG_INVALID');
    expect(bed.sinch.faxes.size).toBe(0);
  });

  describe('idempotency', () => {
    it('returns the recorded fax for a repeated key instead of sending again', async () => {
      bed = await startSinchTestBed();
      const options = { jobId: 'job-4', to: '+15550100000', document: document(), idempotencyKey: 'job-4-1' };
      const first = await bed.plugin.send(options);
      const second = await bed.plugin.send(options);
      expect(second.providerSid).toBe(first.providerSid);
      expect(bed.sinch.faxes.size).toBe(1);
    });

    it('remembers answered keys across a restart (the record lives in dataDir)', async () => {
      bed = await startSinchTestBed();
      const options = { jobId: 'job-5', to: '+15550100000', document: document(), idempotencyKey: 'job-5-1' };
      const first = await bed.plugin.send(options);
      await bed.plugin.stop();
      const restarted = await bed.restart();
      expect((await restarted.send(options)).providerSid).toBe(first.providerSid);
      expect(bed.sinch.faxes.size).toBe(1);
    });

    it('sends once when the same key arrives twice at the same time', async () => {
      bed = await startSinchTestBed({ simulator: { responseDelayMs: 100 } });
      const options = { jobId: 'job-6', to: '+15550100000', document: document(), idempotencyKey: 'job-6-1' };
      const [a, b] = await Promise.all([bed.plugin.send(options), bed.plugin.send(options)]);
      expect(a.providerSid).toBe(b.providerSid);
      expect(bed.sinch.faxes.size).toBe(1);
    });

    it('sends a new key of the same job again (the host decided to retry)', async () => {
      bed = await startSinchTestBed();
      await bed.plugin.send({ jobId: 'job-7', to: '+15550100000', document: document(), idempotencyKey: 'job-7-1' });
      await bed.plugin.send({ jobId: 'job-7', to: '+15550100000', document: document(), idempotencyKey: 'job-7-2' });
      expect(bed.sinch.faxes.size).toBe(2);
    });

    it('documents the remaining gap: a send whose answer was lost is sent again on retry', async () => {
      bed = await startSinchTestBed({ config: { requestTimeoutMs: 500 } });
      bed.sinch.failNextSend('accepted_timeout');
      const options = { jobId: 'job-8', to: '+15550100000', document: document(), idempotencyKey: 'job-8-1' };
      const error = await bed.plugin.send(options).catch((caught: unknown) => caught);
      expect(FaxbotError.is(error) && error.code).toBe('PROVIDER_TIMEOUT');
      await bed.plugin.send(options);
      expect(bed.sinch.faxes.size).toBe(2);
    });
  });
});
