import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { DocumentError } from '../document.error';
import type { DocumentLimits } from '../limits/document-limits';
import { faxPageGeometry, type FaxResolution, type PageSize } from '../page-size';
import { toBilevel, type Halftone } from '../raster/bilevel';
import { writeFaxTiff, type FaxTiffPage } from '../tiff/fax-tiff.writer';
import { readTiffPages } from '../tiff/tiff-ifd.reader';
import { assertNoImageDropped } from './pdfjs-warnings';
import { loadPdfJs, openPdf } from './pdfjs';
import { renderPage } from './render-page';

/** Input of the `render-fax-tiff` worker task. */
export interface RenderFaxTiffInput {
  pdf: Uint8Array;
  pageSize: PageSize;
  resolution: FaxResolution;
  halftone: Halftone;
  limits: DocumentLimits;
}

/**
 * Renders every page of a PDF to a 1728-pixel-wide black-and-white page and writes them as one
 * multi-page CCITT G4 TIFF. Pages are rendered and encoded one at a time, so memory stays at one
 * page's raster whatever the page count.
 */
export async function renderFaxTiffTask(input: RenderFaxTiffInput): Promise<{ bytes: Uint8Array; pages: number }> {
  const pdfjs = await loadPdfJs();
  const document = await openPdf(input.pdf, input.limits);
  try {
    const box = faxPageGeometry(input.pageSize, input.resolution);
    const canvas = createCanvas(box.width, box.height);
    const pages: FaxTiffPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number).catch((error: unknown) => {
        throw new DocumentError('UNREADABLE', `The PDF is damaged: page ${number} cannot be read.`, { cause: error });
      });
      const rgba = await renderPage(pdfjs, page, canvas, box);
      page.cleanup();
      assertNoImageDropped(number, input.limits.maxImagePixels);
      pages.push(await encodeG4Page(toBilevel(rgba, box.width, box.height, input.halftone), box.width, box.height));
    }
    return { bytes: writeFaxTiff(pages, box), pages: pages.length };
  } finally {
    await document.destroy();
  }
}

/** G4-codes one page with sharp (libtiff); its strips are then copied into the fax TIFF. Exported for the benchmark. */
export async function encodeG4Page(bilevel: Buffer, width: number, height: number): Promise<FaxTiffPage> {
  const tiff = await sharp(bilevel, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true })
    .toBuffer();
  const [page] = readTiffPages(tiff);
  if (page === undefined || page.compression !== 4 || page.photometric !== 0) throw new Error('sharp did not write a white-is-zero G4 page');
  const strips = page.stripOffsets.map((offset, index) => tiff.subarray(offset, offset + (page.stripByteCounts[index] ?? 0)));
  return { width: page.width, height: page.height, rowsPerStrip: page.rowsPerStrip, strips };
}
