import { createHmac } from 'node:crypto';
import { startSinchSimulator } from './start-sinch-simulator';
import type { SinchSimulator } from './sinch-simulator.types';
import { basic, parseMultipart, startTestReceiver, twoPagePdf, type TestReceiver } from './sinch-simulator.test-helpers';

jest.setTimeout(30_000);

async function send(sinch: SinchSimulator, to: string, callbackUrl: string): Promise<string> {
  const form = new FormData();
  form.append('to', to);
  form.append('callbackUrl', callbackUrl);
  form.append('file', new Blob([twoPagePdf()], { type: 'application/pdf' }), 'fax.pdf');
  const response = await fetch(`${sinch.url}/projects/${sinch.projectId}/faxes`, { method: 'POST', headers: { authorization: basic(sinch.keyId, sinch.keySecret) }, body: form });
  return ((await response.json()) as { id: string }).id;
}

async function faxPart(body: Buffer, contentType: string): Promise<Record<string, unknown>> {
  return JSON.parse(String((await parseMultipart(body, contentType)).get('fax'))) as Record<string, unknown>;
}

describe('Sinch simulator callbacks', () => {
  let sinch: SinchSimulator;
  let receiver: TestReceiver;

  beforeEach(async () => {
    receiver = await startTestReceiver();
  });

  afterEach(async () => {
    await sinch.close();
    await receiver.close();
  });

  it('delivers duplicates of every callback when configured', async () => {
    sinch = await startSinchSimulator({ queuedMs: 10, inProgressMs: 20, duplicateCallbacks: 2 });
    const id = await send(sinch, '+15550100000', receiver.url);
    await receiver.waitForRequests(3);
    expect(sinch.callbacks.filter((callback) => callback.faxId === id).map((callback) => callback.repeated)).toEqual([false, true, true]);
    expect(new Set(receiver.requests.map((request) => request.body.toString('latin1'))).size).toBe(1);
  });

  it('redelivers the last callback byte for byte, as a Sinch retry', async () => {
    sinch = await startSinchSimulator({ queuedMs: 10, inProgressMs: 20 });
    const id = await send(sinch, '+15550100000', receiver.url);
    const first = await sinch.waitForCallback(id);
    const again = await sinch.redeliverCallback(id);
    expect(again.body).toEqual(first.body);
    expect(again.repeated).toBe(true);
    expect(again.status).toBe(200);
  });

  it('delivers a stale callback after the final one while the API keeps the real status', async () => {
    sinch = await startSinchSimulator({ queuedMs: 10, inProgressMs: 20 });
    const id = await send(sinch, '+15550100001', receiver.url);
    await sinch.waitForCallback(id);
    const stale = await sinch.deliverStaleCallback(id, 'IN_PROGRESS');
    const staleFax = await faxPart(stale.body, stale.headers['content-type'] as string);
    expect(staleFax['status']).toBe('IN_PROGRESS');
    expect(staleFax['errorType']).toBeUndefined();
    expect(sinch.faxes.get(id)?.status).toBe('FAILURE');
  });

  it('holds callbacks and releases them out of order', async () => {
    sinch = await startSinchSimulator({ queuedMs: 10, inProgressMs: 20 });
    sinch.holdCallbacks();
    const first = await send(sinch, '+15550100000', receiver.url);
    await sinch.waitForStatus(first, 'COMPLETED');
    const second = await send(sinch, '+15550100001', receiver.url);
    await sinch.waitForStatus(second, 'FAILURE');
    expect(receiver.requests).toHaveLength(0);
    const released = await sinch.releaseCallbacks('reversed');
    expect(released.map((callback) => callback.faxId)).toEqual([second, first]);
    expect(released.map((callback) => callback.status)).toEqual([200, 200]);
  });

  it('records a delivery the target never got', async () => {
    sinch = await startSinchSimulator({ queuedMs: 10, inProgressMs: 20 });
    const closed = await startTestReceiver();
    await closed.close();
    const id = await send(sinch, '+15550100000', closed.url);
    const callback = await sinch.waitForCallback(id);
    expect(callback.status).toBeNull();
    expect(callback.error).toBe('ECONNREFUSED');
  });

  it('signs callbacks when a signing secret is configured (a relay, not Sinch)', async () => {
    sinch = await startSinchSimulator({ queuedMs: 10, inProgressMs: 20, callbackSigningSecret: 'relay-secret' });
    const id = await send(sinch, '+15550100000', receiver.url);
    const callback = await sinch.waitForCallback(id);
    expect(callback.headers['x-sinch-signature']).toBe(createHmac('sha256', 'relay-secret').update(callback.body).digest('hex'));
  });

  describe('inbound', () => {
    beforeEach(async () => {
      sinch = await startSinchSimulator();
    });

    it('creates a received fax and posts INCOMING_FAX with the PDF as the file part', async () => {
      const url = `${receiver.url.replace('http://', 'http://in-user:in-pass@')}/webhooks/sinch/inbound`;
      const { fax, callback } = await sinch.deliverInbound({ url, to: '+15550142000', from: '+15550153000', pdf: twoPagePdf() });
      expect(callback.status).toBe(200);
      const [request] = receiver.requests;
      expect(request?.headers.authorization).toBe(basic('in-user', 'in-pass'));
      const form = await parseMultipart(request?.body ?? Buffer.alloc(0), String(request?.headers['content-type']));
      expect(form.get('event')).toBe('INCOMING_FAX');
      expect(JSON.parse(String(form.get('fax')))).toEqual(expect.objectContaining({ id: fax.id, direction: 'INBOUND', to: '+15550142000', from: '+15550153000', numberOfPages: 2, status: 'COMPLETED' }));
      expect(Buffer.from(await (form.get('file') as Blob).arrayBuffer())).toEqual(twoPagePdf());
      const byId = await fetch(`${sinch.url}/projects/${sinch.projectId}/faxes/${fax.id}/file.pdf`, { headers: { authorization: basic(sinch.keyId, sinch.keySecret) } });
      expect(Buffer.from(await byId.arrayBuffer())).toEqual(twoPagePdf());
    });

    it('posts JSON with a base64 file, or no file at all when asked', async () => {
      await sinch.deliverInbound({ url: receiver.url, to: '+15550142000', pdf: twoPagePdf(), contentType: 'application/json' });
      await sinch.deliverInbound({ url: receiver.url, to: '+15550142000', pdf: twoPagePdf(), attachFile: false });
      const json = JSON.parse(receiver.requests[0]?.body.toString('utf8') ?? '{}') as Record<string, unknown>;
      expect(json).toEqual(expect.objectContaining({ event: 'INCOMING_FAX', fileType: 'PDF', file: twoPagePdf().toString('base64') }));
      expect(receiver.requests[0]?.headers.authorization).toBeUndefined();
      const form = await parseMultipart(receiver.requests[1]?.body ?? Buffer.alloc(0), String(receiver.requests[1]?.headers['content-type']));
      expect(form.has('file')).toBe(false);
    });
  });
});
