import { startPhaxioSimulator, type PhaxioSimulator } from './phaxio-simulator';
import { expectedSignature, FAST, postFax, SAMPLE_PDF, startReceiver, type Receiver } from './phaxio-simulator.test-helpers';

describe('Phaxio simulator callbacks', () => {
  let receiver: Receiver;
  let phaxio: PhaxioSimulator | null = null;

  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await phaxio?.close();
    phaxio = null;
    await receiver.close();
  });

  const start = async (options: Parameters<typeof startPhaxioSimulator>[0] = {}): Promise<PhaxioSimulator> => {
    phaxio = await startPhaxioSimulator({ ...FAST, ...options });
    return phaxio;
  };

  it('posts a signed multipart fax_completed webhook that verifies by the documented algorithm', async () => {
    const sim = await start();
    const callbackUrl = `${receiver.url}/webhooks/phaxio/status?source=test`;
    const { body } = await postFax(sim, [['to', sim.numbers.delivered], ['callback_url', callbackUrl], ['tag[faxbot_key]', 'k-1']]);
    const record = await sim.waitForCallback((candidate) => candidate.faxId === body.data!.id);
    expect(record).toEqual(expect.objectContaining({ kind: 'status', eventType: 'fax_completed', faxStatus: 'success', url: callbackUrl, responseStatus: 200, error: null }));

    expect(receiver.requests).toHaveLength(1);
    const received = receiver.requests[0]!;
    expect(received.url).toBe('/webhooks/phaxio/status?source=test');
    const contentType = String(received.headers['content-type']);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const signature = received.headers['x-phaxio-signature'];
    expect(signature).toBe(await expectedSignature(sim.webhookToken, callbackUrl, contentType, received.body));
    expect(signature).not.toBe(await expectedSignature(sim.apiSecret, callbackUrl, contentType, received.body));

    const form = await new Response(received.body, { headers: { 'content-type': contentType } }).formData();
    expect(Object.fromEntries([...form.keys()].map((key) => [key, form.get(key)]))).toEqual({
      event_type: 'fax_completed',
      success: 'true',
      is_test: 'false',
      direction: 'sent',
      fax: expect.any(String),
    });
    expect(JSON.parse(form.get('fax') as string)).toEqual(expect.objectContaining({ id: body.data!.id, status: 'success', num_pages: 1, tags: { faxbot_key: 'k-1' } }));
  });

  it('reports a failed line with success=false and the error in the fax object', async () => {
    const sim = await start();
    const { body } = await postFax(sim, [['to', sim.numbers.busy], ['callback_url', `${receiver.url}/cb`]]);
    const record = await sim.waitForCallback((candidate) => candidate.faxId === body.data!.id);
    expect(record.fields).toContainEqual({ name: 'success', value: 'false' });
    const fax = JSON.parse(record.fields.find((field) => field.name === 'fax')!.value) as Record<string, unknown>;
    expect(fax).toEqual(expect.objectContaining({ status: 'failure', error_type: 'lineError', error_id: 17, error_message: 'Busy' }));
  });

  it('sends no webhook without a callback URL, and uses the account default when there is one', async () => {
    const sim = await start({ defaultCallbackUrl: `${receiver.url}/default` });
    const { body } = await postFax(sim, [['to', sim.numbers.delivered]]);
    const record = await sim.waitForCallback((candidate) => candidate.faxId === body.data!.id);
    expect(record.url).toBe(`${receiver.url}/default`);
  });

  it('delivers each webhook again, byte for byte, when duplicates are on', async () => {
    const sim = await start({ duplicateCallbacks: 2 });
    const { body } = await postFax(sim, [['to', sim.numbers.delivered], ['callback_url', `${receiver.url}/cb`]]);
    await sim.waitForCallback((candidate) => candidate.faxId === body.data!.id && candidate.delivery === 3);
    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((request) => request.body.toString('base64'))).size).toBe(1);
    expect(new Set(receiver.requests.map((request) => request.headers['x-phaxio-signature'])).size).toBe(1);
  });

  it('sends in-flight transmitting_page webhooks, after the final one when out of order', async () => {
    const sim = await start({ outOfOrderCallbacks: true });
    const { body } = await postFax(sim, [['to', sim.numbers.delivered], ['callback_url', `${receiver.url}/cb`]]);
    await sim.waitForCallback((candidate) => candidate.faxId === body.data!.id && candidate.eventType === 'transmitting_page');
    expect(sim.callbacks.map((record) => [record.eventType, record.faxStatus])).toEqual([
      ['fax_completed', 'success'],
      ['transmitting_page', 'inprogress'],
    ]);
    expect(sim.callbacks[1]!.fields).toContainEqual({ name: 'page', value: '1' });
  });

  it('records a delivery that could not be made', async () => {
    const sim = await start({ callbackTimeoutMs: 2000 });
    const closed = await startReceiver();
    await closed.close();
    const { body } = await postFax(sim, [['to', sim.numbers.delivered], ['callback_url', `${closed.url}/cb`]]);
    const record = await sim.waitForCallback((candidate) => candidate.faxId === body.data!.id);
    expect(record.responseStatus).toBeNull();
    expect(record.error).toEqual(expect.any(String));
  });

  it('sends Basic credentials given in the callback URL as an Authorization header', async () => {
    const sim = await start();
    const callbackUrl = `${receiver.url.replace('http://', 'http://hook:p%40ss@')}/cb`;
    const { body } = await postFax(sim, [['to', sim.numbers.delivered], ['callback_url', callbackUrl]]);
    await sim.waitForCallback((candidate) => candidate.faxId === body.data!.id);
    expect(receiver.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('hook:p@ss').toString('base64')}`);
  });

  describe('deliverInbound', () => {
    it('posts a signed v2.1 receive webhook: the fax object and the PDF in part "file"', async () => {
      const sim = await start();
      const url = `${receiver.url}/webhooks/phaxio/inbound`;
      const record = await sim.deliverInbound({ url, to: '+15550002222', from: '+15550003333', pdf: SAMPLE_PDF });
      expect(record).toEqual(expect.objectContaining({ kind: 'inbound', responseStatus: 200 }));
      const received = receiver.requests[0]!;
      const contentType = String(received.headers['content-type']);
      expect(received.headers['x-phaxio-signature']).toBe(await expectedSignature(sim.webhookToken, url, contentType, received.body));
      const form = await new Response(received.body, { headers: { 'content-type': contentType } }).formData();
      expect(JSON.parse(form.get('fax') as string)).toEqual(
        expect.objectContaining({ id: record.faxId, direction: 'received', status: 'success', from_number: '+15550003333', to_number: '+15550002222', num_pages: 1 }),
      );
      const file = form.get('file') as File;
      expect(file.name).toBe(`Fax-${record.faxId}.pdf`);
      expect(Buffer.from(await file.arrayBuffer())).toEqual(SAMPLE_PDF);
      expect(sim.fax(record.faxId)!.fax.direction).toBe('received');
    });

    it('can leave the file part out, keeping the document at GET /faxes/{id}/file', async () => {
      const sim = await start();
      const record = await sim.deliverInbound({ url: `${receiver.url}/in`, to: '+15550002222', pdf: SAMPLE_PDF, omitFile: true });
      expect(record.files).toEqual([]);
      expect(sim.fax(record.faxId)!.documents[0]!.bytes).toEqual(SAMPLE_PDF);
    });

    it('can sign with another token, to forge a delivery', async () => {
      const sim = await start();
      const url = `${receiver.url}/in`;
      await sim.deliverInbound({ url, to: '+15550002222', pdf: SAMPLE_PDF, signWith: 'not-the-token' });
      const received = receiver.requests[0]!;
      const contentType = String(received.headers['content-type']);
      expect(received.headers['x-phaxio-signature']).toBe(await expectedSignature('not-the-token', url, contentType, received.body));
    });
  });
});
