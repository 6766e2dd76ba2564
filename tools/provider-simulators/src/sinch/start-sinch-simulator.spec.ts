import { startSinchSimulator } from './start-sinch-simulator';
import type { SinchSimulator } from './sinch-simulator.types';
import { basic, parseMultipart, startTestReceiver, twoPagePdf, type TestReceiver } from './sinch-simulator.test-helpers';

jest.setTimeout(30_000);

async function token(sinch: SinchSimulator, authorization = basic(sinch.keyId, sinch.keySecret), grant = 'client_credentials'): Promise<Response> {
  return fetch(sinch.authUrl, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: grant }).toString(),
  });
}

function faxesUrl(sinch: SinchSimulator, suffix = ''): string {
  return `${sinch.url}/projects/${sinch.projectId}/faxes${suffix}`;
}

function sendForm(sinch: SinchSimulator, form: FormData, authorization = basic(sinch.keyId, sinch.keySecret)): Promise<Response> {
  return fetch(faxesUrl(sinch), { method: 'POST', headers: { authorization }, body: form });
}

function pdfForm(to: string, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('to', to);
  for (const [name, value] of Object.entries(extra)) form.append(name, value);
  form.append('file', new Blob([twoPagePdf()], { type: 'application/pdf' }), 'fax.pdf');
  return form;
}

