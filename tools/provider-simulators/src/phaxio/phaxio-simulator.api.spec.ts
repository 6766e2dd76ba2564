import { startPhaxioSimulator, type PhaxioSimulator } from './phaxio-simulator';
import { phaxioDocumentBytes } from './phaxio-simulated-fax';
import { basicAuth, callApi, FAST, postFax, SAMPLE_PDF, startReceiver, waitForFaxStatus, type Receiver } from './phaxio-simulator.test-helpers';

describe('Phaxio simulator API', () => {
  let phaxio: PhaxioSimulator;

  beforeEach(async () => {
    phaxio = await startPhaxioSimulator({ ...FAST, slowLineMs: 60_000 });
  });
  afterEach(() => phaxio.close());

  describe('authentication', () => {
    it.each([
      ['no credentials', null],
      ['a wrong secret', 'wrong'],
    ])('refuses %s with 401 and Phaxio error JSON', async (_case, secret) => {
      const result = await postFax(phaxio, [['to', phaxio.numbers.delivered]], undefined, secret === null ? null : basicAuth(phaxio, secret));
      expect(result.status).toBe(401);
      expect(result.body).toEqual({ success: false, message: expect.any(String) });
      expect(phaxio.faxes.size).toBe(0);
      expect(phaxio.requests.at(-1)).toEqual(expect.objectContaining({ route: 'send', authorized: false, status: 401 }));
    });
  });

  describe('POST /faxes', () => {
    it('queues an uploaded file and records what it received', async () => {
      const result = await postFax(phaxio, [
        ['to', phaxio.numbers.delivered],
        ['callback_url', `${phaxio.callbackSinkUrl}/status`],
        ['tag[faxbot_key]', 'job-1-1'],
        ['header_text', 'Clinic'],
      ]);
      expect(result).toEqual({ status: 200, body: { success: true, message: 'Fax queued for sending', data: { id: expect.any(Number) } } });
      const record = phaxio.fax(result.body.data!.id)!;
      expect(record.fax).toEqual(expect.objectContaining({ direction: 'sent', status: 'queued', num_pages: 1, tags: { faxbot_key: 'job-1-1' } }));
      expect(record.fax.recipients).toEqual([expect.objectContaining({ phone_number: phaxio.numbers.delivered, status: 'queued' })]);
      expect(record.callbackUrl).toBe(`${phaxio.callbackSinkUrl}/status`);
      expect(record.documents).toEqual([expect.objectContaining({ source: 'file', fileName: 'letter.pdf', bytes: SAMPLE_PDF })]);
      expect(record.requestFields).toContainEqual({ name: 'header_text', value: 'Clinic' });
    });

    it('fetches a content_url over HTTP and records its size', async () => {
      const documentServer: Receiver = await startReceiver(SAMPLE_PDF);
      try {
        const contentUrl = `${documentServer.url}/fax/document.pdf?token=abc`;
        const result = await postFax(phaxio, [['to', phaxio.numbers.delivered], ['content_url', contentUrl]], []);
        expect(result.status).toBe(200);
        expect(documentServer.requests).toEqual([expect.objectContaining({ url: '/fax/document.pdf?token=abc' })]);
        const record = phaxio.fax(result.body.data!.id)!;
        expect(record.documents).toEqual([{ source: 'content_url', fileName: null, contentUrl, fetchStatus: 200, bytes: SAMPLE_PDF }]);
        expect(phaxioDocumentBytes(record)).toBe(SAMPLE_PDF.length);
      } finally {
        await documentServer.close();
      }
    });

    it('fails a fax whose content_url cannot be fetched, as Phaxio does (documentConversionError 54)', async () => {
      const result = await postFax(phaxio, [['to', phaxio.numbers.delivered], ['content_url', `${phaxio.origin}/nothing-here.pdf`]], []);
      expect(result.status).toBe(200);
      const id = result.body.data!.id;
      await waitForFaxStatus(phaxio, id, (status) => status === 'failure');
      expect(phaxio.fax(id)!.fax).toEqual(expect.objectContaining({ error_type: 'documentConversionError', error_id: 54 }));
    });

    it.each([
      ['no destination', [], undefined],
      ['a destination not in E.164', [['to', '5555550000']], undefined],
      ['no document', [['to', '+15555550000']], []],
      ['a content_url that is not http(s)', [['to', '+15555550000'], ['content_url', 'ftp://example.com/a.pdf']], []],
      ['header_text over 50 characters', [['to', '+15555550000'], ['header_text', 'x'.repeat(51)]], undefined],
      ['eleven tags', [['to', '+15555550000'], ...Array.from({ length: 11 }, (_, i) => [`tag[t${i}]`, 'v'])], undefined],
      ['a callback_url that is not a URL', [['to', '+15555550000'], ['callback_url', 'not a url']], undefined],
    ] as Array<[string, Array<[string, string]>, Array<{ name: string; bytes: Buffer; fileName?: string }> | undefined]>)(
      'answers 422 to %s and creates nothing',
      async (_case, fields, files) => {
        const result = await postFax(phaxio, fields, files);
        expect(result).toEqual({ status: 422, body: { success: false, message: expect.any(String) } });
        expect(phaxio.faxes.size).toBe(0);
      },
    );

    it('answers 422 to a file part without a filename', async () => {
      // Written by hand: FormData always adds a filename ("blob").
      const body = [
        '--b1\r\nContent-Disposition: form-data; name="to"\r\n\r\n+15555550000\r\n',
        '--b1\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n',
        '--b1--\r\n',
      ].join('');
      const response = await fetch(`${phaxio.url}/faxes`, {
        method: 'POST',
        headers: { authorization: basicAuth(phaxio), 'content-type': 'multipart/form-data; boundary=b1' },
        body,
      });
      expect(response.status).toBe(422);
      expect(phaxio.faxes.size).toBe(0);
    });

    it('accepts a file and a content_url together', async () => {
      const documentServer = await startReceiver(SAMPLE_PDF);
      try {
        const result = await postFax(phaxio, [['to', phaxio.numbers.delivered], ['content_url', `${documentServer.url}/a.pdf`]]);
        expect(result.status).toBe(200);
        expect(phaxio.fax(result.body.data!.id)!.documents.map((document) => document.source)).toEqual(['content_url', 'file']);
      } finally {
        await documentServer.close();
      }
    });
  });

  describe('GET /faxes/{id} and the fax lifecycle', () => {
    it('returns the Fax object as it moves from queued to success', async () => {
      const { body } = await postFax(phaxio, [['to', phaxio.numbers.delivered]]);
      const id = body.data!.id;
      const early = await callApi(phaxio, 'GET', `/faxes/${id}`);
      expect(early.status).toBe(200);
      expect(early.body).toEqual({ success: true, message: 'Retrieved fax successfully', data: expect.objectContaining({ id, status: expect.stringMatching(/^(queued|inprogress|success)$/) }) });
      await waitForFaxStatus(phaxio, id, (status) => status === 'success');
      const done = (await callApi(phaxio, 'GET', `/faxes/${id}`)).body['data'] as Record<string, unknown>;
      expect(done).toEqual(
        expect.objectContaining({ status: 'success', num_pages: 1, cost: 7, completed_at: expect.any(String), error_type: null, recipients: [expect.objectContaining({ status: 'success', bitrate: 14400 })] }),
      );
    });

    it.each([
      ['busy', 'lineError', 17],
      ['noAnswer', 'lineError', 112],
      ['faxError', 'faxError', 8],
      ['notOperational', 'lineError', 34],
    ] as const)('ends a %s line in failure with %s %i', async (outcome, type, errorId) => {
      const { body } = await postFax(phaxio, [['to', phaxio.numbers[outcome]]]);
      await waitForFaxStatus(phaxio, body.data!.id, (status) => status === 'failure');
      expect(phaxio.fax(body.data!.id)!.fax).toEqual(expect.objectContaining({ error_type: type, error_id: errorId, cost: 0 }));
    });

    it('reports partialsuccess when only some recipients get the fax', async () => {
      const { body } = await postFax(phaxio, [['to[]', phaxio.numbers.delivered], ['to[]', phaxio.numbers.busy]]);
      expect(await waitForFaxStatus(phaxio, body.data!.id, (status) => status !== 'queued' && status !== 'inprogress')).toBe('partialsuccess');
    });

    it('answers 404 for an unknown fax', async () => {
      expect(await callApi(phaxio, 'GET', '/faxes/42')).toEqual({ status: 404, body: { success: false, message: expect.any(String) } });
    });
  });

  describe('GET /faxes', () => {
    it('lists faxes filtered by tag', async () => {
      const first = await postFax(phaxio, [['to', phaxio.numbers.delivered], ['tag[faxbot_key]', 'key-a']]);
      await postFax(phaxio, [['to', phaxio.numbers.delivered], ['tag[faxbot_key]', 'key-b']]);
      const listed = await callApi(phaxio, 'GET', '/faxes?tag%5Bfaxbot_key%5D=key-a');
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({ success: true, message: expect.any(String), data: [expect.objectContaining({ id: first.body.data!.id })], paging: { total: 1, per_page: 20, page: 1 } });
      expect((await callApi(phaxio, 'GET', '/faxes?tag[faxbot_key]=key-c')).body['data']).toEqual([]);
    });
  });

  describe('POST /faxes/{id}/cancel', () => {
    it('cancels a fax in progress and refuses to cancel it again', async () => {
      const { body } = await postFax(phaxio, [['to', phaxio.numbers.slow]]);
      const id = body.data!.id;
      await waitForFaxStatus(phaxio, id, (status) => status === 'inprogress');
      expect(await callApi(phaxio, 'POST', `/faxes/${id}/cancel`)).toEqual({ status: 200, body: { success: true, message: expect.any(String), data: { id } } });
      expect(phaxio.fax(id)!.fax.status).toBe('cancelled');
      expect((await callApi(phaxio, 'POST', `/faxes/${id}/cancel`)).status).toBe(422);
    });

    it('refuses to cancel a finished fax', async () => {
      const { body } = await postFax(phaxio, [['to', phaxio.numbers.delivered]]);
      await waitForFaxStatus(phaxio, body.data!.id, (status) => status === 'success');
      expect((await callApi(phaxio, 'POST', `/faxes/${body.data!.id}/cancel`)).status).toBe(422);
    });
  });

  it('serves a fax document at GET /faxes/{id}/file', async () => {
    const { body } = await postFax(phaxio, [['to', phaxio.numbers.delivered]]);
    const response = await fetch(`${phaxio.url}/faxes/${body.data!.id}/file`, { headers: { authorization: basicAuth(phaxio) } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(SAMPLE_PDF);
  });

  it('describes itself with its URL, credentials and test numbers', () => {
    const text = phaxio.describe();
    for (const expected of [phaxio.url, phaxio.apiKey, phaxio.webhookToken, ...Object.values(phaxio.numbers)]) expect(text).toContain(expected);
  });
});
