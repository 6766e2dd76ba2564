import type { WebhookRequest } from '@faxbot/plugin-sdk';
import { createTestWebhookRequest, minimalFaxTiff, minimalPdf } from '@faxbot/plugin-sdk/testing';
import { forgePhaxioWebhook, publicUrlOf, startPhaxio, webhookRequestOf, type StartedPhaxio } from './phaxio.test-helpers';

describe('PhaxioPlugin.handleWebhook: inbound faxes', () => {
  let phaxio: StartedPhaxio;
  afterEach(() => phaxio.close());

  const pdf = minimalPdf('Inbound referral for a patient');

  async function delivered(
    options: { path?: string; to?: string; from?: string | null; bytes?: Buffer; signWith?: string; omitFile?: boolean } = {},
  ): Promise<{ id: string; request: WebhookRequest }> {
    const url = `${publicUrlOf(phaxio.simulator)}/webhooks/phaxio/${options.path ?? 'inbound'}`;
    const record = await phaxio.simulator.deliverInbound({
      url,
      to: options.to ?? '+15550002222',
      from: options.from === undefined ? '+15550003333' : options.from,
      pdf: options.bytes ?? pdf,
      ...(options.signWith === undefined ? {} : { signWith: options.signWith }),
      ...(options.omitFile === undefined ? {} : { omitFile: options.omitFile }),
    });
    return { id: String(record.faxId), request: webhookRequestOf(record, publicUrlOf(phaxio.simulator)) };
  }

  it('turns a signed v2.1 delivery into a received fax with the PDF bytes', async () => {
    phaxio = await startPhaxio();
    const { id, request } = await delivered();
    const result = await phaxio.plugin.handleWebhook(request);
    expect(result).toEqual({
      response: { status: 200, body: { status: 'ok' } },
      received: [{ providerSid: id, from: '+15550003333', to: '+15550002222', pages: 1, receivedAt: expect.any(Date), document: { type: 'pdf', bytes: pdf } }],
    });
    expect(Math.abs(result.received![0]!.receivedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(result.updates).toBeUndefined();
  });

  it('answers a duplicate delivery the same way (the host keeps one fax per id)', async () => {
    phaxio = await startPhaxio();
    const { request } = await delivered();
    const first = await phaxio.plugin.handleWebhook(request);
    expect(await phaxio.plugin.handleWebhook(request)).toEqual(first);
  });

  it('keeps a withheld caller as null and a TIFF as a TIFF', async () => {
    phaxio = await startPhaxio();
    const tiff = minimalFaxTiff();
    const { request } = await delivered({ from: null, bytes: tiff });
    const [fax] = (await phaxio.plugin.handleWebhook(request)).received!;
    expect(fax).toEqual(expect.objectContaining({ from: null, document: { type: 'tiff', bytes: tiff } }));
  });

  it('accepts the legacy /phaxio-inbound route', async () => {
    phaxio = await startPhaxio();
    const { request } = await delivered({ path: 'inbound' });
    expect((await phaxio.plugin.handleWebhook({ ...request, path: 'phaxio-inbound' })).received).toHaveLength(1);
  });

  it('refuses forged, altered and unsigned deliveries with 401 and no fax', async () => {
    phaxio = await startPhaxio();
    const { request } = await delivered();
    const forged = await delivered({ signWith: 'a-guessed-token' });
    const variants = [...forgePhaxioWebhook(request, phaxio.simulator), { name: 'signed with a guessed token', request: forged.request }];
    const pdfAltered = Buffer.from(request.rawBody.toString('latin1').replace('Inbound referral', 'Inbound Referral'), 'latin1');
    variants.push({ name: 'document altered', request: { ...request, rawBody: pdfAltered } });
    for (const variant of variants) {
      const result = await phaxio.plugin.handleWebhook(variant.request);
      expect({ name: variant.name, status: result.response.status, received: result.received ?? [] }).toEqual({ name: variant.name, status: 401, received: [] });
    }
  });

  describe('with inbound verification off', () => {
    it('accepts only faxes Phaxio really received, with the document downloaded from Phaxio', async () => {
      phaxio = await startPhaxio({ config: { inboundVerifySignature: false } });
      const { id } = await delivered();
      const claim = (faxId: string, bytes: string): WebhookRequest =>
        createTestWebhookRequest({
          instanceId: 'phaxio',
          path: 'inbound',
          headers: { 'content-type': 'multipart/form-data; boundary=zz' },
          body: `--zz\r\nContent-Disposition: form-data; name="fax"\r\n\r\n{"id":${faxId},"direction":"received","to_number":"+15550000000"}\r\n--zz\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n${bytes}\r\n--zz--\r\n`,
        });
      const result = await phaxio.plugin.handleWebhook(claim(id, '%PDF-1.4 injected'));
      expect(result.received).toEqual([expect.objectContaining({ providerSid: id, to: '+15550002222', document: { type: 'pdf', bytes: pdf } })]);
      expect(phaxio.simulator.requests.map((request) => request.route).slice(-2)).toEqual(['get', 'file']);

      const { providerSid: sentId } = await phaxio.plugin.send(phaxio.sendOptions(phaxio.simulator.numbers.delivered));
      const sentFax = await phaxio.plugin.handleWebhook(claim(sentId, '%PDF-1.4 injected'));
      expect({ status: sentFax.response.status, received: sentFax.received }).toEqual({ status: 400, received: undefined });
    });

    it('still refuses signed deliveries for status callbacks when only inbound verification is off', async () => {
      phaxio = await startPhaxio({ config: { inboundVerifySignature: false } });
      const request = createTestWebhookRequest({ instanceId: 'phaxio', path: 'status', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'fax=%7B%22id%22%3A1%7D' });
      expect((await phaxio.plugin.handleWebhook(request)).response.status).toBe(401);
    });
  });

  it('downloads the document from Phaxio when a signed delivery carries no file part, and answers 503 while Phaxio is unreachable', async () => {
    phaxio = await startPhaxio();
    const { id, request } = await delivered({ omitFile: true });
    expect((await phaxio.plugin.handleWebhook(request)).received).toEqual([expect.objectContaining({ providerSid: id, document: { type: 'pdf', bytes: pdf } })]);

    phaxio.simulator.failNextRequest('server_error', 'file');
    const error = await phaxio.plugin.handleWebhook(request).catch((caught: unknown) => caught);
    expect(error).toEqual(expect.objectContaining({ code: 'PROVIDER_UNAVAILABLE', retryable: true }));
  });
});
