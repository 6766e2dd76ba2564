import { parseSinchCallback, SinchCallbackParseError } from './parse-sinch-callback';

async function multipart(entries: Array<[string, string | Blob, string?]>): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value, fileName] of entries) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, fileName);
  }
  const request = new Request('http://x/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}

const PDF = Buffer.from('%PDF-1.4 tiny');

describe('parseSinchCallback', () => {
  it('reads a multipart callback: event, fax id and the file part', async () => {
    const { body, contentType } = await multipart([
      ['event', 'INCOMING_FAX'],
      ['eventTime', '2024-05-01T10:00:00Z'],
      ['fax', JSON.stringify({ id: 'f-1', status: 'COMPLETED' })],
      ['file', new Blob([PDF], { type: 'application/pdf' }), 'f-1.pdf'],
    ]);
    expect(await parseSinchCallback(body, contentType)).toEqual({ event: 'INCOMING_FAX', faxId: 'f-1', file: PDF });
  });

  it('reads a fax part sent as a file', async () => {
    const { body, contentType } = await multipart([['fax', new Blob([JSON.stringify({ id: 'f-2' })], { type: 'application/json' }), 'fax.json']]);
    expect(await parseSinchCallback(body, contentType)).toEqual({ event: null, faxId: 'f-2', file: null });
  });

  it('reads a JSON callback with a base64 file', async () => {
    const body = Buffer.from(JSON.stringify({ event: 'FAX_COMPLETED', fax: { id: 'f-3' }, file: PDF.toString('base64'), fileType: 'PDF' }));
    expect(await parseSinchCallback(body, 'application/json; charset=utf-8')).toEqual({ event: 'FAX_COMPLETED', faxId: 'f-3', file: PDF });
  });

  it.each([
    [{ id: 'legacy-1', from: '+1', to: '+2' }, 'legacy-1'],
    [{ fax_id: 'legacy-2' }, 'legacy-2'],
    [{ fax: JSON.stringify({ id: 'nested-text' }) }, 'nested-text'],
  ])("reads the original /sinch-inbound keys %j", async (json, id) => {
    expect((await parseSinchCallback(Buffer.from(JSON.stringify(json)), 'application/json')).faxId).toBe(id);
  });

  it('reads a url-encoded callback', async () => {
    const body = Buffer.from(new URLSearchParams({ event: 'FAX_COMPLETED', fax: JSON.stringify({ id: 'f-4' }) }).toString());
    expect(await parseSinchCallback(body, 'application/x-www-form-urlencoded')).toEqual({ event: 'FAX_COMPLETED', faxId: 'f-4', file: null });
  });

  it.each([
    ['broken JSON', Buffer.from('{"fax":'), 'application/json'],
    ['a JSON array', Buffer.from('[]'), 'application/json'],
    ['no fax id', Buffer.from('{"event":"FAX_COMPLETED","fax":{}}'), 'application/json'],
    ['a fax part that is not JSON', Buffer.from('{"fax":"nope"}'), 'application/json'],
    ['an unknown type', Buffer.from('hello'), 'text/plain'],
    ['a broken multipart body', Buffer.from('--x\r\nbroken'), 'multipart/form-data; boundary=x'],
  ])('refuses %s', async (_name, body, contentType) => {
    await expect(parseSinchCallback(body, contentType)).rejects.toBeInstanceOf(SinchCallbackParseError);
  });
});
