import { Readable } from 'node:stream';
import busboy from 'busboy';
import { encodeSinchMultipart } from './encode-sinch-multipart';
import { twoPagePdf } from './sinch-simulator.test-helpers';

function parseWithBusboy(body: Buffer, contentType: string): Promise<{ fields: Record<string, string>; files: Record<string, { fileName: string; mimeType: string; bytes: Buffer }> }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: Record<string, { fileName: string; mimeType: string; bytes: Buffer }> = {};
    const parser = busboy({ headers: { 'content-type': contentType } });
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => (files[name] = { fileName: info.filename ?? '', mimeType: info.mimeType, bytes: Buffer.concat(chunks) }));
    });
    parser.on('error', reject);
    parser.on('close', () => resolve({ fields, files }));
    Readable.from([body]).pipe(parser);
  });
}

describe('encodeSinchMultipart', () => {
  it('round-trips text, JSON text and file parts through busboy', async () => {
    const pdf = twoPagePdf();
    const encoded = encodeSinchMultipart([
      { name: 'event', value: 'FAX_COMPLETED' },
      { name: 'fax', value: '{"id":"f1","note":"a \\"quoted\\" ünïcode"}', contentType: 'application/json' },
      { name: 'file', fileName: 'f"1.pdf', contentType: 'application/pdf', bytes: pdf },
    ]);
    expect(encoded.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const parsed = await parseWithBusboy(encoded.body, encoded.contentType);
    expect(parsed.fields).toEqual({ event: 'FAX_COMPLETED', fax: '{"id":"f1","note":"a \\"quoted\\" ünïcode"}' });
    expect(parsed.files['file']).toEqual({ fileName: 'f%221.pdf', mimeType: 'application/pdf', bytes: pdf });
  });
});
