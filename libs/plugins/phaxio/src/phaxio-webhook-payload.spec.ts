import type { FormPart } from './form-body.parser';
import { documentOfWebhook, documentTypeOf, faxOfWebhook } from './phaxio-webhook-payload';

const field = (name: string, value: string): FormPart => ({ name, fileName: null, contentType: null, bytes: Buffer.from(value) });

describe('faxOfWebhook', () => {
  it('reads the v2.1 `fax` JSON field', () => {
    expect(faxOfWebhook([field('event_type', 'fax_completed'), field('fax', '{"id":5,"status":"success","num_pages":2}')])).toEqual(
      expect.objectContaining({ id: '5', status: 'success', numPages: 2 }),
    );
  });

  it('reads older fax[...] fields and flat fields', () => {
    expect(faxOfWebhook([field('fax[id]', '6'), field('fax[status]', 'failure'), field('fax[error_type]', 'lineError')])).toEqual(
      expect.objectContaining({ id: '6', status: 'failure', errorType: 'lineError' }),
    );
    expect(faxOfWebhook([field('id', '7'), field('status', 'success')])).toEqual(expect.objectContaining({ id: '7', status: 'success' }));
  });

  it.each([[[field('fax', 'not json')]], [[field('fax', '{"status":"success"}')]], [[field('other', 'x')]]])('gives null for %#', (parts) => {
    expect(faxOfWebhook(parts)).toBeNull();
  });
});

describe('documentOfWebhook and documentTypeOf', () => {
  it('takes the file part named file (or filename)', () => {
    const pdf = Buffer.from('%PDF-1.4');
    expect(documentOfWebhook([field('file', 'not a file'), { name: 'file', fileName: 'a.pdf', contentType: 'application/pdf', bytes: pdf }])).toEqual(pdf);
    expect(documentOfWebhook([{ name: 'filename', fileName: 'a.pdf', contentType: null, bytes: pdf }])).toEqual(pdf);
    expect(documentOfWebhook([field('fax', '{}')])).toBeNull();
  });

  it.each([
    ['%PDF-1.7', 'pdf'],
    ['II*\0rest', 'tiff'],
    ['MM\0*rest', 'tiff'],
    ['<html>', null],
  ])('%j is %s', (head, type) => {
    expect(documentTypeOf(Buffer.from(head, 'latin1'))).toBe(type);
  });
});
