import { parseInboundPayload } from './inbound-payload';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('parseInboundPayload', () => {
  it('reads a full delivery as the dialplan posts it', () => {
    expect(
      parseInboundPayload(body({ tiff_path: '/var/spool/faxbot/in/1.tiff', to_number: '+15551230000', from_number: '15559870000', faxstatus: 'success', faxpages: '3', uniqueid: '1767225600.42' })),
    ).toEqual({ tiffPath: '/var/spool/faxbot/in/1.tiff', to: '+15551230000', from: '15559870000', faxStatus: 'SUCCESS', pages: 3, uniqueid: '1767225600.42' });
  });

  it('accepts the optional fields missing or empty', () => {
    expect(parseInboundPayload(body({ tiff_path: 'in/1.tiff', to_number: '5551230000', from_number: '', faxpages: '' }))).toEqual({
      tiffPath: 'in/1.tiff',
      to: '5551230000',
      from: null,
      faxStatus: null,
      pages: null,
      uniqueid: null,
    });
  });

  it.each([
    ['not JSON', Buffer.from('tiff_path=/x')],
    ['an array', body([])],
    ['no tiff_path', body({ to_number: '+1555' })],
    ['no to_number', body({ tiff_path: '/x.tiff' })],
    ['a numeric to_number', body({ tiff_path: '/x.tiff', to_number: 15551230000 })],
    ['a to_number with shell characters', body({ tiff_path: '/x.tiff', to_number: '1555;rm -rf /' })],
    ['a NUL in the path', body({ tiff_path: '/x.tiff\0', to_number: '+1555' })],
    ['a uniqueid with a slash', body({ tiff_path: '/x.tiff', to_number: '+1555', uniqueid: '../1' })],
    ['non-numeric pages', body({ tiff_path: '/x.tiff', to_number: '+1555', faxpages: 'three' })],
    ['an object as from_number', body({ tiff_path: '/x.tiff', to_number: '+1555', from_number: {} })],
  ])('refuses %s', (_name, raw) => {
    expect(parseInboundPayload(raw)).toBeNull();
  });
});
