import { FAX_FONTS, registerFaxFonts } from '../font/fax-font';
import type { DocumentLimits } from '../limits/document-limits';
import { PAGE_SIZES_PT, type PageSize } from '../page-size';
import { writePdf } from '../pdf/write-pdf';
import { decodeText, faxTextPages } from './fax-text-pages';
import { TEXT_STYLE } from './text-layout';

/** Input of the `text-to-pdf` worker task. */
export interface TextToPdfInput {
  text: Uint8Array | string;
  pageSize: PageSize;
  limits: DocumentLimits;
}

/** Sets a text in the fax font on `pageSize` pages (see `layoutText`) and returns the PDF. */
export async function textToPdfTask(input: TextToPdfInput): Promise<{ bytes: Uint8Array; pages: number }> {
  const text = typeof input.text === 'string' ? input.text : decodeText(Buffer.from(input.text.buffer, input.text.byteOffset, input.text.byteLength));
  const pages = faxTextPages(text, input.pageSize, input.limits);
  const { width, height } = PAGE_SIZES_PT[input.pageSize];
  const bytes = await writePdf((document) => {
    registerFaxFonts(document).font(FAX_FONTS.regular).fontSize(TEXT_STYLE.fontSize);
    for (const lines of pages) {
      document.addPage({ size: [width, height], margin: 0 });
      lines.forEach((line, row) => {
        if (line.trim() !== '') document.text(line, TEXT_STYLE.margin, TEXT_STYLE.margin + row * TEXT_STYLE.lineHeight, { lineBreak: false });
      });
    }
  });
  return { bytes, pages: pages.length };
}
