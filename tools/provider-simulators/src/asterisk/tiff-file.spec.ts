import { countTiffPages, isTiff } from './tiff-file';

/** A TIFF with `pages` empty directories chained together, in either byte order. */
function tiff(pages: number, order: 'II' | 'MM' = 'II'): Buffer {
  const out = Buffer.alloc(8 + pages * 6);
  const little = order === 'II';
  out.write(order, 0, 'latin1');
  const u16 = (value: number, at: number) => (little ? out.writeUInt16LE(value, at) : out.writeUInt16BE(value, at));
  const u32 = (value: number, at: number) => (little ? out.writeUInt32LE(value, at) : out.writeUInt32BE(value, at));
  u16(42, 2);
  u32(pages === 0 ? 0 : 8, 4);
  for (let page = 0; page < pages; page += 1) {
    const at = 8 + page * 6;
    u16(0, at);
    u32(page === pages - 1 ? 0 : at + 6, at + 2);
  }
  return out;
}

describe('TIFF checks', () => {
  it.each([
    [tiff(1), 1],
    [tiff(3), 3],
    [tiff(2, 'MM'), 2],
  ])('counts the pages of a well-formed TIFF (%#)', (bytes, pages) => {
    expect(isTiff(bytes)).toBe(true);
    expect(countTiffPages(bytes)).toBe(pages);
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.4\n')],
    ['too short', Buffer.from('II*')],
    ['a wrong magic number', Buffer.from('II+\0\0\0\0\0')],
  ])('refuses %s', (_name, bytes) => {
    expect(isTiff(bytes)).toBe(false);
    expect(countTiffPages(bytes)).toBe(0);
  });

  it('calls a looping directory chain malformed', () => {
    const bytes = tiff(1);
    bytes.writeUInt32LE(8, 10);
    expect(countTiffPages(bytes)).toBe(0);
  });
});