describe('startSinchSimulator', () => {
  let sinch: SinchSimulator;
  let receiver: TestReceiver;

  beforeEach(async () => {
    sinch = await startSinchSimulator({ queuedMs: 20, inProgressMs: 40 });
    receiver = await startTestReceiver();
  });

  afterEach(async () => {
    await sinch.close();
    await receiver.close();
  });

  describe('OAuth2 token endpoint', () => {
    it('issues bearer tokens for the key and counts them', async () => {
      const response = await token(sinch);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: '' });
      await token(sinch);
      expect(sinch.tokensIssued).toBe(2);
    });

    it.each([
      ['a wrong secret', (s: SinchSimulator) => basic(s.keyId, 'nope'), 'client_credentials', 401],
      ['a wrong grant', (s: SinchSimulator) => basic(s.keyId, s.keySecret), 'password', 400],
    ])('refuses %s', async (_name, authorization, grant, status) => {
      expect((await token(sinch, authorization(sinch), grant)).status).toBe(status);
      expect(sinch.tokensIssued).toBe(0);
    });
  });

  describe('fax API authentication', () => {
    it('takes a valid bearer token or the key as Basic, and nothing else', async () => {
      const { access_token: bearer } = (await (await token(sinch)).json()) as { access_token: string };
      const get = (authorization?: string) => fetch(faxesUrl(sinch, '/unknown'), authorization === undefined ? {} : { headers: { authorization } });
      expect((await get(`Bearer ${bearer}`)).status).toBe(404);
      expect((await get(basic(sinch.keyId, sinch.keySecret))).status).toBe(404);
      expect((await get()).status).toBe(401);
      expect((await get('Bearer made-up')).status).toBe(401);
      expect((await get(basic(sinch.keyId, 'wrong'))).status).toBe(401);
      sinch.revokeTokens();
      expect((await get(`Bearer ${bearer}`)).status).toBe(401);
      expect(sinch.requests.map((request) => request.auth)).toEqual(['basic', 'bearer', 'basic', 'none', 'invalid', 'invalid', 'invalid']);
    });

    it('lets tokens expire after their lifetime', async () => {
      await sinch.close();
      sinch = await startSinchSimulator({ tokenTtlSeconds: 1 });
      const { access_token: bearer, expires_in } = (await (await token(sinch)).json()) as { access_token: string; expires_in: number };
      expect(expires_in).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect((await fetch(faxesUrl(sinch, '/x'), { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(401);
    });

    it('answers 404 for another project', async () => {
      const response = await fetch(`${sinch.url}/projects/other/faxes/x`, { headers: { authorization: basic(sinch.keyId, sinch.keySecret) } });
      expect(response.status).toBe(404);
    });
  });

  describe('sending', () => {
    it('accepts a multipart file, answers the Fax object and serves it back', async () => {
      const response = await sendForm(sinch, pdfForm('+15550100000', { from: '+15550199999', 'labels[faxbotKey]': 'job-1-1', callbackUrl: `${receiver.url}/cb` }));
      expect(response.status).toBe(200);
      const fax = (await response.json()) as Record<string, unknown>;
      expect(fax).toEqual(
        expect.objectContaining({ id: expect.any(String), direction: 'OUTBOUND', to: '+15550100000', from: '+15550199999', status: 'QUEUED', numberOfPages: 2, labels: { faxbotKey: 'job-1-1' } }),
      );
      const id = fax['id'] as string;
      expect(sinch.faxes.get(id)).toEqual(expect.objectContaining({ documentSource: 'file', callbackUrlContentType: 'multipart/form-data' }));
      const again = await fetch(faxesUrl(sinch, `/${id}`), { headers: { authorization: basic(sinch.keyId, sinch.keySecret) } });
      expect(await again.json()).toEqual(expect.objectContaining({ id, to: '+15550100000' }));
      const file = await fetch(faxesUrl(sinch, `/${id}/file.pdf`), { headers: { authorization: basic(sinch.keyId, sinch.keySecret) } });
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await file.arrayBuffer())).toEqual(twoPagePdf());
    });

    it('fetches a contentUrl over HTTP and records what it got', async () => {
      const documentHost = await startTestReceiver({ body: twoPagePdf(), contentType: 'application/pdf' });
      try {
        const form = new FormData();
        form.append('to', '+15550100000');
        form.append('contentUrl', `${documentHost.url}/fax/document.pdf?token=abc`);
        const fax = (await (await sendForm(sinch, form)).json()) as { id: string };
        expect(documentHost.requests.map((request) => request.path)).toEqual(['/fax/document.pdf?token=abc']);
        expect(sinch.faxes.get(fax.id)).toEqual(expect.objectContaining({ documentSource: 'contentUrl', contentUrlStatus: 200, numberOfPages: 2 }));
        expect(sinch.faxes.get(fax.id)?.document?.length).toBe(twoPagePdf().length);
      } finally {
        await documentHost.close();
      }
    });

    it('refuses a destination that is not E.164 with a field violation on "to"', async () => {
      const response = await sendForm(sinch, pdfForm('5550100000'));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { status: string; details: Array<{ fieldViolations: Array<{ field: string }> }> } };
      expect(body.error.status).toBe('INVALID_ARGUMENT');
      expect(body.error.details[0]?.fieldViolations.map((violation) => violation.field)).toEqual(['to']);
      expect(sinch.faxes.size).toBe(0);
    });

    it('accepts a JSON send with a base64 file', async () => {
      const response = await fetch(faxesUrl(sinch), {
        method: 'POST',
        headers: { authorization: basic(sinch.keyId, sinch.keySecret), 'content-type': 'application/json' },
        body: JSON.stringify({ to: '+15550100000', files: [{ file: twoPagePdf().toString('base64'), fileType: 'PDF' }], labels: { k: 'v' } }),
      });
      expect(response.status).toBe(200);
      const fax = (await response.json()) as { id: string; labels: Record<string, string> };
      expect(fax.labels).toEqual({ k: 'v' });
      expect(sinch.faxes.get(fax.id)?.numberOfPages).toBe(2);
    });
  });

  describe('progress and callbacks', () => {
    it('moves a fax to COMPLETED and calls back with multipart and Basic credentials from the URL', async () => {
      const callbackUrl = `${receiver.url.replace('http://', 'http://cb-user:p%40ss@')}/webhooks/sinch/status`;
      const fax = (await (await sendForm(sinch, pdfForm('+15550100000', { callbackUrl }))).json()) as { id: string };
      await sinch.waitForStatus(fax.id, 'COMPLETED');
      const [request] = await receiver.waitForRequests(1);
      expect(request?.path).toBe('/webhooks/sinch/status');
      expect(request?.headers.authorization).toBe(basic('cb-user', 'p@ss'));
      const form = await parseMultipart(request?.body ?? Buffer.alloc(0), String(request?.headers['content-type']));
      expect(form.get('event')).toBe('FAX_COMPLETED');
      expect(JSON.parse(String(form.get('fax')))).toEqual(expect.objectContaining({ id: fax.id, status: 'COMPLETED', numberOfPages: 2, callbackUrl: expect.stringContaining('****:****@') }));
      expect(Buffer.from(await (form.get('file') as Blob).arrayBuffer())).toEqual(twoPagePdf());
      expect((await sinch.waitForCallback(fax.id)).status).toBe(200);
    });

    it('sends JSON callbacks when asked to', async () => {
      const fax = (await (await sendForm(sinch, pdfForm('+15550100000', { callbackUrl: receiver.url, callbackUrlContentType: 'application/json' }))).json()) as { id: string };
      const callback = await sinch.waitForCallback(fax.id);
      expect(callback.headers['content-type']).toBe('application/json');
      expect(JSON.parse(callback.body.toString('utf8'))).toEqual(expect.objectContaining({ event: 'FAX_COMPLETED', fileType: 'PDF', fax: expect.objectContaining({ id: fax.id }) }));
    });

    it.each([
      ['+15550100001', 'LINE_ERROR', 17],
      ['+15550100002', 'CALL_ERROR', 30],
      ['+15550100004', 'DOCUMENT_CONVERSION_ERROR', 4],
    ])('fails a fax to %s with %s %s', async (to, errorType, errorCode) => {
      const fax = (await (await sendForm(sinch, pdfForm(to))).json()) as { id: string };
      await sinch.waitForStatus(fax.id, 'FAILURE');
      const json = (await (await fetch(faxesUrl(sinch, `/${fax.id}`), { headers: { authorization: basic(sinch.keyId, sinch.keySecret) } })).json()) as Record<string, unknown>;
      expect(json).toEqual(expect.objectContaining({ status: 'FAILURE', errorType, errorCode, errorMessage: expect.any(String) }));
    });

    it('keeps a fax to a slow number in progress until it is completed', async () => {
      const fax = (await (await sendForm(sinch, pdfForm('+15550100003'))).json()) as { id: string };
      await sinch.waitForStatus(fax.id, 'IN_PROGRESS');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sinch.faxes.get(fax.id)?.status).toBe('IN_PROGRESS');
      await sinch.completeFax(fax.id);
      expect(sinch.faxes.get(fax.id)?.status).toBe('COMPLETED');
    });
  });

  describe('failure injection', () => {
    it.each([
      ['server_error', 500],
      ['client_error', 400],
      ['rate_limited', 429],
    ] as const)('answers the next send after failNextSend(%s) with %s and creates nothing', async (mode, status) => {
      sinch.failNextSend(mode);
      expect((await sendForm(sinch, pdfForm('+15550100000'))).status).toBe(status);
      expect(sinch.faxes.size).toBe(0);
      expect((await sendForm(sinch, pdfForm('+15550100000'))).status).toBe(200);
    });

    it('never answers a send after failNextSend(timeout), and still closes', async () => {
      sinch.failNextSend('timeout');
      const outcome = await fetch(faxesUrl(sinch), {
        method: 'POST',
        headers: { authorization: basic(sinch.keyId, sinch.keySecret) },
        body: pdfForm('+15550100000'),
        signal: AbortSignal.timeout(500),
      }).then(
        () => 'answered',
        (error: Error) => error.name,
      );
      expect(outcome).toBe('TimeoutError');
      expect(sinch.faxes.size).toBe(0);
      expect(sinch.requests.at(-1)).toEqual(expect.objectContaining({ method: 'POST', status: null }));
    });

    it('creates the fax but loses the answer after failNextSend(accepted_timeout)', async () => {
      sinch.failNextSend('accepted_timeout');
      const answered = sendForm(sinch, pdfForm('+15550100000')).then(
        () => 'answered',
        () => 'failed',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sinch.faxes.size).toBe(1);
      await sinch.close();
      expect(await answered).toBe('failed');
      sinch = await startSinchSimulator();
    });

    it('delays answers when asked to', async () => {
      sinch.setResponseDelay(50);
      expect((await sendForm(sinch, pdfForm('+15550100000'))).status).toBe(200);
    });
  });

  it('describes itself without the key secret', () => {
    const summary = sinch.summary();
    expect(summary).toContain(sinch.url);
    expect(summary).toContain(sinch.keyId);
    expect(summary).toContain('0001');
    expect(summary).not.toContain(sinch.keySecret);
  });
});
