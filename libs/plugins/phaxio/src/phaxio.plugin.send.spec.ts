import { FaxbotError } from '@faxbot/plugin-sdk';
import { createTestDocument, minimalPdf } from '@faxbot/plugin-sdk/testing';
import { startPhaxio, type StartedPhaxio } from './phaxio.test-helpers';

async function rejection(promise: Promise<unknown>): Promise<FaxbotError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!FaxbotError.is(error)) throw new Error(`expected a FaxbotError, got ${String(error)}`);
  return error;
}

describe('PhaxioPlugin.send', () => {
  let phaxio: StartedPhaxio;
  afterEach(() => phaxio.close());

  it('uploads the document with the callback URL and the key as a tag', async () => {
    phaxio = await startPhaxio({ config: { callerId: '+15550100000', headerText: 'Clinic fax' } });
    const options = phaxio.sendOptions(phaxio.simulator.numbers.delivered);
    const result = await phaxio.plugin.send(options);
    expect(result).toEqual({ providerSid: expect.stringMatching(/^\d+$/), status: 'in_progress' });
    const fax = phaxio.simulator.fax(result.providerSid)!;
    expect(fax.documents).toEqual([expect.objectContaining({ source: 'file', fileName: 'fax.pdf', bytes: minimalPdf() })]);
    expect(fax.fax.tags).toEqual({ faxbot_key: options.idempotencyKey, faxbot_job: options.jobId });
    expect(fax.fax.recipients.map((recipient) => recipient.phone_number)).toEqual([phaxio.simulator.numbers.delivered]);
    expect(fax.callbackUrl).toBe(phaxio.deps.webhooks.url('status'));
    expect(fax.requestFields).toEqual(expect.arrayContaining([{ name: 'caller_id', value: '+15550100000' }, { name: 'header_text', value: 'Clinic fax' }]));
    expect(phaxio.simulator.requests.filter((request) => request.route === 'send').every((request) => request.authorized)).toBe(true);
  });

  it('normalises a destination given as bare digits', async () => {
    phaxio = await startPhaxio();
    const result = await phaxio.plugin.send(phaxio.sendOptions('1 555 555 0000'));
    expect(phaxio.simulator.fax(result.providerSid)!.fax.recipients[0]!.phone_number).toBe('+15555550000');
  });

  it('lets Phaxio fetch the document from content_url, with the configured lifetime', async () => {
    phaxio = await startPhaxio({ config: { documentDelivery: 'content_url', contentUrlTtlSeconds: 600 } });
    const options = phaxio.sendOptions(phaxio.simulator.numbers.delivered);
    const result = await phaxio.plugin.send(options);
    const document = phaxio.documents[0]!;
    expect(document.fetches).toBe(1);
    expect(phaxio.simulator.fax(result.providerSid)!.documents).toEqual([
      { source: 'content_url', fileName: null, contentUrl: document.publicUrls[0], fetchStatus: 200, bytes: minimalPdf() },
    ]);
  });

  it('refuses content_url delivery when the host cannot give a public URL', async () => {
    phaxio = await startPhaxio({ config: { documentDelivery: 'content_url' } });
    const document = createTestDocument({ publicUrl: false });
    const error = await rejection(phaxio.plugin.send({ ...phaxio.sendOptions(phaxio.simulator.numbers.delivered), document }));
    expect(error.code).toBe('NOT_SUPPORTED');
    expect(phaxio.simulator.faxes.size).toBe(0);
  });

  it('sends a given callback URL instead of the instance webhook URL', async () => {
    phaxio = await startPhaxio();
    await phaxio.plugin.stop();
    const callbackUrl = `${phaxio.simulator.callbackSinkUrl}/phaxio-callback?source=legacy`;
    await phaxio.plugin.start({ ...phaxio.config, callbackUrl }, phaxio.deps);
    const result = await phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.delivered));
    expect(phaxio.simulator.fax(result.providerSid)!.callbackUrl).toBe(callbackUrl);
  });

  describe('idempotency', () => {
    it('returns the fax already sent for a repeated key, and Phaxio gets one fax', async () => {
      phaxio = await startPhaxio();
      const options = phaxio.sendOptions(phaxio.simulator.numbers.delivered);
      const first = await phaxio.plugin.send(options);
      const again = await phaxio.plugin.send(options);
      expect(again.providerSid).toBe(first.providerSid);
      expect(phaxio.simulator.faxes.size).toBe(1);
      expect(phaxio.simulator.requests.map((request) => request.route)).toEqual(['list', 'send', 'list']);
      expect(phaxio.simulator.requests[0]!.query).toEqual(expect.arrayContaining([['tag[faxbot_key]', options.idempotencyKey]]));
    });

    it('finds the earlier fax from a restarted instance too', async () => {
      phaxio = await startPhaxio();
      const options = phaxio.sendOptions(phaxio.simulator.numbers.delivered);
      const first = await phaxio.plugin.send(options);
      const restarted = await startPhaxio({ reuse: phaxio.simulator });
      try {
        expect((await restarted.plugin.send(options)).providerSid).toBe(first.providerSid);
      } finally {
        await restarted.close();
      }
      expect(phaxio.simulator.faxes.size).toBe(1);
    });

    it('sends concurrent calls with one key once', async () => {
      phaxio = await startPhaxio();
      const options = phaxio.sendOptions(phaxio.simulator.numbers.delivered);
      const results = await Promise.all([phaxio.plugin.send(options), phaxio.plugin.send(options), phaxio.plugin.send(options)]);
      expect(new Set(results.map((result) => result.providerSid)).size).toBe(1);
      expect(phaxio.simulator.faxes.size).toBe(1);
    });

    it('after a send whose answer never came, the retry with the same key returns the fax Phaxio kept', async () => {
      phaxio = await startPhaxio({ config: { requestTimeoutMs: 1000 } });
      const options = phaxio.sendOptions(phaxio.simulator.numbers.delivered);
      phaxio.simulator.failNextSend('accepted_then_timeout');
      const error = await rejection(phaxio.plugin.send(options));
      expect({ code: error.code, retryable: error.retryable }).toEqual({ code: 'PROVIDER_TIMEOUT', retryable: false });
      const retried = await phaxio.plugin.send(options);
      expect(phaxio.simulator.faxes.size).toBe(1);
      expect(retried.providerSid).toBe(String([...phaxio.simulator.faxes.keys()][0]));
    });

    it('after a 5xx, checks whether Phaxio kept the fax before calling it retryable', async () => {
      phaxio = await startPhaxio();
      const kept = phaxio.sendOptions(phaxio.simulator.numbers.delivered);
      phaxio.simulator.failNextSend('accepted_then_server_error');
      const result = await phaxio.plugin.send(kept);
      expect(result.providerSid).toBe(String([...phaxio.simulator.faxes.keys()][0]));

      phaxio.simulator.failNextSend('server_error');
      const error = await rejection(phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.delivered)));
      expect({ code: error.code, retryable: error.retryable }).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
      expect(phaxio.simulator.faxes.size).toBe(1);
    });

    it('keeps the same key when neither the send nor the check could reach Phaxio', async () => {
      phaxio = await startPhaxio();
      const options = phaxio.sendOptions(phaxio.simulator.numbers.delivered);
      // The lookup fails for a key never posted: nothing can have gone out, so a new key is safe.
      phaxio.simulator.failNextRequest('server_error', 'list');
      const before = await rejection(phaxio.plugin.send(options));
      expect({ code: before.code, retryable: before.retryable }).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
      // The send fails with 5xx and so does the lookup that should confirm nothing was kept: open.
      phaxio.simulator.failNextSend('server_error');
      phaxio.simulator.failNextRequest('server_error', 'list', 1);
      const open = await rejection(phaxio.plugin.send(options));
      expect({ code: open.code, retryable: open.retryable }).toEqual({ code: 'PROVIDER_TIMEOUT', retryable: false });
      // This key was posted once, so a failing lookup keeps the outcome open from now on.
      phaxio.simulator.failNextRequest('server_error', 'list');
      const still = await rejection(phaxio.plugin.send(options));
      expect({ code: still.code, retryable: still.retryable }).toEqual({ code: 'PROVIDER_TIMEOUT', retryable: false });
      expect(phaxio.simulator.faxes.size).toBe(0);
    });
  });
});
