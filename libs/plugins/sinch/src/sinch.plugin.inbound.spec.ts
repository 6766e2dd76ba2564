import { minimalPdf } from '@faxbot/plugin-sdk/testing';
import { CALLBACK_PASS, CALLBACK_USER, expectClean, startSinchTestBed, webhookRequestFrom, type SinchTestBed } from './sinch.test-helpers';

jest.setTimeout(30_000);

const TO = '+15550142000';
const FROM = '+15550153000';
const PDF = minimalPdf('Inbound referral for a patient');

describe('SinchPlugin inbound faxes', () => {
  let bed: SinchTestBed;

  /** The incoming-fax URL an operator sets on the Sinch Service: credentials embedded. */
  const inboundUrl = (path = '/webhooks/sinch/inbound', user = CALLBACK_USER, pass = CALLBACK_PASS) => {
    const url = new URL(`${bed.host.publicUrl}${path}`);
    url.username = user;
    url.password = pass;
    return url.toString();
  };

  afterEach(async () => {
    await bed.close();
  });

  it('turns an INCOMING_FAX callback into a received fax with the PDF, as the API reports it', async () => {
    bed = await startSinchTestBed();
    const { fax, callback } = await bed.sinch.deliverInbound({ url: inboundUrl(), to: TO, from: FROM, pdf: PDF });
    expect(callback.status).toBe(200);
    const result = bed.host.deliveries.at(-1)?.result;
    expect(result?.response).toEqual({ status: 200, body: { status: 'ok' } });
    expect(result?.received).toEqual([{ providerSid: fax.id, from: FROM, to: TO, pages: 1, receivedAt: new Date(fax.completedTime ?? ''), document: { type: 'pdf', bytes: PDF } }]);
    expect(result?.updates).toBeUndefined();
  });

  it('downloads the document from the API when the callback carries none', async () => {
    bed = await startSinchTestBed();
    const { fax } = await bed.sinch.deliverInbound({ url: inboundUrl(), to: TO, from: null, pdf: PDF, attachFile: false });
    expect(bed.sinch.requests.some((request) => request.path.endsWith(`/faxes/${fax.id}/file.pdf`))).toBe(true);
    expect(bed.host.deliveries.at(-1)?.result?.received).toEqual([expect.objectContaining({ providerSid: fax.id, from: null, document: { type: 'pdf', bytes: PDF } })]);
  });

  it('takes a JSON INCOMING_FAX callback too', async () => {
    bed = await startSinchTestBed();
    const { fax } = await bed.sinch.deliverInbound({ url: inboundUrl(), to: TO, from: FROM, pdf: PDF, contentType: 'application/json' });
    expect(bed.host.deliveries.at(-1)?.result?.received).toEqual([expect.objectContaining({ providerSid: fax.id, document: { type: 'pdf', bytes: PDF } })]);
  });

  it('reports the document and numbers the API holds, not an altered callback', async () => {
    bed = await startSinchTestBed();
    const { fax, callback } = await bed.sinch.deliverInbound({ url: inboundUrl(), to: TO, from: FROM, pdf: PDF });
    const request = webhookRequestFrom(callback);
    const form = await new Response(request.rawBody, { headers: { 'content-type': String(request.headers['content-type']) } }).formData();
    form.set('fax', JSON.stringify({ ...JSON.parse(String(form.get('fax'))), to: '+15550149999', from: '+15550148888' }));
    form.set('file', new Blob([minimalPdf('Forged page')], { type: 'application/pdf' }), 'x.pdf');
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    const forged = { ...request, headers: { ...request.headers, 'content-type': encoded.headers.get('content-type') ?? '' }, rawBody: Buffer.from(await encoded.arrayBuffer()) };
    const result = await bed.plugin.handleWebhook(forged);
    expect(result.received).toEqual([expect.objectContaining({ providerSid: fax.id, to: TO, from: FROM, document: { type: 'pdf', bytes: PDF } })]);
  });

  it('understands an incoming fax delivered to the status path (the API says INBOUND)', async () => {
    bed = await startSinchTestBed();
    const { fax } = await bed.sinch.deliverInbound({ url: inboundUrl('/webhooks/sinch/status'), to: TO, from: FROM, pdf: PDF });
    expect(bed.host.deliveries.at(-1)?.result?.received).toEqual([expect.objectContaining({ providerSid: fax.id })]);
  });

  it.each([
    ['without credentials', (url: string) => url.replace(`${CALLBACK_USER}:${CALLBACK_PASS}@`, '')],
    ['with a wrong password', (url: string) => url.replace(CALLBACK_PASS, 'guess')],
  ])('refuses an incoming fax %s and stores nothing', async (_name, change) => {
    bed = await startSinchTestBed();
    const { callback } = await bed.sinch.deliverInbound({ url: change(inboundUrl()), to: TO, from: FROM, pdf: PDF });
    expect(callback.status).toBe(401);
    expect(bed.host.deliveries.at(-1)?.result?.received).toBeUndefined();
  });

  it('refuses incoming faxes when no callback credentials are configured (the original accepted them)', async () => {
    bed = await startSinchTestBed({ config: { inboundBasicUser: '', inboundBasicPass: '' } });
    const { callback } = await bed.sinch.deliverInbound({ url: `${bed.host.publicUrl}/webhooks/sinch/inbound`, to: TO, from: FROM, pdf: PDF });
    expect(callback.status).toBe(401);
  });

  it('logs neither the numbers nor the document', async () => {
    bed = await startSinchTestBed();
    await bed.sinch.deliverInbound({ url: inboundUrl(), to: TO, from: FROM, pdf: PDF });
    expectClean(JSON.stringify(bed.deps.logLines), { secrets: bed.secrets(), numbers: [TO, FROM], extra: ['Inbound referral'] });
  });
});
