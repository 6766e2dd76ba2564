import { countDocumentPages } from './count-document-pages';
import { twoPagePdf } from './sinch-simulator.test-helpers';

describe('countDocumentPages', () => {
  it.each([
    [twoPagePdf(), 2],
    [Buffer.from('%PDF-1.4\n/Type /Pages /Count 0\n'), 1],
    [Buffer.from('plain text'), 1],
  ])('counts %#', (bytes, pages) => {
    expect(countDocumentPages(bytes)).toBe(pages);
  });
});
