import { FormBodyError, fieldText, parseFormBody } from './form-body.parser';

const CT = 'multipart/form-data; boundary=XyZ';

function multipart(parts: string[]): Buffer {
  return Buffer.from(`preamble\r\n${parts.map((part) => `--XyZ\r\n${part}\r\n`).join('')}--XyZ--\r\n`, 'latin1');
}

describe('parseFormBody', () => {
  it('reads fields and file parts, keeping the exact bytes', () => {
    const parts = parseFormBody(
      multipart([
        'Content-Disposition: form-data; name="fax"\r\n\r\n{"id":1}',
        'Content-Disposition: form-data; name="file"; filename="Fax \\"1\\".pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--X\x00\xff',
      ]),
      CT,
    );
    expect(parts).toEqual([
      { name: 'fax', fileName: null, contentType: null, bytes: Buffer.from('{"id":1}') },
      { name: 'file', fileName: 'Fax "1".pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF\r\n--X\x00\xff', 'latin1') },
    ]);
    expect(fieldText(parts, 'fax')).toBe('{"id":1}');
    expect(fieldText(parts, 'file')).toBeNull();
  });

  it('reads a quoted boundary, an empty value and UTF-8 text', () => {
    const body = Buffer.from('--a b\r\nContent-Disposition: form-data; name="x"\r\n\r\n\r\n--a b\r\nContent-Disposition: form-data; name=y\r\n\r\né\r\n--a b--', 'utf8');
    const parts = parseFormBody(body, 'multipart/form-data; boundary="a b"');
    expect(parts.map((part) => [part.name, part.bytes.toString('utf8')])).toEqual([
      ['x', ''],
      ['y', 'é'],
    ]);
  });

  it('reads url-encoded bodies', () => {
    const parts = parseFormBody(Buffer.from('fax%5Bid%5D=12&status=success+ok'), 'application/x-www-form-urlencoded; charset=utf-8');
    expect(parts.map((part) => [part.name, part.bytes.toString()])).toEqual([
      ['fax[id]', '12'],
      ['status', 'success ok'],
    ]);
  });

  it.each([
    ['a JSON body', Buffer.from('{}'), 'application/json'],
    ['no boundary', Buffer.from('x'), 'multipart/form-data'],
    ['a missing boundary', Buffer.from('nothing here'), CT],
    ['an unclosed body', Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'), CT],
    ['a part without a name', multipart(['Content-Disposition: form-data\r\n\r\nv']), CT],
    ['a part without headers end', Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"'), CT],
    ['too many parts', multipart(Array.from({ length: 201 }, () => 'Content-Disposition: form-data; name="a"\r\n\r\nv')), CT],
  ])('refuses %s', (_case, body, contentType) => {
    expect(() => parseFormBody(body, contentType)).toThrow(FormBodyError);
  });
});
